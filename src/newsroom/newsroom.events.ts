import type { ArticleStatus, RevisionLabel } from "../platform/db/schema.js";

/** What every article event says: which article, in which state after the change. */
export interface ArticleEvent {
  articleId: number;
  edition: string;
  /** The article's version after the change. */
  version: number;
  status: ArticleStatus;
  /** Surrogate keys of every page the change touched, before and after it (the cache purges them). */
  keys: string[];
  /**
   * Set by an archive import: the change is old news. Listeners that notify the outside world
   * (WebSub hub pings, and any future newsletter or messenger push) skip it; caches and indexes do not.
   */
  quiet?: boolean;
}

/** Who made a change: a staff member, an integration token (with its creator), or nobody (the scheduler). */
export interface ArticleActor {
  staffId: number | null;
  tokenId: number | null;
  name: string;
}

/** Every saved state of an article, with what the save was and who made it (the audit log follows it). */
export interface ArticleSavedEvent extends ArticleEvent {
  /** The headline after the change. */
  title: string;
  /** The label of the revision the save wrote: created, autosave, published, archived… */
  revision: RevisionLabel;
  /** Null when no person made the change (a scheduled publication). */
  by: ArticleActor | null;
}

/** An editor dismissed findings of the publication check as false alarms, with a reason. */
export interface CheckAcknowledgedEvent {
  articleId: number;
  edition: string;
  title: string;
  rules: string[];
  reason: string;
  by: ArticleActor;
}

/** A second editor approved a flagged story (the two-person rule). */
export interface CheckApprovedEvent {
  articleId: number;
  edition: string;
  title: string;
  /** The findings approved, as rule:text keys. */
  findings: string[];
  by: ArticleActor;
}

/**
 * A scheduled story was not published at its time because the publication check refused it then
 * (findings nobody dismissed, or no second editor's approval): it went back to review.
 */
export interface ArticleHeldEvent extends ArticleEvent {
  title: string;
  /** The time it was scheduled for (UTC, ISO 8601). */
  scheduledFor: string;
  /** Who scheduled it (the newest "scheduled" revision), told by mail; null when unknown. */
  scheduledBy: { staffId: number | null; tokenId: number | null; name: string | null } | null;
  /** The refusal, as the publish route would have answered it. */
  code: "publication_check" | "second_approval_required";
  findings: { rule: string; text: string; why: string }[];
}
/** An editorial note (a margin comment of the desk) was opened on a draft, or its thread resolved. */
export interface EditorialNoteEvent {
  articleId: number;
  edition: string;
  /** The headline at the time. */
  title: string;
  /** The thread, which is the `noteId` of its mark in the body. */
  threadId: string;
  /** The text the note is anchored to. */
  quote: string;
  by: ArticleActor;
}

/** A draft was sent to the editors for review. */
export interface ArticleSubmittedEvent extends ArticleEvent {
  /** Who submitted it: the editors told are everyone else. */
  submittedBy: { staffId: number | null; name: string } | null;
}

/** An editor sent a story in review back to its author, with a message. */
export interface ArticleReturnedEvent extends ArticleEvent {
  returnedBy: { staffId: number | null; name: string } | null;
  message: string;
}

/** A live blog's entry was added, changed or removed, or the coverage ended. */
export interface LiveEvent {
  articleId: number;
  edition: string;
  /** The entry concerned; null when the whole coverage ended. */
  entryId: number | null;
  keys: string[];
}

/**
 * A live entry was posted or its text edited, in any state of the blog (drafts included): the
 * maps capability finds the places it names.
 */
export interface LiveEntrySavedEvent {
  articleId: number;
  edition: string;
  entryId: number;
  keys: string[];
}

/** A correction or update note was appended to a published article. */
export interface NoteEvent {
  articleId: number;
  edition: string;
  noteId: number;
  kind: "correction" | "update";
  keys: string[];
}

/** An edition's breaking-news banner went up (or was raised again with new text). */
export interface BreakingRaisedEvent {
  edition: string;
  text: string;
  /** Where the banner links: a site path or an absolute URL; null when it links nowhere. */
  url: string | null;
  expiresAt: string;
}

/**
 * The newsroom's domain events, published after commit. Who listens: `subscribeToDomainEvents` in
 * `src/app.ts`.
 */
declare module "../platform/events/domain-events.js" {
  interface DomainEvents {
    /** Every saved state of an article, drafts included (the search index and the geotagger follow it). */
    "article.saved": ArticleSavedEvent;
    /** The article appeared on the site: published now, or by its schedule. */
    "article.published": ArticleEvent;
    /** A published article changed and is still on the site. */
    "article.updated": ArticleEvent;
    /** The article left the site: unpublished, archived or moved back to a schedule. */
    "article.unpublished": ArticleEvent;
    /** A draft went to review (the editors are mailed). */
    "article.submitted": ArticleSubmittedEvent;
    /** A story in review went back to its author as a draft, with the editor's message (the author is mailed). */
    "article.returned": ArticleReturnedEvent;
    /** A scheduled story the publication check refused at its time went back to review (mail, audit log). */
    "article.held": ArticleHeldEvent;
    "live.entry.created": LiveEvent;
    "live.entry.updated": LiveEvent;
    "live.entry.deleted": LiveEvent;
    "live.ended": LiveEvent;
    /** An entry's text was saved (posted or edited), drafts included; the geotagger follows it. */
    "live.entry.saved": LiveEntrySavedEvent;
    "correction.created": NoteEvent;
    "publication-check.acknowledged": CheckAcknowledgedEvent;
    "publication-check.approved": CheckApprovedEvent;
    /** An editorial note was opened on a story (the audit log records it). */
    "note.created": EditorialNoteEvent;
    /** An editorial note's thread was resolved (the audit log records it). */
    "note.resolved": EditorialNoteEvent;
    /** The breaking banner went up: push alerts go out. */
    "breaking.raised": BreakingRaisedEvent;
  }
}

/** The events that change what readers see of an article (the site's pages, feeds and pings follow them). */
export const PUBLIC_ARTICLE_EVENTS = ["article.published", "article.updated", "article.unpublished"] as const;
export const LIVE_EVENTS = ["live.entry.created", "live.entry.updated", "live.entry.deleted", "live.ended"] as const;
