import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * Row types of every table. Times are ISO-8601 UTC strings of fixed width
 * ("2026-03-21T17:30:00.000Z") in both dialects, so they sort as text and
 * keyset cursors compare the same way on SQLite and PostgreSQL.
 * Flags are 0/1 integers for the same reason.
 */
export interface EditionsTable {
  code: string;
  name: string;
  locale: string;
  time_zone: string;
  base_path: string;
  position: number;
}

export interface SectionsTable {
  id: Generated<number>;
  edition_code: string;
  slug: string;
  name: string;
  position: number;
}

export interface TagsTable {
  id: Generated<number>;
  edition_code: string;
  slug: string;
  name: string;
}

export interface PeopleTable {
  id: Generated<number>;
  edition_code: string;
  slug: string;
  name: string;
  role: string | null;
  bio: string | null;
  /** Set when the person is a staff member: the row is their byline in this edition (see staff_profiles). */
  staff_id: number | null;
}

/** A staff member's byline identity, shared by every edition (migration 011). */
export interface StaffProfilesTable {
  staff_id: number;
  name_uk: string | null;
  name_ru: string | null;
  name_en: string | null;
  bio_uk: string | null;
  bio_ru: string | null;
  bio_en: string | null;
  photo_media_id: number | null;
  /** JSON array of `{ label, url }`, http(s) URLs only. */
  links: string;
  created_at: string;
  updated_at: string;
}

export interface MediaTable {
  id: Generated<number>;
  file_key: string;
  mime: string;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  created_at: string;
  /** The staff member who uploaded it; null for an upload by a token, the importer, or from before migration 009. */
  uploaded_by: number | null;
  /** The integration token that uploaded it, if one did. */
  uploaded_by_token: number | null;
  /** Size of the stored file in bytes (audio and documents; an RSS enclosure's length). Null for images. */
  byte_size: Generated<number | null>;
  /** Length of an audio clip, read from its bytes at upload. */
  duration_ms: Generated<number | null>;
  /** Pages of a PDF document. */
  page_count: Generated<number | null>;
  /** JSON list of what the upload's (stripped) EXIF carried: "location", "time" (migration 027). */
  exif_traces: Generated<string>;
}

/** An edition's podcast: its episodes are the edition's published articles of kind "audio" (migration 025). */
export interface PodcastShowsTable {
  edition_code: string;
  title: string;
  description: string;
  author: string;
  /** An Apple Podcasts category, e.g. "News" or "News/Politics" (category/subcategory). */
  category: string;
  explicit: number;
  /** Square artwork, at least 3000 px, from the media library. */
  artwork_media_id: number | null;
  updated_at: string;
}
export type PodcastShowRow = Selectable<PodcastShowsTable>;

export type ArticleStatus = "draft" | "in_review" | "scheduled" | "published" | "archived";

export interface ArticlesTable {
  id: Generated<number>;
  edition_code: string;
  slug: string;
  status: ArticleStatus;
  title: string;
  dek: string | null;
  section_id: number | null;
  lead_media_id: number | null;
  body: string;
  source_attribution: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  translation_group: string | null;
  is_breaking: number;
  is_featured: number;
  /** Bumped by every saved change; a save based on an older version is refused (409). */
  version: Generated<number>;
  seo_title: string | null;
  seo_description: string | null;
  /** Per-article overrides of the lead image's caption, credit and alt text. */
  lead_caption: string | null;
  lead_credit: string | null;
  lead_alt: string | null;
  created_by: number | null;
  created_by_token: number | null;
  submitted_at: string | null;
  /** "live": a running page of timestamped entries (live_entries) instead of one finished story. */
  kind: Generated<ArticleKind>;
  /** When the live coverage was ended; null while it runs (and for standard articles). */
  live_ended_at: string | null;
  /** The article this one was translated from (both share `translation_group`). */
  translated_from: number | null;
  /** The version the row's content (what the site shows) is at; `version` also counts pending saves. */
  live_version: Generated<number>;
  /** 1: the edition's video of the day shows in the story (unless its body has a video); 0: never. */
  video_of_the_day: Generated<number>;
  /** JSON list of the fields still in the source's language (translation-todo.shared.ts); "[]" for others. */
  untranslated: Generated<string>;
  /** 1 while the draft's slug is made from its headline; 0 once edited by hand, published or scheduled. */
  slug_follows_title: Generated<number>;
  /** The note an editor left when returning the story to its author (migration 015); null otherwise. */
  return_note: string | null;
  return_note_by: string | null;
  return_note_at: string | null;
  /** Not before this UTC instant (migration 027): publishing or scheduling earlier is refused. */
  embargo_until: string | null;
  /** When the reported event happened, as the author typed it (UTC); the publication check's delay counts from it. */
  event_at: string | null;
}

