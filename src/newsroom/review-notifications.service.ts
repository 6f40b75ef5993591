import type { ArticleRow } from "../platform/db/schema.js";
import type { DomainEvent } from "../platform/events/domain-events.js";
import type { Mailer } from "../platform/mail/mailer.js";
import "./newsroom.events.js";
import { heldEmail, returnedEmail, submittedEmail } from "./review.mail.js";

/** What the review mail needs to know of the staff (the staff capability provides it). */
export interface ReviewStaffDirectory {
  /** Active editors, admins and owners. */
  reviewers(): Promise<{ id: number; email: string; name: string }[]>;
  /** An active member's address and name; undefined for a disabled or unknown one. */
  activeContact(id: number): Promise<{ email: string; name: string } | undefined>;
}

export interface ReviewNotificationDeps {
  staff: ReviewStaffDirectory;
  mailer: Mailer;
  /** The article as it is now. */
  article: (id: number) => Promise<ArticleRow>;
  /** The newsroom app's address of an article. */
  editorUrl: (id: number) => string;
  /** Names the newsroom in the mail. */
  site: string;
}

/**
 * Mail of the review workflow, run by durable listeners of `article.submitted` and
 * `article.returned`. A retried delivery may mail again; a second "for review" note is harmless,
 * a lost one is not, so no delivery record is kept.
 */
export class ReviewNotifications {
  constructor(private readonly deps: ReviewNotificationDeps) {}

  /** Tells every active editor, admin and owner except the one who submitted. */
  async submitted(event: DomainEvent<"article.submitted">): Promise<void> {
    const article = await this.deps.article(event.articleId);
    // Returned or published before the delivery ran: nothing waits for review any more.
    if (article.status !== "in_review") return;
    const submitter = event.submittedBy?.staffId ?? null;
    const reviewers = (await this.deps.staff.reviewers()).filter((member) => member.id !== submitter);
    for (const reviewer of reviewers) {
      await this.deps.mailer.send(
        submittedEmail({
          to: reviewer.email,
          site: this.deps.site,
          title: article.title,
          submittedBy: event.submittedBy?.name ?? null,
          url: this.deps.editorUrl(article.id),
        }),
      );
    }
  }

  /** Tells the story's author (the member who created it) what the editor wrote. */
  async returned(event: DomainEvent<"article.returned">): Promise<void> {
    const article = await this.deps.article(event.articleId);
    if (article.created_by === null || article.created_by === event.returnedBy?.staffId) return;
    const author = await this.deps.staff.activeContact(article.created_by);
    if (!author) return;
    await this.deps.mailer.send(
      returnedEmail({
        to: author.email,
        site: this.deps.site,
        title: article.title,
        returnedBy: event.returnedBy?.name ?? null,
        message: event.message,
        url: this.deps.editorUrl(article.id),
      }),
    );
  }

  /**
   * Tells whoever scheduled a story that the publication check held it at its time; a story
   * scheduled by a token (or by nobody known) tells its writer instead, so someone hears of it.
   */
  async held(event: DomainEvent<"article.held">): Promise<void> {
    const article = await this.deps.article(event.articleId);
    const memberId = event.scheduledBy?.staffId ?? article.created_by;
    if (memberId === null) return;
    const member = await this.deps.staff.activeContact(memberId);
    if (!member) return;
    await this.deps.mailer.send(
      heldEmail({
        to: member.email,
        site: this.deps.site,
        title: event.title,
        scheduledFor: event.scheduledFor.replace("T", " ").slice(0, 16),
        code: event.code,
        findings: event.findings,
        url: this.deps.editorUrl(article.id),
      }),
    );
  }
}
