/** The admin API's answers, as the app uses them (docs/admin-api.md; the routes are the source of truth). */
import type { Static } from "typebox";
import type {
  ArticleDto,
  ArticleStatusSchema,
  PendingDto,
  RevisionLabelSchema,
  RevisionListSchema,
  VersionFieldsSchema,
} from "../../src/newsroom/articles.schemas.js";
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
  /** The newsroom requires two-factor sign-in of this member, who has not set it up: only setup works. */
  twoFactorSetupRequired: boolean;
}

export type TwoFactorRequirement = "none" | "editors_and_owners" | "all_staff";

export interface Edition {
  code: string;
  name: string;
  /** Language of the edition's text (BCP 47), for `lang` on its titles. */
  language?: string;
  timeZone: string;
  basePath: string;
}

export type ArticleStatus = Static<typeof ArticleStatusSchema>;

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

/** The server's answers with the body typed as the document the editor edits. */
type WithBody<T> = Omit<T, "body"> & { body: BodyDocument };

export type Article = Omit<WithBody<ArticleDto>, "pending" | "kind"> & {
  /** "live": a live blog, whose entries are managed in the Live panel. */
  kind?: ArticleDto["kind"];
  /** Edits of a published or scheduled article waiting for "Update", or null. */
  pending: PendingRevision | null;
};

/** The editable content of one version. */
export type VersionFields = WithBody<Static<typeof VersionFieldsSchema>>;
export type PendingRevision = WithBody<PendingDto>;
export type RevisionLabel = Static<typeof RevisionLabelSchema>;
export type RevisionList = Static<typeof RevisionListSchema>;
export type Revision = RevisionList["items"][number];

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
  leadMediaId: number | null;
  thumbnailUrl: string | null;
}

export interface Page<T, C = string> {
  items: T[];
  nextCursor: C | null;
}

export interface Media {
  id: number;
  /** Older answers (and the demo) have images only. */
  kind?: "image" | "audio" | "document";
  mime?: string;
  byteSize?: number | null;
  durationMs?: number | null;
  pageCount?: number | null;
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

/** Where an image is used (GET /admin/api/media/{id}/usage). */
export interface MediaUsage {
  stories: {
    id: number;
    title: string;
    edition: string;
    status: ArticleStatus;
    places: ("lead" | "body" | "pending" | "live entry")[];
    editUrl: string;
  }[];
  profiles: { staffId: number; name: string }[];
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

/** A layer's title, note and event descriptions in a language other than its own. */
export interface MapLayerTranslation {
  title: string;
  note: string | null;
  /** Event descriptions by feature number, from 1. */
  events: Record<string, string>;
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
  /** A draft is on no reader page; only the newsroom's preview shows it. */
  status: "draft" | "published";
  publishedAt: string | null;
  /** The language the layer's own title, note and event descriptions are in. */
  language: string;
  translations: Record<string, MapLayerTranslation>;
}

/** A layer with its GeoJSON, as the texts editor reads its events. */
export interface MapLayer extends MapLayerSummary {
  geojson: { features: { properties: { kind?: string; description?: string; time?: string } }[] };
}
