import { AppError } from "../errors.js";
import type {
  ArticleKind,
  ArticlePendingTable,
  ArticleRow,
  ArticleUpdate,
  RevisionLabel,
} from "../platform/db/schema.js";
import type { DomainEventBus } from "../platform/events/domain-events.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import type { AdminArticleFilters, ArticlesRepository } from "./articles.repository.js";
import { StalePending } from "./articles.repository.js";
import type { BodyDocument } from "./body.types.js";
import { parseBody } from "./body.validator.js";
import { renderBodyText } from "./body-text.renderer.js";
import { stripNoteMarks } from "./editorial-notes.shared.js";
import { importHtml } from "./html-import.js";
import type { MediaRepository } from "./media.repository.js";
import { diffArticleText, type TextDiff } from "./revision-diff.js";
import { isValidSlug, slugify } from "./slug.js";
import { articleSurrogateKeys } from "./surrogate-keys.js";
import type { TaxonomyRepository } from "./taxonomy.repository.js";
import { optionalText, requireText } from "./text-fields.js";
import { clearUntranslated, parseUntranslated, type UntranslatedField } from "./translation-todo.shared.js";

export interface ArticleInput {
  edition: string;
  /** "live" makes a live blog (entries via LiveCoverageService); fixed at creation. */
  kind?: ArticleKind;
  title: string;
  slug?: string;
  dek?: string | null;
  sectionId?: number | null;
  tagIds?: number[];
  authorIds?: number[];
  /**
   * The staff member the draft belongs to when that is not whoever creates it (a planned story's
   * assignee, when an editor starts its draft): the story is theirs to edit and submit.
   */
  ownerId?: number;
  leadMediaId?: number | null;
  /** The body as a document; or give `html` instead, converted on the way in. */
  body?: unknown;
  html?: string;
  sourceAttribution?: string | null;
  translationGroup?: string | null;
  /** The article this one translates (see createTranslation). */
  translatedFrom?: number | null;
  breaking?: boolean;
  featured?: boolean;
  /** Show the edition's video of the day in this story (default true). */
  videoOfTheDay?: boolean;
  /** Not before this instant (ISO 8601 with offset), or null to lift the embargo. */
  embargoUntil?: string | null;
  /** When the reported event happened (ISO 8601 with offset), or null. */
  eventAt?: string | null;
  seoTitle?: string | null;
  seoDescription?: string | null;
  /** Per-article caption, credit and alt of the lead image (null: use the media library's). */
  leadCaption?: string | null;
  leadCredit?: string | null;
  leadAlt?: string | null;
  /** Fields still in the source's language (a new translation); each is cleared when edited. */
  untranslated?: UntranslatedField[];
}

export type ArticlePatch = Partial<Omit<ArticleInput, "edition" | "untranslated">>;

/** Who made a change, for ownership and the revision history. */
export interface ChangeAuthor {
  staffId: number | null;
  tokenId: number | null;
  name: string;
}

export interface SaveOptions {
  expectedVersion?: number;
  by?: ChangeAuthor;
  /**
   * Save into the pending revision instead of the live row when the article is published or
   * scheduled (or already has a pending revision); otherwise the save is direct.
   */
  pending?: boolean;
  /**
   * An archive import: the events say so (`quiet`), and listeners that tell the outside world
   * (WebSub pings…) leave such changes out, while caches and the search index still follow them.
   */
  quiet?: boolean;
}

/** The editable content of one version: the revised fields plus tags and bylines. */
export type ArticleSnapshot = { [K in (typeof REVISED_FIELDS)[number]]: ArticleRow[K] } & {
  tagIds: number[];
  authorIds: number[];
};

export type PendingRow = ArticlePendingTable;

/** One entry of an article's history. */
export interface HistoryEntry {
  version: number;
  createdAt: string;
  staffId: number | null;
  staffName: string | null;
  label: RevisionLabel;
  pending: boolean;
  restoredFrom: number | null;
}

export interface ArticleHistory {
  /** The version the site (or, for a draft, the article row) shows. */
  liveVersion: number;
  /** The version of the pending revision, or null when there is none. */
  pendingVersion: number | null;
  items: HistoryEntry[];
}

export interface VersionContent {
  version: number;
  snapshot: ArticleSnapshot;
  body: BodyDocument;
  bodyText: string;
}

export interface SaveResult {
  article: ArticleRow;
  /** What the HTML import could not keep (dropped images, unsafe links…); empty for JSON bodies. */
  warnings: string[];
}

/** Why a story may not go out now: the publication check's refusal, as the publish route answers it. */
export interface PublishRefusal {
  code: "publication_check" | "second_approval_required";
  findings: { rule: string; text: string; why: string }[];
}

/** The error a refusal answers with (409, its code and every finding): one wording everywhere. */
export function refusalError(refusal: PublishRefusal): AppError {
  const message =
    refusal.code === "publication_check"
      ? "The publication check found details that could help the enemy aim; acknowledge each with a reason, or change the story."
      : "This story was flagged by the publication check: another editor must approve it before it goes out.";
  return new AppError(refusal.code, message, undefined, { findings: refusal.findings });
}

/** What the publication check reads: a live story's edit that changes one of them is checked again. */
const CHECKED_FIELDS = [
  "title",
  "dek",
  "seo_title",
  "seo_description",
  "body",
  "lead_media_id",
  "lead_caption",
  "event_at",
] as const;

/**
 * What the service asks before a story goes out (the wartime publication check answers): at a
 * scheduled story's time, which may have been flagged since it was scheduled or edited after, and
 * before an edit of a published story goes live.
 */
export interface PublishGate {
  refusal(article: ArticleRow, publishAt: Date): Promise<PublishRefusal | null>;
}

declare module "../platform/jobs/job-queue.js" {
  interface JobPayloads {
    "articles.publish-scheduled": { articleId: number; at: string };
  }
}

/** The fields a revision keeps: everything an editor edits, nothing of the workflow. */
const REVISED_FIELDS = [
  "title",
  "slug",
  "dek",
  "body",
  "section_id",
  "lead_media_id",
  "source_attribution",
  "seo_title",
  "seo_description",
  "lead_caption",
  "lead_credit",
  "lead_alt",
  "is_breaking",
  "is_featured",
  "video_of_the_day",
] as const;

/** Statuses whose row the public (or the scheduled job) reads: edits to them wait as pending. */
const LIVE_STATUSES = new Set<ArticleRow["status"]>(["published", "scheduled"]);

