import { randomUUID } from "node:crypto";
import { AppError } from "../errors.js";
import type { ArticleRow, EditorialNoteCommentRow, EditorialNoteThreadRow } from "../platform/db/schema.js";
import type { DomainEventBus } from "../platform/events/domain-events.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import type { Mailer } from "../platform/mail/mailer.js";
import type { Role } from "../staff/roles.shared.js";
import type { ArticleSubject } from "./articles.policy.js";
import type { BodyDocument } from "./body.types.js";
import { mentionEmail } from "./editorial-notes.mail.js";
import { isMentionable } from "./editorial-notes.policy.js";
import type { EditorialNotesRepository } from "./editorial-notes.repository.js";
import type { CreateNoteInput, NotesListView, NoteThreadView } from "./editorial-notes.schemas.js";
import { handleOf, mentionedHandles, noteIdsIn } from "./editorial-notes.shared.js";
import "./newsroom.events.js";

declare module "../platform/jobs/job-queue.js" {
  interface JobPayloads {
    /** Mails one member @mentioned in one comment (queued once per comment and member). */
    "notes.mention-mail": { commentId: number; staffId: number };
  }
}

/** Who writes or resolves: the request's actor, as far as notes need it. */
export interface NoteActor {
  staffId: number | null;
  tokenId: number | null;
  name: string;
}

export interface EditorialNotesDeps {
  repository: EditorialNotesRepository;
  /** The article as it is now (a 404 when it does not exist). */
  article: (id: number) => Promise<ArticleRow>;
  staff: {
    list(): Promise<{ id: number; email: string; name: string; role: Role; status: string }[]>;
    activeContact(id: number): Promise<{ email: string; name: string } | undefined>;
  };
  mailer: Mailer;
  jobs: JobQueue;
  events: DomainEventBus;
  /** The newsroom app's address of an article. */
  editorUrl: (id: number) => string;
  /** Names the newsroom in the mail. */
  site: string;
  now?: () => Date;
}

/**
 * Editorial notes: margin comments of the desk anchored to a range of a draft by a `note` mark
 * (whose `noteId` is the thread's id), in threads that are resolved and reopened. @mentions of
 * members who may edit the story are mailed through the durable queue.
 */
export class EditorialNotesService {
  private readonly now: () => Date;

  constructor(private readonly deps: EditorialNotesDeps) {
    this.now = deps.now ?? (() => new Date());
    deps.jobs.register("notes.mention-mail", (payload) => this.mailMention(payload));
  }

  /** The article's owner and status, for the policy check of a route. */
  async subject(articleId: number): Promise<ArticleSubject> {
    const article = await this.deps.article(articleId);
    return { created_by: article.created_by, created_by_token: article.created_by_token, status: article.status };
  }

  async list(articleId: number): Promise<NotesListView> {
    const article = await this.deps.article(articleId);
    const threads = await this.deps.repository.threadsOf(articleId);
    const comments = await this.deps.repository.commentsOf(threads.map((thread) => thread.id));
    const order = noteIdsIn(parseBody(article.body));
    const position = (id: string) => {
      const index = order.indexOf(id);
      return index === -1 ? order.length : index;
    };
    // Stable sort: threads whose text is gone keep their creation order after the anchored ones.
    const sorted = [...threads].sort((a, b) => position(a.id) - position(b.id));
    return {
      threads: sorted.map((thread) => viewOf(thread, comments, order.includes(thread.id))),
      mentionable: (await this.mentionable(article)).map((member) => ({
        handle: handleOf(member.email),
        name: member.name,
      })),
    };
  }

  async create(articleId: number, input: CreateNoteInput, by: NoteActor): Promise<NoteThreadView> {
    const article = await this.deps.article(articleId);
    const body = requireText(input.body, "The note is empty.");
    const now = this.now().toISOString();
    const { thread, comment } = await this.deps.repository.insertThread(
      {
        id: input.noteId ?? randomUUID(),
        article_id: articleId,
        quote: input.quote.trim(),
        created_by: by.staffId,
        created_by_name: by.name,
        created_at: now,
        resolved_at: null,
        resolved_by: null,
        resolved_by_name: null,
      },
      { author_id: by.staffId, author_name: by.name, body, created_at: now },
    );
    await this.deps.events.publish("note.created", {
      articleId,
      edition: article.edition_code,
      title: article.title,
      threadId: thread.id,
      quote: thread.quote,
      by,
    });
    await this.queueMentions(article, comment, by);
    return this.view(article, thread);
  }

  async reply(articleId: number, threadId: string, text: string, by: NoteActor): Promise<NoteThreadView> {
    const article = await this.deps.article(articleId);
    const thread = await this.thread(articleId, threadId);
    const comment = await this.deps.repository.insertComment({
      thread_id: thread.id,
      author_id: by.staffId,
      author_name: by.name,
      body: requireText(text, "The reply is empty."),
      created_at: this.now().toISOString(),
    });
    await this.queueMentions(article, comment, by);
    return this.view(article, thread);
  }