export type ArticleKind = "standard" | "live" | "audio";

export interface LiveEntriesTable {
  id: Generated<number>;
  article_id: number;
  headline: string | null;
  /** JSON body document, checked by the same validator as article bodies. */
  body: string;
  staff_id: number | null;
  /** A byline person of the article's edition, when the entry is signed. */
  person_id: number | null;
  author_name: string | null;
  pinned: number;
  created_at: string;
  updated_at: string;
  /** When the text last changed after posting (readers see "edited"); null if never. */
  edited_at: Generated<string | null>;
}

/** One saved text of a live entry, the first as posted: the entry's own small history. */
export interface LiveEntryRevisionsTable {
  id: Generated<number>;
  entry_id: number;
  article_id: number;
  headline: string | null;
  body: string;
  /** Who saved this text. */
  staff_id: number | null;
  author_name: string | null;
  created_at: string;
}

export type ArticleNoteKind = "correction" | "update";

/** Corrections and update notes appended to a published article; never edited, so the record stays honest. */
export interface ArticleNotesTable {
  id: Generated<number>;
  article_id: number;
  kind: ArticleNoteKind;
  text: string;
  staff_id: number | null;
  created_at: string;
}

export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  /** JSON of the article's editable fields at that version. */
  snapshot: string;
  staff_id: number | null;
  author_name: string | null;
  created_at: string;
  /** What made this version: created, autosave, submitted, published, updated, restored… */
  label: Generated<RevisionLabel>;
  /** 1 when the version was saved as a pending revision of a live article (the site did not change). */
  pending: Generated<number>;
  /** For a `restored` version, the version it brought back. */
  restored_from: number | null;
  token_id: number | null;
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
  | "returned"
  | "saved"
  /** The publication check refused a scheduled story at its time: it went back to review. */
  | "held";

/** The pending revision of a published or scheduled article: edits waiting for "Update". */
export interface ArticlePendingTable {
  article_id: number;
  version: number;
  /** JSON of the editable fields, as a revision snapshot. */
  snapshot: string;
  staff_id: number | null;
  author_name: string | null;
  /** Set when the pending revision began as a restore of that version. */
  restored_from: number | null;
  saved_at: string;
}

export type JobStatus = "pending" | "running" | "done" | "failed";

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  run_at: string;
  status: JobStatus;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: string | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
  position: number;
}

export interface ArticleAuthorsTable {
  article_id: number;
  person_id: number;
  position: number;
}

export interface SettingsTable {
  /** An edition code, or "*" for settings of the whole site. */
  scope: string;
  key: string;
  value: string;
  updated_at: string;
}

export type StaffRole = "contributor" | "author" | "editor" | "admin" | "owner";
export type StaffStatus = "active" | "disabled";

export interface StaffTable {
  id: Generated<number>;
  /** Lowercased. */
  email: string;
  name: string;
  role: StaffRole;
  password_hash: string | null;
  /** Base32; set by two-factor setup, in force only once `totp_enabled` is 1. */
  totp_secret: string | null;
  totp_enabled: number;
  /** JSON array of sha256 hashes of the unused recovery codes. */
  recovery_codes: string | null;
  /** The last TOTP time step (unix seconds / 30) accepted; a code at or before it is a replay. */
  totp_last_step: number | null;
  status: StaffStatus;
  created_at: string;
  updated_at: string;
}