/** A change that readers see: the event that announces it and the pages it touched. */
interface PublicChange {
  type: "article.published" | "article.updated" | "article.unpublished";
  keys: Iterable<string>;
}

/** What a save wrote to the revision history; the saved event repeats it for the audit log. */
interface Revised {
  label: RevisionLabel;
  by: ChangeAuthor | null;
}

const LIMITS = { title: 300, dek: 600, source: 600, seoTitle: 120, seoDescription: 320, caption: 1000 };

export class ArticlesService {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly taxonomy: TaxonomyRepository,
    private readonly media: MediaRepository,
    private readonly events: DomainEventBus,
    private readonly now: () => Date = () => new Date(),
    private readonly jobs?: JobQueue,
    private readonly publishGate?: PublishGate,
  ) {
    jobs?.register("articles.publish-scheduled", async (payload) => {
      await this.publishScheduled(payload.articleId, payload.at);
    });
  }

  /**
   * Publishes the events of a committed change: the public one first (when readers see the change),
   * then `article.saved`, which every saved state announces. The one place articles emit events.
   */
  private async announce(
    after: ArticleRow,
    revised: Revised,
    change?: PublicChange,
    quiet?: boolean,
  ): Promise<ArticleRow> {
    const base = {
      articleId: after.id,
      edition: after.edition_code,
      version: after.version,
      status: after.status,
      ...(quiet ? { quiet: true } : {}),
    };
    if (change) await this.events.publish(change.type, { ...base, keys: [...new Set(change.keys)] });
    await this.events.publish("article.saved", {
      ...base,
      keys: [],
      title: after.title,
      revision: revised.label,
      by: revised.by,
    });
    return after;
  }

  /** The pages an article shows on in a given state (its links as they are now, unless given). */
  private async keysOf(article: ArticleRow, links?: { tagIds: number[]; authorIds: number[] }): Promise<string[]> {
    return articleSurrogateKeys({ ...article, ...(links ?? (await this.articles.linkIds(article.id))) });
  }

  async create(input: ArticleInput, by?: ChangeAuthor): Promise<ArticleRow> {
    return (await this.createWithWarnings(input, by)).article;
  }

  /** Creates a draft. Returns the HTML import's warnings too, for the newsroom to read. */
  async createWithWarnings(input: ArticleInput, by?: ChangeAuthor): Promise<SaveResult> {
    const { body, warnings } = this.resolveBody(input.body, input.html, true);
    const title = requireText(input.title, "title", LIMITS.title);
    await this.checkSection(input.edition, input.sectionId ?? null);
    await this.checkMedia(input.leadMediaId ?? null);
    const now = this.now().toISOString();
    // Without a slug of its own, a draft's slug is made from its headline in the edition's
    // language, and follows the headline until the slug is edited or the story goes out.
    const slug = input.slug
      ? checkSlug(input.slug)
      : await this.freeSlug(input.edition, slugify(title, await this.articles.editionLanguage(input.edition)));
    const article = await this.articles.insert(
      {
        edition_code: input.edition,
        kind: input.kind ?? "standard",
        slug,
        status: "draft",
        title,
        dek: optionalText(input.dek, "dek", LIMITS.dek),
        section_id: input.sectionId ?? null,
        lead_media_id: input.leadMediaId ?? null,
        body: JSON.stringify(body ?? { type: "doc", content: [] }),
        source_attribution: optionalText(input.sourceAttribution, "sourceAttribution", LIMITS.source),
        published_at: null,
        created_at: now,
        updated_at: now,
        translation_group: input.translationGroup ?? null,
        translated_from: input.translatedFrom ?? null,
        is_breaking: input.breaking ? 1 : 0,
        is_featured: input.featured ? 1 : 0,
        video_of_the_day: input.videoOfTheDay === false ? 0 : 1,
        seo_title: optionalText(input.seoTitle, "seoTitle", LIMITS.seoTitle),
        seo_description: optionalText(input.seoDescription, "seoDescription", LIMITS.seoDescription),
        lead_caption: optionalText(input.leadCaption, "leadImage.caption", LIMITS.caption),
        lead_credit: optionalText(input.leadCredit, "leadImage.credit", LIMITS.caption),
        lead_alt: optionalText(input.leadAlt, "leadImage.alt", LIMITS.caption),
        created_by: input.ownerId ?? by?.staffId ?? null,
        created_by_token: input.ownerId === undefined ? (by?.tokenId ?? null) : null,
        slug_follows_title: input.slug ? 0 : 1,
        untranslated: JSON.stringify(input.untranslated ?? []),
        embargo_until: instantOrNull(input.embargoUntil, "embargoUntil"),
        event_at: instantOrNull(input.eventAt, "eventAt"),
      },
      input.tagIds ?? [],
      input.authorIds ?? [],
    );
    const revised = await this.recordRevision(article, by);
    await this.announce(article, revised);
    return { article, warnings };
  }

  private resolveBody(
    body: unknown,
    html: string | undefined,
    required: boolean,
  ): { body?: BodyDocument; warnings: string[] } {
    if (body !== undefined && html !== undefined) {
      throw new AppError("validation_failed", "Send the body either as a document (body) or as HTML (html), not both.");
    }
    if (html !== undefined) return importHtml(html);
    if (body !== undefined) return { body: parseBody(body), warnings: [] };
    return required ? { body: { type: "doc", content: [] }, warnings: [] } : { warnings: [] };
  }

  /** A slug not yet taken in the edition: "title", then "title-2", "title-3"… (`own` counts as free). */
  private async freeSlug(edition: string, base: string, own?: string): Promise<string> {
    const taken = new Set(await this.articles.slugsStartingWith(edition, base));
    if (own !== undefined) taken.delete(own);
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  private async checkMedia(mediaId: number | null): Promise<void> {
    if (mediaId === null) return;
    if (!(await this.media.findById(mediaId))) {
      throw new AppError("validation_failed", `Image ${mediaId} does not exist in the media library.`, {
        field: "leadImage",
      });
    }
  }

  private async recordRevision(
    article: ArticleRow,
    by?: ChangeAuthor,
    label: RevisionLabel = article.version === 1 ? "created" : "autosave",
    restoredFrom: number | null = null,
  ): Promise<Revised> {
    const snapshot = snapshotOf(article, await this.articles.linkIds(article.id));
    await this.articles.insertRevision({
      article_id: article.id,
      version: article.version,
      snapshot: JSON.stringify(snapshot),
      staff_id: by?.staffId ?? null,
      token_id: by?.tokenId ?? null,
      author_name: by?.name ?? null,
      created_at: this.now().toISOString(),
      label,
      restored_from: restoredFrom,
    });
    return { label, by: by ?? null };
  }

  /** Changes an article; a published one is purged from every page that shows it, before and after. */
  async update(id: number, patch: ArticlePatch, options: SaveOptions = {}): Promise<ArticleRow> {
    return (await this.updateWithWarnings(id, patch, options)).article;
  }

  /**
   * Saves an edit. With `expectedVersion`, a save based on an older version is refused with a
   * 409 `conflict` that carries both versions, so the editor can reload instead of overwriting.
   * With `pending`, a published or scheduled article keeps its live row: the edit goes into the
   * pending revision (see savePendingEdit). Without it the edit is direct, as API scripts expect.
   */
  async updateWithWarnings(id: number, patch: ArticlePatch, options: SaveOptions = {}): Promise<SaveResult> {
    const before = await this.mustFind(id);
    if (options.expectedVersion !== undefined && options.expectedVersion !== before.version) {
      throw staleVersion(before, options.expectedVersion);
    }
    if (options.pending) {
      const pending = await this.articles.findPending(id);
      if (pending || LIVE_STATUSES.has(before.status)) {
        // The embargo and event time are workflow, not content: they apply at once, never wait as pending.
        const timing = this.timingChanges(before, patch);
        if (Object.keys(timing).length > 0) await this.articles.update(id, timing);
        return this.savePendingEdit(await this.mustFind(id), pending, patch, options.by);
      }
    }
    const { changes, warnings } = await this.changesFrom(before, patch);
    const linksBefore = await this.articles.linkIds(id);
    const links =
      patch.tagIds !== undefined || patch.authorIds !== undefined
        ? { tagIds: patch.tagIds ?? linksBefore.tagIds, authorIds: patch.authorIds ?? linksBefore.authorIds }
        : undefined;
    const article = await this.applyLive(before, changes, links, linksBefore, {
      by: options.by,
      expectedVersion: options.expectedVersion,
      label: before.status === "published" ? "updated" : "autosave",
      quiet: options.quiet,
    });
    return { article, warnings };
  }

  /**
   * The embargo and event-time columns of a patch. An embargo that would start after the story is
   * already out (published, or scheduled earlier) is refused: unpublish or reschedule first.
   */
  private timingChanges(before: ArticleRow, patch: ArticlePatch): ArticleUpdate {
    const changes: ArticleUpdate = {};
    if (patch.eventAt !== undefined) changes.event_at = instantOrNull(patch.eventAt, "eventAt");
    if (patch.embargoUntil !== undefined) {
      const embargo = instantOrNull(patch.embargoUntil, "embargoUntil");
      if (embargo !== null && LIVE_STATUSES.has(before.status)) {
        assertAfterEmbargo(embargo, new Date(before.status === "published" ? this.now() : (before.published_at ?? 0)));
      }
      changes.embargo_until = embargo;
    }
    return changes;
  }

  /** Validates a patch into column changes (without `updated_at`). */
  private async changesFrom(
    before: ArticleRow,
    patch: ArticlePatch,
  ): Promise<{ changes: ArticleUpdate; warnings: string[] }> {
    const changes: ArticleUpdate = this.timingChanges(before, patch);
    const { body, warnings } = this.resolveBody(patch.body, patch.html, false);
    if (body) changes.body = JSON.stringify(body);
    if (patch.title !== undefined) changes.title = requireText(patch.title, "title", LIMITS.title);
    if (patch.slug !== undefined) {
      changes.slug = checkSlug(patch.slug);
      if (
        changes.slug !== before.slug &&
        (await this.articles.slugTaken(before.edition_code, changes.slug, before.id))
      ) {
        throw new AppError(
          "validation_failed",
          `Another article in this edition has the slug "${changes.slug}"; choose a different one.`,
          { field: "slug" },
        );
      }
      // Edited by hand: the slug stays as the editor set it from now on.
      changes.slug_follows_title = 0;
    } else if (
      changes.title !== undefined &&
      changes.title !== before.title &&
      before.slug_follows_title === 1 &&
      !LIVE_STATUSES.has(before.status)
    ) {
      const language = await this.articles.editionLanguage(before.edition_code);
      changes.slug = await this.freeSlug(before.edition_code, slugify(changes.title, language), before.slug);
    }
    if (patch.dek !== undefined) changes.dek = optionalText(patch.dek, "dek", LIMITS.dek);
    if (patch.sectionId !== undefined) {
      await this.checkSection(before.edition_code, patch.sectionId);
      changes.section_id = patch.sectionId;
    }
    if (patch.leadMediaId !== undefined) {
      await this.checkMedia(patch.leadMediaId);
      changes.lead_media_id = patch.leadMediaId;
    }
    if (patch.seoTitle !== undefined) changes.seo_title = optionalText(patch.seoTitle, "seoTitle", LIMITS.seoTitle);
    if (patch.seoDescription !== undefined) {
      changes.seo_description = optionalText(patch.seoDescription, "seoDescription", LIMITS.seoDescription);
    }
    if (patch.leadCaption !== undefined)
      changes.lead_caption = optionalText(patch.leadCaption, "leadImage.caption", LIMITS.caption);
    if (patch.leadCredit !== undefined)
      changes.lead_credit = optionalText(patch.leadCredit, "leadImage.credit", LIMITS.caption);
    if (patch.leadAlt !== undefined) changes.lead_alt = optionalText(patch.leadAlt, "leadImage.alt", LIMITS.caption);
    if (patch.sourceAttribution !== undefined) {
      changes.source_attribution = optionalText(patch.sourceAttribution, "sourceAttribution", LIMITS.source);
    }
    if (patch.translationGroup !== undefined) changes.translation_group = patch.translationGroup;
    if (patch.breaking !== undefined) changes.is_breaking = patch.breaking ? 1 : 0;
    if (patch.featured !== undefined) changes.is_featured = patch.featured ? 1 : 0;
    if (patch.videoOfTheDay !== undefined) changes.video_of_the_day = patch.videoOfTheDay ? 1 : 0;
    return { changes, warnings };
  }

  /**
   * The one path by which content reaches the live row: a direct edit, "Update" and a restore of
   * a draft. Bumps the version, purges every page that showed the article before and after (when
   * published), remembers a left slug, writes the revision and announces the change (search,
   * geotagging, the page cache… follow the events).
   */
  private async applyLive(
    before: ArticleRow,
    changes: ArticleUpdate,
    links: { tagIds: number[]; authorIds: number[] } | undefined,
    linksBefore: { tagIds: number[]; authorIds: number[] },
    options: {
      by?: ChangeAuthor;
      expectedVersion?: number;
      label: RevisionLabel;
      restoredFrom?: number | null;
      clearPending?: boolean;
      quiet?: boolean;
    },
  ): Promise<ArticleRow> {
    const id = before.id;
    // Imports (quiet) bring in what another site already published; every other live edit that
    // changes what the check reads faces it again, as the publish button did.
    if (!options.quiet) await this.assertLiveEditMayGoOut(before, changes);
    const untranslated = this.untranslatedAfter(before, changes, before.section_id);
    if (untranslated !== undefined) changes.untranslated = untranslated;
    const after = await this.articles.update(id, { ...changes, updated_at: this.now().toISOString() }, links, {
      expectedVersion: before.version,
      clearPending: options.clearPending,
    });
    if (!after) {
      const current = await this.mustFind(id);
      throw staleVersion(current, options.expectedVersion ?? before.version);
    }
    // A slug that still followed the headline was never on the site: no old URL to keep.
    if (before.slug !== after.slug && before.slug_follows_title === 0) {
      await this.articles.recordOldSlug(before.edition_code, before.slug, id, this.now().toISOString());
    }
    const revised = await this.recordRevision(after, options.by, options.label, options.restoredFrom ?? null);
    const wasLive = before.status === "published";
    const isLive = after.status === "published";
    return this.announce(
      after,
      revised,
      wasLive || isLive
        ? {
            type: isLive ? (wasLive ? "article.updated" : "article.published") : "article.unpublished",
            keys: [...(await this.keysOf(before, linksBefore)), ...(await this.keysOf(after, links ?? linksBefore))],
          }
        : undefined,
      options.quiet,
    );
  }

  /**
   * An edit of a live article: applied to the pending revision (or to a copy of the live content
   * when there is none yet). The live row, its caches, feeds and the search index do not change.
   */
  private async savePendingEdit(
    before: ArticleRow,
    pending: PendingRow | undefined,
    patch: ArticlePatch,
    by?: ChangeAuthor,
  ): Promise<SaveResult> {
    if (patch.translationGroup !== undefined) {
      throw new AppError(
        "validation_failed",
        "The translation group is not part of a pending revision; save it directly.",
        {
          field: "translationGroup",
        },
      );
    }
    const base = pending ? parseSnapshot(pending.snapshot) : snapshotOf(before, await this.articles.linkIds(before.id));
    const { changes, warnings } = await this.changesFrom(before, patch);
    const next: ArticleSnapshot = { ...base };
    for (const field of REVISED_FIELDS) {
      if (changes[field] !== undefined) (next as Record<string, unknown>)[field] = changes[field];
    }
    if (patch.tagIds !== undefined) next.tagIds = [...new Set(patch.tagIds)];
    if (patch.authorIds !== undefined) next.authorIds = [...new Set(patch.authorIds)];
    const untranslated = this.untranslatedAfter({ ...before, ...base }, changes, base.section_id);
    if (untranslated !== undefined) await this.articles.setUntranslated(before.id, untranslated);
    const article = await this.storePending(before, next, by, "autosave", pending?.restored_from ?? null);
    return { article, warnings };
  }

  /**
   * The untranslated-fields list (JSON) after a change, or undefined when it stays as it is. A
   * field counts as translated once its content changes; the body by its text, so a save that
   * only re-serialises the document does not clear it.
   */
  private untranslatedAfter(
    before: Pick<ArticleRow, "untranslated" | "title" | "dek" | "body" | "lead_caption" | "lead_credit" | "lead_alt">,
    changes: ArticleUpdate,
    sectionBefore: number | null,
  ): string | undefined {
    const list = parseUntranslated(before.untranslated);
    if (list.length === 0) return undefined;
    const differs = <T>(next: T | undefined, prev: T) => next !== undefined && next !== prev;
    const edited: UntranslatedField[] = [];
    if (differs(changes.title, before.title)) edited.push("title");
    if (differs(changes.dek, before.dek)) edited.push("dek");
    if (differs(changes.lead_caption, before.lead_caption)) edited.push("leadCaption");
    if (differs(changes.lead_credit, before.lead_credit)) edited.push("leadCredit");
    if (differs(changes.lead_alt, before.lead_alt)) edited.push("leadAlt");
    if (changes.section_id !== undefined && changes.section_id !== null && changes.section_id !== sectionBefore) {
      edited.push("section");
    }
    if (
      typeof changes.body === "string" &&
      changes.body !== before.body &&
      bodyText(changes.body) !== bodyText(before.body)
    ) {
      edited.push("body");
    }
    const next = clearUntranslated(list, edited);
    return next.length === list.length ? undefined : JSON.stringify(next);
  }

  private async storePending(
    before: ArticleRow,
    snapshot: ArticleSnapshot,
    by: ChangeAuthor | undefined,
    label: RevisionLabel,
    restoredFrom: number | null,
  ): Promise<ArticleRow> {
    const now = this.now().toISOString();
    const who = { staff_id: by?.staffId ?? null, author_name: by?.name ?? null };
    const version = await this.articles.savePending(
      before.id,
      before.version,
      { ...who, snapshot: JSON.stringify(snapshot), restored_from: restoredFrom, saved_at: now },
      { ...who, token_id: by?.tokenId ?? null, created_at: now, label, restored_from: restoredFrom },
    );
    if (version === undefined) throw staleVersion(await this.mustFind(before.id), before.version);
    return this.mustFind(before.id);
  }

  /** The pending revision of an article, with its content, or undefined. */
  async getPending(id: number): Promise<(PendingRow & { content: ArticleSnapshot }) | undefined> {
    const pending = await this.articles.findPending(id);
    return pending ? { ...pending, content: parseSnapshot(pending.snapshot) } : undefined;
  }

  /**
   * "Update": makes the pending revision live in one transaction (content, tags, bylines, the
   * pending row dropped), as a new version labelled `updated`, announced like any live edit.
   */
  async applyPending(id: number, options: { expectedVersion?: number; by?: ChangeAuthor } = {}): Promise<ArticleRow> {
    const before = await this.mustFind(id);
    if (options.expectedVersion !== undefined && options.expectedVersion !== before.version) {
      throw staleVersion(before, options.expectedVersion);
    }
    const pending = await this.articles.findPending(id);
    if (!pending) throw new AppError("invalid_state", "This article has no unpublished changes to make live.");
    const snapshot = parseSnapshot(pending.snapshot);
    await this.checkSection(before.edition_code, snapshot.section_id);
    await this.checkMedia(snapshot.lead_media_id);
    return this.applyLive(
      before,
      changesOf(snapshot),
      { tagIds: snapshot.tagIds, authorIds: snapshot.authorIds },
      await this.articles.linkIds(id),
      {
        by: options.by,
        expectedVersion: options.expectedVersion,
        label: "updated",
        restoredFrom: pending.restored_from,
        clearPending: true,
      },
    );
  }

  /**
   * The story as it would be on the site after "Update": the live row with the pending revision's
   * content, or the row itself when nothing waits. The publication check looks at this one.
   */
  async outgoing(id: number): Promise<ArticleRow> {
    const live = await this.mustFind(id);
    const pending = await this.articles.findPending(id);
    return pending ? withChanges(live, changesOf(parseSnapshot(pending.snapshot))) : live;
  }

  private async assertLiveEditMayGoOut(before: ArticleRow, changes: ArticleUpdate): Promise<void> {
    if (!this.publishGate || before.status !== "published") return;
    const after = withChanges(before, changes);
    if (CHECKED_FIELDS.every((field) => after[field] === before[field])) return;
    const refusal = await this.publishGate.refusal(after, this.now());
    if (refusal) throw refusalError(refusal);
  }

  /** "Discard changes": drops the pending revision; the live row is untouched. */
  async discardPending(id: number, options: { expectedVersion?: number } = {}): Promise<ArticleRow> {
    const before = await this.mustFind(id);
    if (options.expectedVersion !== undefined && options.expectedVersion !== before.version) {
      throw staleVersion(before, options.expectedVersion);
    }
    let dropped: boolean;
    try {
      dropped = await this.articles.dropPending(id, before.version);
    } catch (error) {
      if (error instanceof StalePending) throw staleVersion(await this.mustFind(id), before.version);
      throw error;
    }
    if (!dropped) throw new AppError("invalid_state", "This article has no unpublished changes to discard.");
    return this.mustFind(id);
  }

  /**
   * Publishes now, or schedules when `at` is in the future. The first publication time is kept
   * when an article is published again, so it does not jump back to the top of the feed.
   */
  async publish(id: number, at?: Date, by?: ChangeAuthor, options: { quiet?: boolean } = {}): Promise<ArticleRow> {
    const before = await this.mustFind(id);
    const now = this.now();
    // A published story keeps its first publication time; "Publish now" on a story scheduled for
    // later means now, not the time it was waiting for.
    const kept = before.published_at && before.status !== "scheduled" ? new Date(before.published_at) : undefined;
    const due = before.status === "scheduled" && before.published_at ? new Date(before.published_at) : undefined;
    const when = at ?? kept ?? (due && due.getTime() <= now.getTime() ? due : now);
    const scheduled = when.getTime() > now.getTime();
    assertAfterEmbargo(before.embargo_until, scheduled ? when : now);
    const after = await this.articles.update(id, {
      status: scheduled ? "scheduled" : "published",
      published_at: when.toISOString(),
      updated_at: now.toISOString(),
      // From now on the URL is public (or announced): the slug no longer follows the headline.
      slug_follows_title: 0,
    });
    if (!after) throw new AppError("not_found", `Article ${id} does not exist.`);
    const revised = await this.recordRevision(after, by, scheduled ? "scheduled" : "published");
    const wasLive = before.status === "published";
    if (!scheduled) {
      return this.announce(
        after,
        revised,
        { type: wasLive ? "article.updated" : "article.published", keys: await this.keysOf(after) },
        options.quiet,
      );
    }
    return this.announce(
      after,
      revised,
      wasLive ? { type: "article.unpublished", keys: await this.keysOf(after) } : undefined,
      options.quiet,
    );
  }

  /** Sends a draft to the editors. */
  async submit(id: number, by?: ChangeAuthor): Promise<ArticleRow> {
    const before = await this.mustFind(id);
    if (before.status !== "draft") {
      throw new AppError(
        "invalid_state",
        `Only a draft can be submitted for review; this article is ${before.status}.`,
      );
    }
    const now = this.now().toISOString();
    // The editor's note was for this round: a new submission starts the next one without it.
    const after = await this.articles.update(
      id,
      {
        status: "in_review",
        submitted_at: now,
        updated_at: now,
        return_note: null,
        return_note_by: null,
        return_note_at: null,
      },
      undefined,
      {
        where: { status: "draft" },
      },
    );
    if (!after) throw new AppError("conflict", "The article changed while it was being submitted; reload it.");
    const revised = await this.recordRevision(after, by, "submitted");
    await this.announce(after, revised);
    await this.events.publish("article.submitted", {
      articleId: after.id,
      edition: after.edition_code,
      version: after.version,
      status: after.status,
      keys: [],
      submittedBy: by ? { staffId: by.staffId, name: by.name } : null,
    });
    return after;
  }

  /**
   * Sends a story in review back to its author as a draft, with the editor's message, which stays
   * on the story until it is submitted again. The caller has checked that the actor may review.
   */
  async returnToAuthor(
    id: number,
    message: string,
    options: { expectedVersion?: number; by?: ChangeAuthor } = {},
  ): Promise<ArticleRow> {
    const text = message.trim();
    if (!text) throw new AppError("validation_failed", "Write the author a message.", { field: "message" });
    const before = await this.mustFind(id);
    if (before.status !== "in_review") {
      throw new AppError("invalid_state", `Only a story in review can be returned; this one is ${before.status}.`);
    }
    if (options.expectedVersion !== undefined && options.expectedVersion !== before.version) {
      throw staleVersion(before, options.expectedVersion);
    }
    const now = this.now().toISOString();
    const after = await this.articles.update(
      id,
      {
        status: "draft",
        updated_at: now,
        return_note: text,
        return_note_by: options.by?.name ?? null,
        return_note_at: now,
      },
      undefined,
      { where: { status: "in_review" } },
    );
    if (!after) throw new AppError("conflict", "The article changed while it was being returned; reload it.");
    const revised = await this.recordRevision(after, options.by, "returned");
    await this.announce(after, revised);
    await this.events.publish("article.returned", {
      articleId: after.id,
      edition: after.edition_code,
      version: after.version,
      status: after.status,
      keys: [],
      returnedBy: options.by ? { staffId: options.by.staffId, name: options.by.name } : null,
      message: text,
    });
    return after;
  }

  /** Stories waiting for an editor, oldest submission first (the review queue and its badge). */
  async awaitingReview(limit = 100): Promise<ArticleRow[]> {
    const rows = await this.articles.listForAdmin({ status: "in_review" }, null, limit);
    return rows.sort((a, b) => (a.submitted_at ?? "").localeCompare(b.submitted_at ?? "") || a.id - b.id);
  }

  /** What an open editor tab polls: the state now and the newest version's label and author. */
  async statusOf(id: number): Promise<{
    article: ArticleRow;
    lastChange: { label: RevisionLabel; by: string | null; at: string } | null;
  }> {
    const article = await this.mustFind(id);
    const [newest] = await this.articles.listRevisions(id);
    return {
      article,
      lastChange: newest ? { label: newest.label, by: newest.author_name, at: newest.created_at } : null,
    };
  }

  /**
   * Publishes at a future moment. A durable job does it then; if the server is down at that
   * moment, the job runs on the next start. Scheduling again replaces the time.
   */
  async schedule(id: number, at: Date, by?: ChangeAuthor): Promise<ArticleRow> {
    const before = await this.mustFind(id);
    if (at.getTime() <= this.now().getTime()) {
      throw new AppError("validation_failed", "The scheduled time is in the past; publish now instead.", {
        field: "at",
      });
    }
    assertAfterEmbargo(before.embargo_until, at);
    if (!this.jobs) throw new AppError("service_unavailable", "Scheduled publishing is not available in this process.");
    const iso = at.toISOString();
    const after = await this.articles.update(id, {
      status: "scheduled",
      published_at: iso,
      updated_at: this.now().toISOString(),
      slug_follows_title: 0,
    });
    if (!after) throw new AppError("not_found", `Article ${id} does not exist.`);
    await this.jobs.enqueue(
      "articles.publish-scheduled",
      { articleId: id, at: iso },
      { runAt: at, dedupeKey: `publish:${id}:${iso}` },
    );
    const revised = await this.recordRevision(after, by, "scheduled");
    return this.announce(
      after,
      revised,
      before.status === "published" ? { type: "article.unpublished", keys: await this.keysOf(before) } : undefined,
    );
  }

  /**
   * The scheduled job. Publishes only if the article is still scheduled for exactly that time,
   * in one conditional update: a re-run, a re-schedule or an unpublish in between make it a no-op.
   * The publication check runs again first, as the publish button's would: a story it refuses now
   * is held (back to review, the scheduling editor told) instead of going out unseen.
   */
  async publishScheduled(id: number, at: string): Promise<boolean> {
    if (this.publishGate) {
      const current = await this.articles.findById(id);
      if (current?.status !== "scheduled" || current.published_at !== at) return false;
      const refusal = await this.publishGate.refusal(current, this.now());
      if (refusal) {
        await this.hold(current, at, refusal);
        return false;
      }
    }
    const after = await this.articles.update(
      id,
      { status: "published", updated_at: this.now().toISOString() },
      undefined,
      { where: { status: "scheduled", published_at: at } },
    );
    if (!after) return false;
    const revised = await this.recordRevision(after, undefined, "published");
    await this.announce(after, revised, { type: "article.published", keys: await this.keysOf(after) });
    return true;
  }

  /**
   * A scheduled story the check refused at its time goes back to review, without a publication
   * time (it was never out), and `article.held` tells the scheduling editor and the audit log why.
   */
  private async hold(article: ArticleRow, at: string, refusal: PublishRefusal): Promise<void> {
    const now = this.now().toISOString();
    const scheduling = (await this.articles.listRevisions(article.id)).find((row) => row.label === "scheduled");
    const after = await this.articles.update(
      article.id,
      { status: "in_review", published_at: null, submitted_at: now, updated_at: now },
      undefined,
      { where: { status: "scheduled", published_at: at } },
    );
    if (!after) return;
    const revised = await this.recordRevision(after, undefined, "held");
    await this.announce(after, revised);
    await this.events.publish("article.held", {
      articleId: after.id,
      edition: after.edition_code,
      version: after.version,
      status: after.status,
      keys: [],
      title: after.title,
      scheduledFor: at,
      scheduledBy: scheduling
        ? { staffId: scheduling.staff_id, tokenId: scheduling.token_id, name: scheduling.author_name }
        : null,
      code: refusal.code,
      findings: refusal.findings,
    });
  }

  /** Retires an article from the site and the newsroom's working lists. */
  async archive(id: number, by?: ChangeAuthor): Promise<ArticleRow> {
    const before = await this.mustFind(id);
    const after = await this.articles.update(id, { status: "archived", updated_at: this.now().toISOString() });
    if (!after) throw new AppError("not_found", `Article ${id} does not exist.`);
    const revised = await this.recordRevision(after, by, "archived");
    return this.announce(
      after,
      revised,
      before.status === "published" ? { type: "article.unpublished", keys: await this.keysOf(before) } : undefined,
    );
  }

  listRevisions(id: number) {
    return this.articles.listRevisions(id);
  }

  /** The history screen's list: every version with its label, and which one is live or pending. */
  async history(id: number): Promise<ArticleHistory> {
    const article = await this.mustFind(id);
    const [rows, pending] = await Promise.all([this.articles.listRevisions(id), this.articles.findPending(id)]);
    return {
      liveVersion: article.live_version,
      pendingVersion: pending?.version ?? null,
      items: rows.map((row) => ({
        version: row.version,
        createdAt: row.created_at,
        staffId: row.staff_id,
        staffName: row.author_name,
        label: row.label,
        pending: row.pending === 1,
        restoredFrom: row.restored_from,
      })),
    };
  }

  /** The content of any version: the live row, the pending revision, or a stored revision. */
  async versionContent(id: number, version: number): Promise<VersionContent> {
    const article = await this.mustFind(id);
    const pending = await this.articles.findPending(id);
    let snapshot: ArticleSnapshot;
    if (pending && pending.version === version) snapshot = parseSnapshot(pending.snapshot);
    else if (article.live_version === version) snapshot = snapshotOf(article, await this.articles.linkIds(id));
    else {
      const revision = await this.articles.findRevision(id, version);
      if (!revision) throw new AppError("not_found", `Article ${id} has no version ${version}.`);
      snapshot = { ...snapshotOf(article, await this.articles.linkIds(id)), ...parseSnapshot(revision.snapshot) };
    }
    const body = JSON.parse(snapshot.body) as BodyDocument;
    return { version, snapshot, body, bodyText: renderBodyText(body) };
  }

  /** Word-level changes of headline, dek and body text between two versions. */
  async diffVersions(id: number, from: number, to: number): Promise<TextDiff> {
    const [a, b] = await Promise.all([this.versionContent(id, from), this.versionContent(id, to)]);
    return diffArticleText(
      { title: a.snapshot.title, dek: a.snapshot.dek ?? "", body: a.bodyText },
      { title: b.snapshot.title, dek: b.snapshot.dek ?? "", body: b.bodyText },
    );
  }

  /**
   * Brings back an old version's content, as a new version (history is never rewritten). On a
   * published or scheduled article (or one with a pending revision) it becomes the pending
   * revision and the live page does not change until "Update"; a draft takes it directly.
   * Bylines and the slug stay as they are now (an old revision may predate a byline, and a
   * restore must not move a live URL); corrections live in their own append-only table and are
   * never touched.
   */
  async restoreRevision(id: number, version: number, by?: ChangeAuthor): Promise<ArticleRow> {
    const before = await this.mustFind(id);
    const revision = await this.articles.findRevision(id, version);
    if (!revision) throw new AppError("not_found", `Article ${id} has no version ${version}.`);
    const pending = await this.articles.findPending(id);
    const linksBefore = await this.articles.linkIds(id);
    const current = pending ? parseSnapshot(pending.snapshot) : snapshotOf(before, linksBefore);
    const old = parseSnapshot(revision.snapshot);
    const restored: ArticleSnapshot = {
      ...current,
      ...old,
      slug: current.slug,
      tagIds: Array.isArray(old.tagIds) ? old.tagIds : current.tagIds,
      authorIds: current.authorIds,
    };
    // A section or image deleted since then cannot come back; the current one stays.
    if (restored.section_id !== null && !(await this.sectionExists(before.edition_code, restored.section_id))) {
      restored.section_id = current.section_id;
    }
    if (restored.lead_media_id !== null && !(await this.media.findById(restored.lead_media_id))) {
      restored.lead_media_id = current.lead_media_id;
    }
    if (pending || LIVE_STATUSES.has(before.status)) {
      return this.storePending(before, restored, by, "restored", version);
    }
    return this.applyLive(
      before,
      changesOf(restored),
      { tagIds: restored.tagIds, authorIds: restored.authorIds },
      linksBefore,
      { by, label: "restored", restoredFrom: version },
    );
  }

  private async sectionExists(edition: string, sectionId: number): Promise<boolean> {
    const section = await this.taxonomy.findSectionById(sectionId);
    return section?.edition_code === edition;
  }

  /** The article with its links, for the newsroom's editor. */
  async getForEditing(id: number): Promise<{ article: ArticleRow; tagIds: number[]; authorIds: number[] }> {
    const article = await this.mustFind(id);
    return { article, ...(await this.articles.linkIds(id)) };
  }

  listForAdmin(filters: AdminArticleFilters, after: { updatedAt: string; id: number } | null, limit: number) {
    return this.articles.listForAdmin(filters, after, limit);
  }

  /** Takes an article off the site (back to draft), purging every page that showed it. */
  async unpublish(id: number, by?: ChangeAuthor): Promise<ArticleRow> {
    const before = await this.mustFind(id);
    const after = await this.articles.update(id, { status: "draft", updated_at: this.now().toISOString() });
    if (!after) throw new AppError("not_found", `Article ${id} does not exist.`);
    const revised = await this.recordRevision(after, by, "unpublished");
    return this.announce(
      after,
      revised,
      before.status === "published" ? { type: "article.unpublished", keys: await this.keysOf(before) } : undefined,
    );
  }

  private async mustFind(id: number): Promise<ArticleRow> {
    const article = await this.articles.findById(id);
    if (!article) throw new AppError("not_found", `Article ${id} does not exist.`);
    return article;
  }

  private async checkSection(edition: string, sectionId: number | null): Promise<void> {
    if (sectionId === null) return;
    const section = await this.taxonomy.findSectionById(sectionId);
    if (!section || section.edition_code !== edition) {
      throw new AppError("validation_failed", `Section ${sectionId} does not exist in the "${edition}" edition.`);
    }
  }

  /**
   * A draft translation of an article into another edition: the same structure, body (with its
   * images), lead image and source, every text marked untranslated until it is edited (see
   * translation-todo.shared.ts). The section of the same slug in the target edition (else none,
   * marked); the tags of the same slug, made in the target edition when it lacks them; the same
   * bylines where the target edition has them. The slug is made from the copy's own headline in
   * the target edition's language and follows the headline while the copy is a draft. Both join
   * one translation group (the original's, or a new one named after it).
   */
  async createTranslation(sourceId: number, targetEdition: string, by?: ChangeAuthor): Promise<ArticleRow> {
    const source = await this.mustFind(sourceId);
    if (source.edition_code === targetEdition) {
      throw new AppError("validation_failed", "A translation goes into another edition than the original's.", {
        field: "edition",
      });
    }
    const group = source.translation_group ?? `article-${source.id}`;
    const members = await this.articles.groupMembers(group);
    const existing = members.find((member) => member.edition_code === targetEdition);
    if (existing) {
      throw new AppError("conflict", `This story already has a version in the "${targetEdition}" edition.`, {
        articleId: existing.id,
      });
    }
    if (!source.translation_group) await this.update(source.id, { translationGroup: group }, { by });
    const [section, tags, authors, media] = await Promise.all([
      source.section_id === null ? undefined : this.taxonomy.findSectionById(source.section_id),
      this.taxonomy.tagsOfArticle(source.id),
      this.taxonomy.authorsOfArticle(source.id),
      source.lead_media_id === null ? undefined : this.media.findById(source.lead_media_id),
    ]);
    // Vocabularies are per edition: a section carries over when the target edition has one of the
    // same slug; a tag is made there (same slug and name, to be translated under Tags) when missing.
    const targetSection = section ? await this.taxonomy.findSection(targetEdition, section.slug) : undefined;
    const tagIds: number[] = [];
    for (const tag of tags) {
      const found =
        (await this.taxonomy.findTag(targetEdition, tag.slug)) ??
        (await this.taxonomy.insertTag({ edition_code: targetEdition, slug: tag.slug, name: tag.name }));
      tagIds.push(found.id);
    }
    // A staff member's byline is found by who they are: their slug may differ between editions.
    const authorIds = (
      await Promise.all(
        authors.map((person) =>
          person.staff_id === null
            ? this.taxonomy.findPerson(targetEdition, person.slug)
            : this.taxonomy.findStaffPerson(targetEdition, person.staff_id),
        ),
      )
    ).flatMap((row) => (row ? [row.id] : []));
    // The lead image's texts as readers see them now (the article's own, else the library's),
    // copied so the translator has them in the fields to translate.
    const caption = source.lead_caption ?? media?.caption ?? null;
    const credit = source.lead_credit ?? media?.credit ?? null;
    const alt = source.lead_alt ?? (media?.alt || null);
    const present = (text: string | null | undefined) => text !== null && text !== undefined && text.trim() !== "";
    const untranslated: UntranslatedField[] = ["title"];
    if (present(source.dek)) untranslated.push("dek");
    if (bodyText(source.body).trim() !== "") untranslated.push("body");
    if (source.lead_media_id !== null) {
      if (present(caption)) untranslated.push("leadCaption");
      if (present(credit)) untranslated.push("leadCredit");
      if (present(alt)) untranslated.push("leadAlt");
    }
    if (section && !targetSection) untranslated.push("section");
    return this.create(
      {
        edition: targetEdition,
        kind: source.kind,
        title: source.title,
        dek: source.dek,
        // The source's editorial notes are about its own draft: the translation starts without them.
        body: stripNoteMarks(JSON.parse(source.body)),
        sectionId: targetSection?.id ?? null,
        tagIds,
        authorIds,
        leadMediaId: source.lead_media_id,
        leadCaption: source.lead_media_id === null ? null : caption,
        leadCredit: source.lead_media_id === null ? null : credit,
        leadAlt: source.lead_media_id === null ? null : alt,
        sourceAttribution: source.source_attribution,
        translationGroup: group,
        translatedFrom: source.id,
        untranslated,
      },
      by,
    );
  }

  /** Every member of the article's translation group, any status, itself included. */
  async translationGroupOf(id: number): Promise<ArticleRow[]> {
    const article = await this.mustFind(id);
    return article.translation_group ? this.articles.groupMembers(article.translation_group) : [article];
  }

  /**
   * Queues the publishing job of every scheduled article again, under the same dedupe key as
   * schedule(), so a job still pending is kept and a lost one is restored (a Redis that lost its
   * data in scaled mode). Workers call it at boot; returns how many articles are scheduled.
   */
  async requeueScheduled(): Promise<number> {
    if (!this.jobs) return 0;
    const scheduled = await this.articles.listScheduled();
    for (const { id, published_at: at } of scheduled) {
      await this.jobs.enqueue(
        "articles.publish-scheduled",
        { articleId: id, at },
        { runAt: new Date(at), dedupeKey: `publish:${id}:${at}` },
      );
    }
    return scheduled.length;
  }
}

