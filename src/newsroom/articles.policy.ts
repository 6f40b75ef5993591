import { AppError } from "../errors.js";
import { type Role, roleRank } from "../staff/roles.shared.js";

export type ArticleAction =
  | "view"
  | "create"
  | "edit"
  | "submit"
  | "publish"
  | "schedule"
  | "unpublish"
  | "archive"
  | "restore"
  /** Make the pending revision of a live article live ("Update"): as publishing. */
  | "update"
  /** Drop the pending revision ("Discard changes"): as editing. */
  | "discard"
  /** Send a story in review back to its author with a message: editors and above only. */
  | "return";

export interface ArticleSubject {
  created_by: number | null;
  /** Set when an integration token created the article, so the token owns what it wrote. */
  created_by_token?: number | null;
  status: string;
}

export interface Principal {
  role: Role;
  staffId: number | null;
  tokenId?: number | null;
}

const EDITABLE_BY_CONTRIBUTOR = new Set(["draft", "in_review"]);

/**
 * Who may do what to an article. Contributors write and submit their own drafts; authors also
 * publish their own; editors and above act on every article. Saving a pending revision is an
 * edit; making it live ("update") is a publication, so it takes whoever may publish; discarding
 * it takes whoever may edit. Pure, so it is tested as a matrix.
 */
export function canArticle(principal: Principal, action: ArticleAction, article?: ArticleSubject): boolean {
  const rank = roleRank(principal.role);
  if (rank >= roleRank("editor")) return true;
  if (action === "create") return true;
  // Reviewing is the editors' job: below them nobody returns a story, not even their own.
  if (action === "return") return false;
  if (!article) return action === "view";
  const own =
    principal.tokenId !== undefined && principal.tokenId !== null
      ? article.created_by_token === principal.tokenId
      : principal.staffId !== null && article.created_by === principal.staffId;
  if (!own) return false;
  if (principal.role === "contributor") {
    if (action === "view") return true;
    if (action === "edit" || action === "restore" || action === "discard") {
      return EDITABLE_BY_CONTRIBUTOR.has(article.status);
    }
    return action === "submit" && article.status === "draft";
  }
  // author, own article
  return true;
}

export type NewsroomAction =
  | "uploadMedia"
  | "editMedia"
  | "deleteMedia"
  | "manageTaxonomy"
  | "editPromos"
  | "editSiteSettings"
  | "editPodcast"
  | "raiseBanner"
  | "appendCorrection";

const MINIMUM: Record<NewsroomAction, Role> = {
  uploadMedia: "contributor",
  editMedia: "contributor",
  // Deleting is for the whole library (and only of unused images), so it is an editor's call.
  deleteMedia: "editor",
  manageTaxonomy: "editor",
  editPromos: "editor",
  editSiteSettings: "admin",
  // The show speaks for the edition in podcast directories, like its promos.
  editPodcast: "editor",
  // Both speak for the whole newsroom on the public site, so they are editors' calls.
  raiseBanner: "editor",
  appendCorrection: "editor",
};

/** Newsroom-wide actions: media, sections/tags/people, and edition settings. */
export function canNewsroom(role: Role, action: NewsroomAction): boolean {
  return roleRank(role) >= roleRank(MINIMUM[action]);
}

/** Who uploaded an image; both null for images from before uploads were recorded (or the importer). */
export interface MediaSubject {
  uploaded_by: number | null;
  uploaded_by_token: number | null;
}

/**
 * Whether the principal may change an image's alt text, caption and credit: editors and above
 * every image; contributors and authors only what they (or, for a token, that token) uploaded.
 * An image without a known uploader is an editor's to change.
 */
export function canEditMedia(principal: Principal, media: MediaSubject): boolean {
  if (roleRank(principal.role) >= roleRank("editor")) return true;
  if (principal.tokenId !== undefined && principal.tokenId !== null) {
    return media.uploaded_by_token === principal.tokenId;
  }
  return principal.staffId !== null && media.uploaded_by === principal.staffId && media.uploaded_by_token === null;
}

/** Stops a request with `forbidden` unless the principal may see (or edit) the article. */
export function requireArticleAccess(principal: Principal, action: "view" | "edit", article?: ArticleSubject): void {
  if (!canArticle(principal, action, article)) {
    throw new AppError(
      "forbidden",
      action === "view" ? "You may not see this article." : "You may not edit this article.",
    );
  }
}
