import { AppError } from "../errors.js";
import type {
  ArticleNoteKind,
  ArticleNoteRow,
  ArticleRow,
  LiveEntryRevisionRow,
  LiveEntryRow,
  MediaRow,
  PersonRow,
} from "../platform/db/schema.js";
import type { DomainEventBus } from "../platform/events/domain-events.js";
import { type ChangeAuthor, type PublishRefusal, refusalError } from "./articles.service.js";
import type { BodyDocument } from "./body.types.js";
import { collectMediaIds, parseBody } from "./body.validator.js";
import type { CorrectionListRow, LiveCoverageRepository } from "./live-coverage.repository.js";
import { isEmptyEntryBody } from "./live-entry.shared.js";
import { surrogateKey } from "./surrogate-keys.js";
import { optionalText, requireText } from "./text-fields.js";

export interface LiveEntryInput {
  headline?: string | null;
  body: unknown;
  personId?: number | null;
}

export type LiveEntryPatch = Partial<LiveEntryInput> & { pinned?: boolean };

/** An entry as pages and the API show it: the body parsed. */
export interface LiveEntry {
  id: number;
  articleId: number;
  headline: string | null;
  body: BodyDocument;
  authorName: string | null;
  personId: number | null;
  pinned: boolean;
  createdAt: string;
  updatedAt: string;
  /** When the text last changed after posting; null if it never did. */
  editedAt: string | null;
}

/** One saved text of an entry: the first is the text as posted, each edit adds one. */
export interface LiveEntryRevision {
  id: number;
  entryId: number;
  headline: string | null;
  body: BodyDocument;
  authorName: string | null;
  createdAt: string;
}

export interface ArticleNote {
  id: number;
  articleId: number;
  kind: ArticleNoteKind;
  text: string;
  createdAt: string;
}

/**
 * What the service asks before an entry goes out on a published live blog (the wartime
 * publication check answers): a new entry, or an edit of one's text.
 */
export interface EntryGate {
  entryRefusal(article: ArticleRow, entry: EntryText): Promise<PublishRefusal | null>;
}

/** An entry's text as it would go out, and when it was first posted (absent for a new one). */
interface EntryText {
  headline: string | null;
  body: BodyDocument;
  postedAt?: string;
}

const LIMITS = { headline: 300, note: 2000 };
/** A poll returns at most this many entries; a reader further behind reloads the page. */
export const LIVE_POLL_LIMIT = 50;

/**
 * Live blogs (timestamped entries on an article of kind "live") and corrections/updates on
 * published articles. Each change is its own row, so two editors adding entries at once both land
 * and neither has to re-save the article.
 */
export class LiveCoverageService {
  constructor(
    private readonly repository: LiveCoverageRepository,
    private readonly events: DomainEventBus,
    private readonly now: () => Date = () => new Date(),
    private readonly gate?: EntryGate,
  ) {}

  /** Refuses an entry text the publication check stopped (409, with its findings and why). */
  private async assertEntryMayGoOut(article: ArticleRow, entry: EntryText): Promise<void> {
    const refusal = await this.gate?.entryRefusal(article, entry);
    if (refusal) throw refusalError(refusal);
  }

  /** Announces a change to a published live blog (a draft's entries are nobody's business yet). */
  private async announce(
    type: "live.entry.created" | "live.entry.updated" | "live.entry.deleted" | "live.ended",
    article: ArticleRow,
    entryId: number | null,
  ): Promise<void> {
    if (article.status !== "published") return;
    await this.events.publish(type, {
      articleId: article.id,
      edition: article.edition_code,
      entryId,
      keys: this.touched(article),
    });
  }

  /** The keys of the pages an entry or note changes: the article page (and its live.json) and the front page. */
  private touched(article: ArticleRow): string[] {
    return [surrogateKey.article(article.id), surrogateKey.home(article.edition_code)];
  }

  /**
   * Announces a new text of an entry, drafts included: the maps capability finds the places it
   * names before the blog is published, as it does for articles.
   */
  private async announceSaved(article: ArticleRow, entryId: number): Promise<void> {
    await this.events.publish("live.entry.saved", {
      articleId: article.id,
      edition: article.edition_code,
      entryId,
      keys: this.touched(article),
    });
  }

  async article(id: number): Promise<ArticleRow> {
    const article = await this.repository.findArticle(id);
    if (!article) throw new AppError("not_found", `Article ${id} does not exist.`);
    return article;
  }