/** The editable content of the live row. */
function snapshotOf(article: ArticleRow, links: { tagIds: number[]; authorIds: number[] }): ArticleSnapshot {
  const fields = Object.fromEntries(REVISED_FIELDS.map((field) => [field, article[field]]));
  return { ...fields, tagIds: links.tagIds, authorIds: links.authorIds } as ArticleSnapshot;
}

/** A stored snapshot; revisions written before tags and bylines were kept lack them. */
function parseSnapshot(json: string): ArticleSnapshot {
  const parsed = JSON.parse(json) as Partial<ArticleSnapshot>;
  const known = Object.fromEntries(
    REVISED_FIELDS.filter((field) => parsed[field] !== undefined).map((field) => [field, parsed[field]]),
  );
  return {
    ...known,
    ...(Array.isArray(parsed.tagIds) ? { tagIds: parsed.tagIds } : {}),
    ...(Array.isArray(parsed.authorIds) ? { authorIds: parsed.authorIds } : {}),
  } as ArticleSnapshot;
}

/** The row as it would be with these changes; a change left undefined keeps the column as it is. */
function withChanges(row: ArticleRow, changes: ArticleUpdate): ArticleRow {
  const set = Object.entries(changes).filter(([, value]) => value !== undefined);
  return { ...row, ...Object.fromEntries(set) } as ArticleRow;
}