  /** Resolves the thread; resolving a resolved thread changes nothing and announces nothing. */
  async resolve(articleId: number, threadId: string, by: NoteActor): Promise<NoteThreadView> {
    const article = await this.deps.article(articleId);
    const thread = await this.thread(articleId, threadId);
    const changed = await this.deps.repository.setResolved(thread.id, {
      at: this.now().toISOString(),
      by: by.staffId,
      byName: by.name,
    });
    if (changed) {
      await this.deps.events.publish("note.resolved", {
        articleId,
        edition: article.edition_code,
        title: article.title,
        threadId: thread.id,
        quote: thread.quote,
        by,
      });
    }
    return this.view(article, await this.thread(articleId, threadId));
  }

  async reopen(articleId: number, threadId: string): Promise<NoteThreadView> {
    const article = await this.deps.article(articleId);
    const thread = await this.thread(articleId, threadId);
    await this.deps.repository.setResolved(thread.id, null);
    return this.view(article, await this.thread(articleId, threadId));
  }

  private async thread(articleId: number, threadId: string): Promise<EditorialNoteThreadRow> {
    const thread = await this.deps.repository.findThread(threadId);
    // Another article's thread is as absent as a missing one: its id says nothing here.
    if (!thread || thread.article_id !== articleId)
      throw new AppError("not_found", "There is no such note on this story.");
    return thread;
  }

  private async view(article: ArticleRow, thread: EditorialNoteThreadRow): Promise<NoteThreadView> {
    const comments = await this.deps.repository.commentsOf([thread.id]);
    return viewOf(thread, comments, noteIdsIn(parseBody(article.body)).includes(thread.id));
  }

  /** Active members who may edit the article, by name. */
  private async mentionable(article: ArticleRow) {
    return (await this.deps.staff.list())
      .filter((member) => member.status === "active" && isMentionable(member, article))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * One mail job per member the comment mentions, by handle; a handle of nobody who may edit the
   * story stays plain text, and nobody is mailed about their own comment. The job key is the
   * comment and member, so a retried request queues nothing twice.
   */
  private async queueMentions(article: ArticleRow, comment: EditorialNoteCommentRow, by: NoteActor): Promise<void> {
    const handles = new Set(mentionedHandles(comment.body));
    if (handles.size === 0) return;
    for (const member of await this.mentionable(article)) {
      if (!handles.has(handleOf(member.email)) || member.id === by.staffId) continue;
      await this.deps.jobs.enqueue(
        "notes.mention-mail",
        { commentId: comment.id, staffId: member.id },
        { dedupeKey: `notes.mention:${comment.id}:${member.id}` },
      );
    }
  }

  /**
   * Sends one mention. A member who has since lost access to the story (or left) gets nothing.
   * A worker that dies after the send mails again on the retry: a second note is harmless, a lost
   * one is not.
   */
  private async mailMention(payload: { commentId: number; staffId: number }): Promise<void> {
    const comment = await this.deps.repository.findComment(payload.commentId);
    if (!comment) return;
    const thread = await this.deps.repository.findThread(comment.thread_id);
    if (!thread) return;
    const article = await this.deps.article(thread.article_id);
    const member = (await this.mentionable(article)).find((candidate) => candidate.id === payload.staffId);
    const contact = member ? await this.deps.staff.activeContact(member.id) : undefined;
    if (!contact) return;
    await this.deps.mailer.send(
      mentionEmail({
        to: contact.email,
        site: this.deps.site,
        title: article.title,
        by: comment.author_name,
        quote: thread.quote,
        comment: comment.body,
        url: this.deps.editorUrl(article.id),
      }),
    );
  }
}

function requireText(text: string, message: string): string {
  const trimmed = text.trim();
  if (trimmed === "") throw new AppError("validation_failed", message);
  return trimmed;
}

function parseBody(json: string): BodyDocument {
  return JSON.parse(json) as BodyDocument;
}

function viewOf(
  thread: EditorialNoteThreadRow,
  comments: readonly EditorialNoteCommentRow[],
  anchored: boolean,
): NoteThreadView {
  return {
    id: thread.id,
    articleId: thread.article_id,
    quote: thread.quote,
    anchored,
    createdBy: { id: thread.created_by, name: thread.created_by_name },
    createdAt: thread.created_at,
    resolvedAt: thread.resolved_at,
    resolvedBy: thread.resolved_at === null ? null : { id: thread.resolved_by, name: thread.resolved_by_name ?? "" },
    comments: comments
      .filter((comment) => comment.thread_id === thread.id)
      .map((comment) => ({
        id: comment.id,
        author: { id: comment.author_id, name: comment.author_name },
        body: comment.body,
        createdAt: comment.created_at,
      })),
  };
}