  private async liveArticle(id: number, running: boolean): Promise<ArticleRow> {
    const article = await this.article(id);
    if (article.kind !== "live") throw new AppError("invalid_state", `Article ${id} is not a live blog.`);
    if (running && article.live_ended_at !== null) {
      throw new AppError("invalid_state", "This live blog has ended; entries can no longer be added.");
    }
    return article;
  }

  async listEntries(articleId: number): Promise<LiveEntry[]> {
    await this.liveArticle(articleId, false);
    return (await this.repository.listEntries(articleId)).map(toEntry);
  }

  /** For the reader page: entries of a live article in page order, plus the newest id for polling. */
  async entriesForPage(article: ArticleRow): Promise<LiveEntry[]> {
    if (article.kind !== "live") return [];
    return (await this.repository.listEntries(article.id)).map(toEntry);
  }

  /** The images the entries' bodies show, by id, for the renderers. */
  async mediaOf(entries: readonly LiveEntry[]): Promise<Map<number, MediaRow>> {
    const ids = new Set(entries.flatMap((entry) => collectMediaIds(entry.body)));
    const rows = await this.repository.findMedia([...ids]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  async entriesAfter(article: ArticleRow, afterId: number): Promise<LiveEntry[]> {
    if (article.kind !== "live") return [];
    return (await this.repository.listEntriesAfter(article.id, afterId, LIVE_POLL_LIMIT)).map(toEntry);
  }

  async addEntry(articleId: number, input: LiveEntryInput, by: ChangeAuthor): Promise<LiveEntry> {
    const article = await this.liveArticle(articleId, true);
    const body = parseEntryBody(input.body);
    const headline = optionalText(input.headline, "headline", LIMITS.headline);
    const personId = await this.checkPerson(article, input.personId ?? null);
    await this.assertEntryMayGoOut(article, { headline, body });
    const at = this.now().toISOString();
    const row = await this.repository.insertEntry({
      article_id: articleId,
      headline,
      body: JSON.stringify(body),
      staff_id: by.staffId,
      person_id: personId,
      author_name: by.name,
      pinned: 0,
      created_at: at,
      updated_at: at,
    });
    await this.repository.touchArticle(articleId, at);
    await this.announce("live.entry.created", article, row.id);
    await this.announceSaved(article, row.id);
    return toEntry(row);
  }

  /**
   * Changes an entry. A new headline or body is an edit: it is written to the entry's history and
   * marks the entry "edited" for readers; pinning or a byline is not.
   */
  async updateEntry(
    articleId: number,
    entryId: number,
    patch: LiveEntryPatch,
    by: ChangeAuthor | null = null,
  ): Promise<LiveEntry> {
    const article = await this.liveArticle(articleId, false);
    const current = await this.repository.findEntry(articleId, entryId);
    if (!current) throw new AppError("not_found", `Live entry ${entryId} does not exist in article ${articleId}.`);
    const at = this.now().toISOString();
    const changes: Parameters<LiveCoverageRepository["updateEntry"]>[2] = { updated_at: at };
    const body = patch.body !== undefined ? parseEntryBody(patch.body) : undefined;
    if (body !== undefined) changes.body = JSON.stringify(body);
    if (patch.headline !== undefined) changes.headline = optionalText(patch.headline, "headline", LIMITS.headline);
    if (patch.personId !== undefined) changes.person_id = await this.checkPerson(article, patch.personId);
    if (patch.pinned !== undefined) changes.pinned = patch.pinned ? 1 : 0;
    const edited =
      (changes.body !== undefined && changes.body !== current.body) ||
      (changes.headline !== undefined && changes.headline !== current.headline);
    if (edited) {
      changes.edited_at = at;
      await this.assertEntryMayGoOut(article, {
        headline: changes.headline !== undefined ? changes.headline : current.headline,
        body: body ?? (JSON.parse(current.body) as BodyDocument),
        postedAt: current.created_at,
      });
    }
    const revision = edited ? { staff_id: by?.staffId ?? null, author_name: by?.name ?? null } : undefined;
    const row = await this.repository.updateEntry(articleId, entryId, changes, revision);
    if (!row) throw new AppError("not_found", `Live entry ${entryId} does not exist in article ${articleId}.`);
    await this.repository.touchArticle(articleId, at);
    await this.announce("live.entry.updated", article, row.id);
    if (edited) await this.announceSaved(article, row.id);
    return toEntry(row);
  }

  /** An entry's saved texts, newest first (the first as posted comes last). */
  async listRevisions(articleId: number, entryId: number): Promise<LiveEntryRevision[]> {
    await this.liveArticle(articleId, false);
    if (!(await this.repository.findEntry(articleId, entryId))) {
      throw new AppError("not_found", `Live entry ${entryId} does not exist in article ${articleId}.`);
    }
    return (await this.repository.listRevisions(entryId)).map(toRevision);
  }

  /** One entry as it is now, or undefined once deleted (the geotagger reads the current text). */
  async findEntry(articleId: number, entryId: number): Promise<LiveEntry | undefined> {
    const row = await this.repository.findEntry(articleId, entryId);
    return row ? toEntry(row) : undefined;
  }

  async deleteEntry(articleId: number, entryId: number): Promise<void> {
    const article = await this.liveArticle(articleId, false);
    if (!(await this.repository.deleteEntry(articleId, entryId))) {
      throw new AppError("not_found", `Live entry ${entryId} does not exist in article ${articleId}.`);
    }
    await this.repository.touchArticle(articleId, this.now().toISOString());
    await this.announce("live.entry.deleted", article, entryId);
  }

  /** Ends the coverage: the page keeps its entries, loses its "Live" badge and stops polling. */
  async end(articleId: number): Promise<ArticleRow> {
    const article = await this.liveArticle(articleId, true);
    const at = this.now().toISOString();
    await this.repository.touchArticle(articleId, at, { live_ended_at: at });
    await this.announce("live.ended", article, null);
    return this.article(articleId);
  }

  /** Appends a correction or an update note to a published article; notes are never rewritten. */
  async addNote(articleId: number, kind: ArticleNoteKind, text: string, by: ChangeAuthor): Promise<ArticleNote> {
    const article = await this.article(articleId);
    if (article.status !== "published") {
      throw new AppError("invalid_state", "Corrections and updates are appended to published articles only.");
    }
    const at = this.now().toISOString();
    const row = await this.repository.insertNote({
      article_id: articleId,
      kind,
      text: requireText(text, "text", LIMITS.note),
      staff_id: by.staffId,
      created_at: at,
    });
    await this.repository.touchArticle(articleId, at);
    await this.events.publish("correction.created", {
      articleId,
      edition: article.edition_code,
      noteId: row.id,
      kind,
      keys: [...this.touched(article), surrogateKey.corrections(article.edition_code)],
    });
    return toNote(row);
  }

  async listNotes(articleId: number): Promise<ArticleNote[]> {
    await this.article(articleId);
    return (await this.repository.listNotes(articleId)).map(toNote);
  }

  async notesForPage(article: ArticleRow): Promise<ArticleNote[]> {
    return (await this.repository.listNotes(article.id)).map(toNote);
  }

  listCorrections(edition: string, limit = 200): Promise<CorrectionListRow[]> {
    return this.repository.listEditionNotes(edition, limit);
  }

  private async checkPerson(article: ArticleRow, personId: number | null): Promise<number | null> {
    if (personId === null) return null;
    const person: PersonRow | undefined = await this.repository.findPerson(personId);
    if (!person || person.edition_code !== article.edition_code) {
      throw new AppError(
        "validation_failed",
        `Person ${personId} does not exist in the "${article.edition_code}" edition.`,
        {
          field: "personId",
        },
      );
    }
    return personId;
  }
}

/** The article body's rules, and something for a reader to read or see. */
function parseEntryBody(value: unknown): BodyDocument {
  const body = parseBody(value);
  if (isEmptyEntryBody(body)) {
    throw new AppError("validation_failed", "The entry is empty: write some text or add an image or an embed.", {
      field: "body",
    });
  }
  return body;
}

function toEntry(row: LiveEntryRow): LiveEntry {
  return {
    id: row.id,
    articleId: row.article_id,
    headline: row.headline,
    body: JSON.parse(row.body) as BodyDocument,
    authorName: row.author_name,
    personId: row.person_id,
    pinned: row.pinned === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    editedAt: row.edited_at,
  };
}

function toRevision(row: LiveEntryRevisionRow): LiveEntryRevision {
  return {
    id: row.id,
    entryId: row.entry_id,
    headline: row.headline,
    body: JSON.parse(row.body) as BodyDocument,
    authorName: row.author_name,
    createdAt: row.created_at,
  };
}

function toNote(row: ArticleNoteRow): ArticleNote {
  return { id: row.id, articleId: row.article_id, kind: row.kind, text: row.text, createdAt: row.created_at };
}