/** The column changes that make the live row hold a snapshot's content. */
function changesOf(snapshot: ArticleSnapshot): ArticleUpdate {
  return Object.fromEntries(REVISED_FIELDS.map((field) => [field, snapshot[field]])) as ArticleUpdate;
}

function bodyText(json: string): string {
  return renderBodyText(JSON.parse(json) as BodyDocument);
}

function staleVersion(current: ArticleRow, yourVersion: number): AppError {
  return new AppError(
    "conflict",
    `Someone saved this article after you opened it (your version ${yourVersion}, current ${current.version}). Reload to see their changes.`,
    { currentVersion: current.version, currentUpdatedAt: current.updated_at, yourVersion },
  );
}

function checkSlug(slug: string): string {
  if (!isValidSlug(slug)) {
    throw new AppError(
      "validation_failed",
      "The slug may hold only lowercase letters a–z, digits and single hyphens.",
      {
        field: "slug",
      },
    );
  }
  return slug;
}

/** An ISO 8601 instant with its offset, stored as UTC; null clears it. */
function instantOrNull(value: string | null | undefined, field: string): string | null {
  if (value === undefined || value === null) return null;
  // An instant without an offset would be read in the server's zone: it must say which one it means.
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim()) || Number.isNaN(Date.parse(value))) {
    throw new AppError(
      "validation_failed",
      `"${value}" is not a date and time with its offset (e.g. 2026-05-01T09:00:00+03:00).`,
      {
        field,
      },
    );
  }
  return new Date(value).toISOString();
}

/**
 * The embargo rule, the one place that decides it: nothing goes out before `embargoUntil`. Every
 * channel (site, feeds, sitemaps, search, Content API, Telegram, push, webhooks, newsletters)
 * reads only published stories or reacts to `article.published`, so refusing to publish or
 * schedule earlier keeps the story out of all of them until the embargo ends.
 */
export function assertAfterEmbargo(embargoUntil: string | null, goesOutAt: Date): void {
  if (embargoUntil === null) return;
  if (goesOutAt.getTime() >= Date.parse(embargoUntil)) return;
  throw new AppError(
    "embargo_active",
    `This story is under embargo until ${embargoUntil}; schedule it for that time or later.`,
    { embargoUntil },
  );
}