export interface StaffSessionsTable {
  /** sha256 (hex) of the cookie token; the token itself is never stored. */
  id: string;
  staff_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  /** The absolute expiry; the idle one is counted from `last_seen_at`. */
  expires_at: string;
  user_agent: string | null;
  ip: string | null;
}

export interface StaffTokensTable {
  id: Generated<number>;
  name: string;
  role: StaffRole;
  token_hash: string;
  /** The staff member the token acts for; null only for a CLI token made before the newsroom had an owner. */
  created_by: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export type StaffLinkPurpose = "owner_setup" | "invitation" | "password_reset";

export interface StaffLinksTable {
  id: Generated<number>;
  purpose: StaffLinkPurpose;
  token_hash: string;
  email: string | null;
  role: StaffRole | null;
  staff_id: number | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface MailOutboxTable {
  id: Generated<number>;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** From, List-Unsubscribe and other headers as JSON (added by the newsletters migration). */
  headers: string | null;
  created_at: string;
}

export interface RevenueSettingsTable {
  scope: string;
  document: string;
  updated_at: string;
}

export interface RevenueSupportersTable {
  id: Generated<number>;
  /** Lower-cased. */
  email: string;
  name: string | null;
  language: string;
  edition_code: string | null;
  stripe_customer_id: string | null;
  created_at: string;
  updated_at: string;
}

export type ContributionKind = "one_time" | "recurring";
export type ContributionStatus = "paid" | "partially_refunded" | "refunded";

export interface RevenueContributionsTable {
  id: Generated<number>;
  supporter_id: number | null;
  kind: ContributionKind;
  /** ISO 4217, upper case. */
  currency: string;
  /** Integer minor units (cents, kopiykas). */
  amount: number;
  refunded_amount: Generated<number>;
  status: ContributionStatus;
  edition_code: string | null;
  stripe_session_id: string | null;
  stripe_invoice_id: string | null;
  stripe_payment_intent_id: string | null;
  stripe_subscription_id: string | null;
  paid_at: string;
  updated_at: string;
}

export interface RevenueSubscriptionsTable {
  id: Generated<number>;
  supporter_id: number | null;
  stripe_subscription_id: string;
  /** Stripe's subscription status (active, past_due, canceled…). */
  status: string;
  currency: string;
  amount: number;
  interval: "month" | "year";
  current_period_end: string | null;
  canceled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RevenueStripeEventsTable {
  event_id: string;
  type: string;
  received_at: string;
}

export interface MapsTable {
  id: Generated<number>;
  slug: string;
  /** JSON: { [edition]: { title, description } }. */
  texts: string;
  center_lat: number;
  center_lon: number;
  zoom: number;
  created_at: string;
  updated_at: string;
}

export interface MapLayersTable {
  id: Generated<number>;
  map_id: number;
  /** YYYY-MM-DD. */
  valid_on: string;
  title: string;
  note: string | null;
  geojson: string;
  feature_count: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  /** Readers see only published layers; a new one starts as a draft. */
  status: MapLayerStatus;
  published_at: string | null;
  /** The language of the layer's own title, note and event descriptions. */
  language: string;
}

export type MapLayerStatus = "draft" | "published";

/** A layer's title, note and event descriptions in one more language. */
export interface MapLayerTextsTable {
  layer_id: number;
  language: string;
  title: string;
  note: string | null;
  /** JSON: { [feature number, from 1]: description }. */
  events: string;
  updated_at: string;
}

export type ArticlePlaceState = "auto" | "confirmed" | "removed";

export interface ArticlePlacesTable {
  article_id: number;
  place_slug: string;
  state: ArticlePlaceState;
  mentions: number;
  updated_at: string;
}

export interface DB {
  editions: EditionsTable;
  sections: SectionsTable;
  tags: TagsTable;
  people: PeopleTable;
  staff_profiles: StaffProfilesTable;
  media: MediaTable;
  podcast_shows: PodcastShowsTable;
  articles: ArticlesTable;
  article_tags: ArticleTagsTable;
  article_authors: ArticleAuthorsTable;
  settings: SettingsTable;
  staff: StaffTable;
  staff_sessions: StaffSessionsTable;
  staff_tokens: StaffTokensTable;
  staff_links: StaffLinksTable;
  staff_settings: StaffSettingsTable;
  mail_outbox: MailOutboxTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  article_revisions: ArticleRevisionsTable;
  article_pending: ArticlePendingTable;
  jobs: JobsTable;
  live_entries: LiveEntriesTable;
  live_entry_revisions: LiveEntryRevisionsTable;
  live_entry_places: LiveEntryPlacesTable;
  push_subscriptions: PushSubscriptionsTable;
  push_sends: PushSendsTable;
  push_send_batches: PushSendBatchesTable;
  mirror_hosts: MirrorHostsTable;
  mirror_list_state: MirrorListStateTable;
  article_notes: ArticleNotesTable;
  maps: MapsTable;
  map_layers: MapLayersTable;
  map_layer_texts: MapLayerTextsTable;
  article_places: ArticlePlacesTable;
  map_stories: MapStoriesTable;
  revenue_settings: RevenueSettingsTable;
  revenue_supporters: RevenueSupportersTable;
  revenue_contributions: RevenueContributionsTable;
  revenue_subscriptions: RevenueSubscriptionsTable;
  import_runs: ImportRunsTable;
  import_items: ImportItemsTable;
  import_people: ImportPeopleTable;
  redirects: RedirectsTable;
  revenue_stripe_events: RevenueStripeEventsTable;
  search_documents: SearchDocumentsTable;
  slug_history: SlugHistoryTable;
  newsletter_lists: NewsletterListsTable;
  newsletter_subscribers: NewsletterSubscribersTable;
  newsletter_subscriptions: NewsletterSubscriptionsTable;
  newsletter_suppressions: NewsletterSuppressionsTable;
  newsletter_issues: NewsletterIssuesTable;
  newsletter_deliveries: NewsletterDeliveriesTable;
  api_keys: ApiKeysTable;
  telegram_channels: TelegramChannelsTable;
  telegram_posts: TelegramPostsTable;
  telegram_article_options: TelegramArticleOptionsTable;
  telegram_log: TelegramLogTable;
  telegram_messages: TelegramMessagesTable;
  crisis_modes: CrisisModesTable;
  publication_check_acks: PublicationCheckAcksTable;
  publication_approvals: PublicationApprovalsTable;
  publication_check_settings: PublicationCheckSettingsTable;
  planning_items: PlanningItemsTable;
  audit_log: AuditLogTable;
  editorial_note_threads: EditorialNoteThreadsTable;
  editorial_note_comments: EditorialNoteCommentsTable;
  analytics_views_minute: AnalyticsViewsMinuteTable;
  analytics_views_hourly: AnalyticsViewsHourlyTable;
  analytics_engagement_hourly: AnalyticsEngagementHourlyTable;
  analytics_newsletter_clicks: AnalyticsNewsletterClicksTable;
  analytics_conversions_hourly: AnalyticsConversionsHourlyTable;
}

/** One article's stemmed text; the FTS5 table (SQLite) or `document` tsvector (PostgreSQL) indexes it. */
export type MapRow = Selectable<MapsTable>;
export type MapLayerRow = Selectable<MapLayersTable>;
export type MapLayerTextRow = Selectable<MapLayerTextsTable>;
export type ArticlePlaceRow = Selectable<ArticlePlacesTable>;

/** The places one live entry names (maps capability), kept like `article_places`. */
export interface LiveEntryPlacesTable {
  entry_id: number;
  article_id: number;
  place_slug: string;
  state: ArticlePlaceState;
  mentions: number;
  updated_at: string;
}
export type LiveEntryPlaceRow = Selectable<LiveEntryPlacesTable>;

/** The maps capability's copy of a story's public fields (kept by the `article.saved` listener). */
export interface MapStoriesTable {
  article_id: number;
  edition_code: string;
  slug: string;
  title: string;
  dek: string | null;
  status: ArticleStatus;
  published_at: string | null;
  version: number;
}
export type MapStoryRow = Selectable<MapStoriesTable>;
export interface SearchDocumentsTable {
  article_id: number;
  edition_code: string;
  language: string;
  status: ArticleStatus;
  /** The article version indexed: a mismatch means the article changed and needs indexing. */
  article_version: number;
  /** Filter tokens ("xeduk xstpublished") that SQLite's FTS5 intersects with the query. */
  scope: string;
  title_stems: string;
  dek_stems: string;
  body_stems: string;
  indexed_at: string;
}

/** A slug an article had before: its URL redirects (301) to the article's current one. */
export interface SlugHistoryTable {
  edition_code: string;
  slug: string;
  article_id: number;
  created_at: string;
}

export type EditionRow = Selectable<EditionsTable>;
export type SectionRow = Selectable<SectionsTable>;
export type TagRow = Selectable<TagsTable>;
export type PersonRow = Selectable<PeopleTable>;
export type StaffProfileRow = Selectable<StaffProfilesTable>;
export type MediaRow = Selectable<MediaTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticle = Insertable<ArticlesTable>;
export type ArticleUpdate = Updateable<ArticlesTable>;
export type StaffRow = Selectable<StaffTable>;

/** Newsroom-wide staff settings, one JSON document per key (migration 015). */
export interface StaffSettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: number | null;
}
export type StaffSessionRow = Selectable<StaffSessionsTable>;
export type StaffTokenRow = Selectable<StaffTokensTable>;
export type StaffLinkRow = Selectable<StaffLinksTable>;
export type LiveEntryRow = Selectable<LiveEntriesTable>;
export type LiveEntryRevisionRow = Selectable<LiveEntryRevisionsTable>;
export type ArticleNoteRow = Selectable<ArticleNotesTable>;
export type SearchDocumentRow = Selectable<SearchDocumentsTable>;

export interface NewsletterListsTable {
  id: Generated<number>;
  slug: string;
  edition_code: string;
  language: string;
  name: string;
  description: string;
  /** What readers are told about the rhythm ("Monday to Friday"). */
  cadence: string;
  from_name: string;
  from_address: string;
  kind: "digest" | "manual";
  /** Digest lists: a five-field cron expression and the IANA zone it is read in. */
  cron: string | null;
  time_zone: string | null;
  digest_size: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface NewsletterSubscribersTable {
  id: Generated<number>;
  /** Normalised (trimmed, lower case, ASCII domain). */
  email: string;
  language: string;
  created_at: string;
  updated_at: string;
}

export type SubscriptionStatus = "active" | "unsubscribed";

export interface NewsletterSubscriptionsTable {
  subscriber_id: number;
  list_id: number;
  status: SubscriptionStatus;
  /** "signup" (double opt-in), "admin" or "import". */
  source: string;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
}

export interface NewsletterSuppressionsTable {
  email: string;
  reason: "unsubscribed" | "bounced" | "admin";
  detail: string | null;
  created_at: string;
}

export type IssueStatus = "draft" | "scheduled" | "sending" | "sent" | "cancelled" | "skipped";

export interface NewsletterIssuesTable {
  id: Generated<number>;
  list_id: number;
  status: IssueStatus;
  subject: string;
  intro: string;
  /** JSON array of article ids, in the order the issue shows them. */
  article_ids: string;
  scheduled_for: string | null;
  send_at: string | null;
  html: string | null;
  text: string | null;
  total: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export type DeliveryState = "pending" | "sending" | "sent" | "failed" | "bounced" | "suppressed";

export interface NewsletterDeliveriesTable {
  id: Generated<number>;
  issue_id: number;
  subscriber_id: number;
  email: string;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
  sent_at: string | null;
}

export type NewsletterListRow = Selectable<NewsletterListsTable>;
export type NewsletterIssueRow = Selectable<NewsletterIssuesTable>;
export type NewsletterDeliveryRow = Selectable<NewsletterDeliveriesTable>;

export type SupporterRow = Selectable<RevenueSupportersTable>;
export type ContributionRow = Selectable<RevenueContributionsTable>;
export type SubscriptionRow = Selectable<RevenueSubscriptionsTable>;

/** A key of the public Content API (migration 020): only its SHA-256 is kept. */
export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  key_hash: string;
  /** The key's first characters, to tell keys apart in a list. */
  prefix: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
  request_count: Generated<number>;
}
export type ApiKeyRow = Selectable<ApiKeysTable>;

/** An edition's Telegram channel (migration 021). */
export interface TelegramChannelsTable {
  edition_code: string;
  /** The bot token, sealed with SECRET_KEY; never sent back by the API. */
  bot_token: string;
  /** The bot's id and the token's last four characters, so an editor can tell tokens apart. */
  token_hint: string;
  chat_id: string;
  chat_title: string | null;
  bot_username: string | null;
  enabled: number;
  /** 1: a raised breaking banner is posted to the channel too. */
  post_breaking: Generated<number>;
  /** 1: each new live entry is posted as a reply to its story's post. */
  post_live: Generated<number>;
  /** The send limiter's state: the earliest time (ISO) the next message is "due" under 20 a minute. */
  rate_tat: string;
  updated_at: string;
}

export type TelegramPostStatus = "sending" | "sent";

/** The one message an article has in a channel. */
export interface TelegramPostsTable {
  id: Generated<number>;
  article_id: number;
  edition_code: string;
  chat_id: string;
  status: TelegramPostStatus;
  message_id: number | null;
  /** "photo" (edited with editMessageCaption) or "text" (editMessageText); null before the send. */
  kind: "photo" | "text" | null;
  /** The caption or text the message carries, to edit only when it changes. */
  text: string | null;
  /** While a worker sends the post; another waits until then. */
  lease_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface TelegramArticleOptionsTable {
  article_id: number;
  skip: number;
  updated_at: string;
}

export type TelegramLogAction = "posted" | "edited" | "skipped" | "delayed" | "failed";

export interface TelegramLogTable {
  id: Generated<number>;
  article_id: number;
  edition_code: string;
  action: TelegramLogAction;
  message_id: number | null;
  detail: string | null;
  created_at: string;
}

/** A message besides a story's post: a breaking banner (one per text) or a live entry's reply (one per entry). */
export interface TelegramMessagesTable {
  id: Generated<number>;
  edition_code: string;
  chat_id: string;
  /** `breaking:<hash of the text>` or `entry:<id>`: a second send under the same key posts nothing. */
  message_key: string;
  status: TelegramPostStatus;
  message_id: number | null;
  lease_until: string | null;
  created_at: string;
  updated_at: string;
}

export type TelegramChannelRow = Selectable<TelegramChannelsTable>;
export type TelegramPostRow = Selectable<TelegramPostsTable>;
export type TelegramLogRow = Selectable<TelegramLogTable>;
/** A browser that asked for an edition's alerts (migration 022). */
export interface PushSubscriptionsTable {
  id: Generated<number>;
  edition_code: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: string;
}
export type PushSubscriptionRow = Selectable<PushSubscriptionsTable>;

export type PushSendKind = "article" | "breaking";
export type PushSendStatus = "sending" | "done";

/** One alert sent to an edition's subscribers, with its fan-out's progress. */
export interface PushSendsTable {
  id: Generated<number>;
  edition_code: string;
  kind: PushSendKind;
  article_id: number | null;
  title: string;
  body: string;
  url: string;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
  status: PushSendStatus;
  /** One send per article, one per banner text: a second request for the same alert is refused. */
  dedupe_key: string | null;
  /** The newest subscription when the send began: later ones wait for the next alert. */
  last_subscription_id: number;
  total: Generated<number>;
  delivered: Generated<number>;
  failed: Generated<number>;
  removed: Generated<number>;
  finished_at: string | null;
}
export type PushSendRow = Selectable<PushSendsTable>;

/** A slice of a send's fan-out that is finished: subscriptions after `after_id`, up to `last_id`. */
export interface PushSendBatchesTable {
  send_id: number;
  after_id: number;
  last_id: number;
  delivered: number;
  failed: number;
  removed: number;
  finished_at: string;
}
export interface WebhookSubscriptionsTable {
  id: Generated<number>;
  url: string;
  /** JSON array of the event names the subscriber takes. */
  events: string;
  /** Signs every delivery; shown once, when the subscription is made. */
  secret: string;
  enabled: Generated<number>;
  /** Deliveries that failed in a row; a success sets it back to 0. */
  consecutive_failures: Generated<number>;
  disabled_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export type WebhookDeliveryStatus = "pending" | "delivered" | "failed";

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  subscription_id: number;
  event: string;
  /** The domain event's id (a random one for a test delivery): one delivery per event and subscription. */
  event_id: string;
  /** The JSON body exactly as it is sent, on every attempt. */
  body: string;
  status: WebhookDeliveryStatus;
  attempts: Generated<number>;
  response_code: number | null;
  duration_ms: number | null;
  error: string | null;
  /** When a pending delivery is tried next. */
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
}

export type WebhookSubscriptionRow = Selectable<WebhookSubscriptionsTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;

export type ImportRunStatus = "queued" | "running" | "done" | "failed";

/** An import started from the admin API (migration 018). */
export interface ImportRunsTable {
  id: Generated<number>;
  source: string;
  edition_code: string;
  /** JSON: media mode, dry run, overwrite. */
  options: string;
  status: ImportRunStatus;
  /** JSON: `{ read, created, updated, unchanged, skipped, failed }` so far. */
  progress: string;
  /** JSON ImportReport, once done. */
  report: string | null;
  error: string | null;
  /** The uploaded file, removed when the run ends. */
  file_path: string | null;
  created_by: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** Which article a source item became, and what the import left it as (migration 018). */
export interface ImportItemsTable {
  id: Generated<number>;
  source: string;
  source_id: string;
  edition_code: string;
  article_id: number;
  content_hash: string;
  /** The article version the import left; a higher one means someone edited it in Gazette. */
  imported_version: number;
  run_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface ImportPeopleTable {
  id: Generated<number>;
  source: string;
  edition_code: string;
  person_key: string;
  email: string | null;
  person_id: number;
}

/** An old site's path answering 301 to an article (migration 018). */
export interface RedirectsTable {
  id: Generated<number>;
  old_path: string;
  article_id: number;
  created_at: string;
}

export type ImportRunRow = Selectable<ImportRunsTable>;
export type ImportItemRow = Selectable<ImportItemsTable>;
export type RedirectRow = Selectable<RedirectsTable>;

/** A mirror host added in the newsroom app (migration 023): what it serves, an edition code or "all". */
export interface MirrorHostsTable {
  id: Generated<number>;
  host: string;
  edition: string;
  created_by: number | null;
  created_at: string;
}

/** The one row saying when the public mirror list last changed (migration 023). */
export interface MirrorListStateTable {
  id: number;
  changed_at: string;
  /** A digest of MIRROR_HOSTS and ONION_HOST as the list was last made from them. */
  settings_digest: string;
}

export type MirrorHostRow = Selectable<MirrorHostsTable>;
/** An edition's crisis mode (migration 024): lite front page, longer cache lifetimes, no heavy modules. */
export interface CrisisModesTable {
  edition_code: string;
  enabled: number;
  /** ISO instant at which the mode ends by itself; null while it runs until switched off. */
  until: string | null;
  changed_at: string;
  /** Who switched it last: a staff member's name, "cli", or "schedule" for an end at `until`. */
  changed_by: string | null;
}
export type CrisisModeRow = Selectable<CrisisModesTable>;

/** A finding of the publication check dismissed by someone, with the reason (migration 027). */
export interface PublicationCheckAcksTable {
  id: Generated<number>;
  article_id: number;
  rule: string;
  reason: string;
  /** JSON list of the finding texts it dismissed. */
  texts: Generated<string>;
  staff_id: number | null;
  token_id: number | null;
  actor_name: string | null;
  created_at: string;
}

/** A second editor's approval of a flagged story (the two-person rule, migration 027). */
export interface PublicationApprovalsTable {
  id: Generated<number>;
  article_id: number;
  /** JSON list of the findings ("rule:text") the approver saw. */
  findings: Generated<string>;
  staff_id: number | null;
  token_id: number | null;
  actor_name: string | null;
  created_at: string;
}

/** The publication check's switches for an edition; edition "*" is the outlet-wide switch. */
export interface PublicationCheckSettingsTable {
  edition_code: string;
  enabled: number;
  /** JSON list of rule names the owner turned off for this edition. */
  disabled_rules: Generated<string>;
  delay_minutes: Generated<number>;
  updated_at: string;
}

/** A planned story on the budget (migration 028). */
export interface PlanningItemsTable {
  id: Generated<number>;
  edition_code: string;
  /** The day it is planned for, YYYY-MM-DD (the edition's calendar day). */
  day: string;
  slug_line: string;
  summary: string;
  section_id: number | null;
  assignee_id: number | null;
  /** ISO-8601 UTC. */
  due_at: string | null;
  target_words: number | null;
  status: string;
  article_id: number | null;
  /** The due time whose reminder was claimed (sent); null when none was. */
  reminded_for: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export type PlanningItemRow = Selectable<PlanningItemsTable>;

/** One entry of the audit log (migration 029). */
export interface AuditLogTable {
  id: Generated<number>;
  /** The domain event the entry was written from: a redelivery writes nothing. */
  event_id: string;
  /** ISO-8601 UTC. */
  occurred_at: string;
  actor_kind: "staff" | "token" | "system";
  /** The staff member, or the token; null for the system. */
  actor_id: number | null;
  /** The actor's name at the time. */
  actor_name: string;
  action: string;
  subject_type: string;
  subject_id: number;
  /** The subject's title at the time. */
  subject_title: string;
  /** JSON object: the reason of a dismissal, the rules, the findings approved… */
  details: Generated<string>;
}

export type AuditLogRow = Selectable<AuditLogTable>;

/** A thread of editorial notes on an article; `id` is the `noteId` of its mark in the body. */
export interface EditorialNoteThreadsTable {
  id: string;
  article_id: number;
  /** The text the note was anchored to when it was made. */
  quote: string;
  /** The staff member who opened it; null for an integration token. */
  created_by: number | null;
  created_by_name: string;
  /** ISO-8601 UTC. */
  created_at: string;
  /** Set while the thread is resolved; a reopen clears both. */
  resolved_at: string | null;
  resolved_by: number | null;
  resolved_by_name: string | null;
}
export type EditorialNoteThreadRow = Selectable<EditorialNoteThreadsTable>;

/** One comment of a thread: the first opens it, the others reply. */
export interface EditorialNoteCommentsTable {
  id: Generated<number>;
  thread_id: string;
  author_id: number | null;
  /** The author's name at the time. */
  author_name: string;
  body: string;
  created_at: string;
}
export type EditorialNoteCommentRow = Selectable<EditorialNoteCommentsTable>;
/** Page views of one minute per edition, article (0: not an article), source, referrer host and device (migration 031). */
export interface AnalyticsViewsMinuteTable {
  /** ISO-8601 UTC, truncated to the minute. */
  minute: string;
  edition: string;
  article_id: number;
  source: string;
  /** Host only, '' when none. */
  referrer: string;
  /** m, t, d or u (unknown, the no-JS pixel). */
  device: string;
  views: number;
}

/** The same counts per hour, kept ANALYTICS_RETENTION_DAYS. */
export interface AnalyticsViewsHourlyTable extends Omit<AnalyticsViewsMinuteTable, "minute"> {
  /** ISO-8601 UTC, truncated to the hour. */
  hour: string;
}

/** Page hides per hour and article, by the deepest step read and the time-on-page bucket. */
export interface AnalyticsEngagementHourlyTable {
  hour: string;
  edition: string;
  article_id: number;
  /** 0, 25, 50, 75 or 100. */
  depth: number;
  time_bucket: string;
  reads: number;
}

/** Clicks on one link of a sent newsletter issue. */
export interface AnalyticsNewsletterClicksTable {
  issue_id: number;
  link_index: number;
  url: string;
  clicks: number;
}

/** Newsletter sign-ups and donations started from an article, per hour. */
export interface AnalyticsConversionsHourlyTable {
  hour: string;
  article_id: number;
  kind: string;
  count: number;
}
