/** The admin API's answers, as the app uses them (docs/admin-api.md; the routes are the source of truth). */
import type { BodyDocument } from "../../src/newsroom/body.types.js";
import type { Role } from "./permissions.js";

export interface Staff {
  id: number;
  email: string;
  name: string;
  role: Role;
  status: "active" | "disabled";
  twoFactor: boolean;
}

export interface SignedIn {
  staff: Staff;
  csrfToken: string;
}

export interface Edition {
  code: string;
  name: string;
  /** Language of the edition's text (BCP 47), for `lang` on its titles. */
  language?: string;
  timeZone: string;
  basePath: string;
}

export type ArticleStatus = "draft" | "in_review" | "scheduled" | "published" | "archived";

export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  scheduled: "Scheduled",
  published: "Published",
  archived: "Archived",
};

export interface LeadImage {
  mediaId: number;
  caption: string | null;
  credit: string | null;
  alt: string | null;
}

export interface Article {
  id: number;
  edition: string;
  slug: string;
  status: ArticleStatus;
  title: string;
  dek: string | null;
  body: BodyDocument;
  section: number | null;
  tags: number[];
  authors: number[];
  leadImage: LeadImage | null;
  sourceAttribution: string | null;
  seoTitle: string | null;
  seoDescription: string | null;
  breaking: boolean;
  featured: boolean;
  /** Whether the edition's video of the day shows in the story (never when the body has a video). */
  videoOfTheDay: boolean;
  /** For a scheduled article, the time it will be published. */
  publishedAt: string | null;
  scheduledFor?: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  url: string;
  /** "live": a live blog, whose entries are managed in the Live panel. */
  kind?: "standard" | "live";
  liveEndedAt?: string | null;
  translationGroup?: string | null;
  translatedFrom?: number | null;
  /** The version the fields above (what the site shows) are at; `version` also counts pending saves. */
  liveVersion: number;
  /** Edits of a published or scheduled article waiting for "Update", or null. */
  pending: PendingRevision | null;
  warnings?: string[];
}

/** The editable content of one version. */
export interface VersionFields {
  title: string;
  slug: string;
  dek: string | null;
  body: BodyDocument;
  section: number | null;
  tags: number[];
  authors: number[];
  leadImage: LeadImage | null;
  sourceAttribution: string | null;
  seoTitle: string | null;
  seoDescription: string | null;
  breaking: boolean;
  featured: boolean;
  videoOfTheDay: boolean;
}

export interface PendingRevision extends VersionFields {
  version: number;
  savedAt: string;
  savedBy: string | null;
  savedById: number | null;
  restoredFrom: number | null;
}

export type RevisionLabel =
  | "created"
  | "autosave"
  | "submitted"
  | "published"
  | "scheduled"
  | "updated"
  | "restored"
  | "unpublished"
  | "archived"
  | "saved";

export interface Revision {
  version: number;
  createdAt: string;
  staffId: number | null;
  staffName: string | null;
  label: RevisionLabel;
  pending: boolean;
  restoredFrom: number | null;
  live: boolean;
}

export interface RevisionList {
  liveVersion: number;
  pendingVersion: number | null;
  items: Revision[];
}

export interface RevisionContent extends VersionFields {
  version: number;
  live: boolean;
  isPending: boolean;
  bodyText: string;
}

export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

export interface RevisionDiff {
  from: number;
  to: number;
  changed: boolean;
  title: DiffPart[];
  dek: DiffPart[];
  body: DiffPart[];
}

export interface ArticleSummary {
  id: number;
  edition: string;
  slug: string;
  status: ArticleStatus;
  title: string;
  publishedAt: string | null;
  updatedAt: string;
  version: number;
  url: string;
}

export interface Page<T, C = string> {
  items: T[];
  nextCursor: C | null;
}

export interface Media {
  id: number;
  url: string;
  thumbnailUrl?: string;
  fileKey?: string;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  createdAt?: string;
}

export type TermKind = "sections" | "tags" | "people";

export interface Term {
  id: number;
  edition: string;
  slug: string;
  name: string;
  role?: string | null;
  bio?: string | null;
  /** People only: the staff member whose byline this is (name and bio come from their profile). */
  staffId?: number | null;
}

export type ProfileLanguage = "uk" | "ru" | "en";

/** A staff member's byline profile (GET /admin/api/profiles/:staffId). */
export interface StaffProfile {
  staffId: number;
  names: Record<ProfileLanguage, string | null>;
  bios: Record<ProfileLanguage, string | null>;
  photoMediaId: number | null;
  links: { label: string; url: string }[];
  bylines: { edition: string; personId: number; slug: string; name: string }[];
  updatedAt: string;
}

export interface Video {
  provider: "youtube" | "vimeo";
  videoId: string;
  title: string;
}

export type Promo =
  | {
      type: "newsletter";
      list: string;
      title: string;
      description: string;
      language: "uk" | "ru" | "en";
      cadence: string;
    }
  | { type: "map"; title: string; description: string; href: string }
  | { type: "support"; title: string; description: string }
  | { type: "follow" };

export interface EditionSettings {
  siteName: string;
  videoOfTheDay: Video | null;
  articlePromos: Promo[];
  follow: { x?: string; facebook?: string; googleNews?: string; telegram?: string };
  supportUrl: string;
}

export interface StaffSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  current: boolean;
}

export interface IntegrationToken {
  id: number;
  name: string;
  /** The role it was given. */
  role: Role;
  /** The role it acts with now: never above its creator's; null when it is refused. */
  effectiveRole: Role | null;
  status: "active" | "limited" | "creator_disabled" | "creator_unknown";
  /** Whom it acts for; null for a token made at the command line before there was an owner. */
  creator: { id: number; name: string; email: string; role: Role; status: "active" | "disabled" } | null;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A place an article names (maps capability): the geotagger's find or an editor's decision. */
export interface PlaceTag {
  slug: string;
  state: "auto" | "confirmed" | "removed";
  mentions: number;
  kind: "settlement" | "oblast" | "region";
  names: { uk: string; ru: string; en: string };
}

export interface PlaceSuggestion {
  slug: string;
  kind: "settlement" | "oblast" | "region";
  oblast: string | null;
  names: { uk: string; ru: string; en: string };
}

export interface BattleMap {
  id: number;
  slug: string;
  texts: Record<string, { title: string; description: string }>;
  center: { lat: number; lon: number };
  zoom: number;
  createdAt: string;
  updatedAt: string;
}

export interface MapLayerSummary {
  id: number;
  mapId: number;
  validOn: string;
  title: string;
  note: string | null;
  featureCount: number;
  createdAt: string;
  updatedAt: string;
}
