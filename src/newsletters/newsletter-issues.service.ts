import { AppError } from "../errors.js";
import type { ArticleQueries } from "../newsroom/article-queries.service.js";
import type { ArticleCardRow } from "../newsroom/articles.repository.js";
import type { EditionsService } from "../newsroom/editions.service.js";
import type { SettingsService } from "../newsroom/settings.service.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import type { Mailer } from "../platform/mail/mailer.js";
import type { LinkSigner } from "../platform/security/link-signer.js";
import { urls } from "../site/urls.js";
import { signClickLink } from "./click-links.js";
import { type EmailStory, personalise, type RenderedIssue, renderIssueEmail } from "./issue-email.renderer.js";
import type { NewsletterListsService } from "./newsletter-lists.service.js";
import type { NewslettersRepository } from "./newsletters.repository.js";
import type { NewsletterList } from "./newsletters.shared.js";
import { type IssueView, type TestCopy, toIssue } from "./newsletters.types.js";
import { nextRun } from "./schedule.js";

const DIGEST_LOOKBACK_MS = 24 * 3600 * 1000;
const DIGEST_SCAN_LIMIT = 200;

function never(): never {
  throw new Error("An issue vanished while it was being made");
}

/**
 * Issues before they go: digests composed from the edition's latest stories for each schedule
 * slot, manual issues, editing, rendering, previews and test copies, scheduling and cancelling.
 */
export class NewsletterIssuesService {
  private readonly now: () => Date;

  constructor(
    private readonly repository: NewslettersRepository,
    private readonly lists: NewsletterListsService,
    private readonly deps: {
      editions: EditionsService;
      articleQueries: ArticleQueries;
      settings: SettingsService;
      mailer: Mailer;
      jobs: JobQueue;
      signer: LinkSigner;
    },
    private readonly options: { publicUrl: string; now?: () => Date },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  private iso(): string {
    return this.now().toISOString();
  }

  private async digestArticles(list: NewsletterList, since: string): Promise<ArticleCardRow[]> {
    const found: ArticleCardRow[] = [];
    let after: { publishedAt: string; id: number } | null = null;
    while (found.length < DIGEST_SCAN_LIMIT) {
      const page = await this.deps.articleQueries.feed({ kind: "home", edition: list.edition }, after, 50);
      const fresh = page.items.filter((item) => item.published_at > since);
      found.push(...fresh);
      if (fresh.length < page.items.length || !page.next) break;
      after = page.next;
    }
    const ordered = [...found].sort(
      (a, b) => b.is_featured - a.is_featured || b.published_at.localeCompare(a.published_at) || b.id - a.id,
    );
    return ordered.slice(0, list.digestSize);
  }

  private digestSubject(list: NewsletterList, at: Date): string {
    const locale = list.language === "uk" ? "uk-UA" : list.language === "ru" ? "ru-RU" : "en-US";
    const date = new Intl.DateTimeFormat(locale, {
      day: "numeric",
      month: "long",
      timeZone: list.timeZone ?? this.deps.editions.byCode(list.edition)?.timeZone ?? "UTC",
    }).format(at);
    return `${list.name} — ${date}`;
  }

  private async sinceForDigest(list: NewsletterList, at: Date): Promise<string> {
    return (await this.repository.lastIssueTime(list.id)) ?? new Date(at.getTime() - DIGEST_LOOKBACK_MS).toISOString();
  }

  /**
   * Makes the issue of a schedule slot, once: the unique (list, slot) row decides between racing
   * schedulers. A slot with nothing new is recorded as skipped and sends nothing.
   */
  async createSlotIssue(listId: number, at: Date): Promise<{ issue: IssueView; created: boolean }> {
    const list = await this.lists.list(listId);
    const slot = at.toISOString();
    const existing = await this.repository.findIssueBySlot(listId, slot);
    if (existing) return { issue: toIssue(existing), created: false };
    const articles = await this.digestArticles(list, await this.sinceForDigest(list, at));
    const now = this.iso();
    const inserted = await this.repository.insertIssue({
      list_id: listId,
      status: articles.length === 0 ? "skipped" : "scheduled",
      subject: this.digestSubject(list, at),
      intro: "",
      article_ids: JSON.stringify(articles.map((a) => a.id)),
      scheduled_for: slot,
      send_at: slot,
      created_at: now,
      updated_at: now,
    });
    if (inserted) return { issue: toIssue(inserted), created: true };
    const winner = await this.repository.findIssueBySlot(listId, slot);
    if (!winner) throw new Error(`The issue of list ${listId} at ${slot} vanished`);
    return { issue: toIssue(winner), created: false };
  }

  /** Queues the list's next slot after `after` (now by default); one job per slot, however often asked. */
  async planNextSlot(list: NewsletterList, after?: Date): Promise<Date | undefined> {
    if (!list.active || list.kind !== "digest" || !list.cron || !list.timeZone) return undefined;
    const from = after && after > this.now() ? after : this.now();
    const at = nextRun(list.cron, list.timeZone, from);
    if (!at) return undefined;
    await this.deps.jobs.enqueue(
      "newsletters.slot",
      { listId: list.id, at: at.toISOString() },
      { runAt: at, dedupeKey: `newsletter-slot:${list.id}:${at.toISOString()}` },
    );
    return at;
  }

  /**
   * The next issue of a list, made now so an editor can read and change it before it goes. For a
   * digest it is the issue of the next schedule slot: when the slot comes, this issue (as
   * edited) is the one sent. A manual list gets a draft digest of the same stories.
   */
  async composeNext(listId: number, by: number | null): Promise<IssueView> {
    const list = await this.lists.list(listId);
    const now = this.now();
    const slot =
      list.kind === "digest" && list.cron && list.timeZone ? nextRun(list.cron, list.timeZone, now) : undefined;
    if (!slot) {
      const articles = await this.digestArticles(list, await this.sinceForDigest(list, now));
      return this.insertDraft(list, {
        subject: this.digestSubject(list, now),
        intro: "",
        articleIds: articles.map((a) => a.id),
        by,
      });
    }
    const existing = await this.repository.findIssueBySlot(listId, slot.toISOString());
    if (existing) return toIssue(existing);
    const articles = await this.digestArticles(list, await this.sinceForDigest(list, now));
    const inserted = await this.repository.insertIssue({
      list_id: listId,
      status: "scheduled",
      subject: this.digestSubject(list, slot),
      intro: "",
      article_ids: JSON.stringify(articles.map((a) => a.id)),
      scheduled_for: slot.toISOString(),
      send_at: slot.toISOString(),
      created_by: by,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    return toIssue(inserted ?? (await this.repository.findIssueBySlot(listId, slot.toISOString())) ?? never());
  }

  async composeManual(
    listId: number,
    input: { subject: string; intro: string; articleIds: number[] },
    by: number | null,
  ): Promise<IssueView> {
    const list = await this.lists.list(listId);
    await this.checkArticles(list, input.articleIds);
    return this.insertDraft(list, { ...input, by });
  }

  private async checkArticles(list: NewsletterList, ids: number[]): Promise<void> {
    if (new Set(ids).size !== ids.length) {
      throw new AppError("validation_failed", "An article is chosen twice.", { field: "articleIds" });
    }
    for (const id of ids) {
      const article = await this.deps.articleQueries.getById(id).catch(() => undefined);
      if (article?.status !== "published") {
        throw new AppError("validation_failed", `Article ${id} is not a published article.`, { field: "articleIds" });
      }
      if (article.edition_code !== list.edition) {
        throw new AppError("validation_failed", `Article ${id} belongs to another edition.`, { field: "articleIds" });
      }
    }
  }

  private async insertDraft(
    list: NewsletterList,
    input: { subject: string; intro: string; articleIds: number[]; by: number | null },
  ): Promise<IssueView> {
    const now = this.iso();
    const row = await this.repository.insertIssue({
      list_id: list.id,
      status: "draft",
      subject: input.subject.trim(),
      intro: input.intro.trim(),
      article_ids: JSON.stringify(input.articleIds),
      scheduled_for: null,
      send_at: null,
      created_by: input.by,
      created_at: now,
      updated_at: now,
    });
    if (!row) throw new Error("A draft issue could not be stored");
    return toIssue(row);
  }

  async get(id: number): Promise<IssueView> {
    const row = await this.repository.findIssue(id);
    if (!row) throw new AppError("not_found", "There is no such issue.");
    return toIssue(row);
  }

  async ofList(listId: number): Promise<IssueView[]> {
    await this.lists.list(listId);
    return (await this.repository.listIssues(listId, 100)).map(toIssue);
  }

  async updateIssue(
    id: number,
    patch: { subject?: string; intro?: string; articleIds?: number[] },
  ): Promise<IssueView> {
    const issue = await this.get(id);
    const list = await this.lists.list(issue.listId);
    if (patch.articleIds) await this.checkArticles(list, patch.articleIds);
    const row = await this.repository.updateIssue(id, ["draft", "scheduled"], {
      ...(patch.subject !== undefined ? { subject: patch.subject.trim() } : {}),
      ...(patch.intro !== undefined ? { intro: patch.intro.trim() } : {}),
      ...(patch.articleIds ? { article_ids: JSON.stringify(patch.articleIds) } : {}),
      updated_at: this.iso(),
    });
    if (!row) throw new AppError("invalid_state", `This issue is ${issue.status} and can no longer be changed.`);
    return toIssue(row);
  }

  /**
   * Renders an issue once: responsive HTML and plain text with placeholders for the reader's links.
   * `countClicks` (the copy that is sent) turns each story's link into a signed redirect that counts
   * clicks per issue and link (the same link in the HTML and the plain text); previews and test
   * copies keep the plain addresses, so the newsroom's own clicks are not counted.
   */
  async render(issue: IssueView, options: { countClicks?: boolean } = {}): Promise<RenderedIssue> {
    const list = await this.lists.list(issue.listId);
    const edition = this.deps.editions.byCode(list.edition);
    if (!edition) throw new AppError("invalid_state", "The list's edition no longer exists.");
    const settings = await this.deps.settings.editionSettings(edition.code);
    const stories: EmailStory[] = [];
    for (const id of issue.articleIds) {
      const view = await this.deps.articleQueries.getViewById(id).catch(() => undefined);
      if (view?.article.status !== "published") continue;
      const lead = view.leadMedia;
      stories.push({
        title: view.article.title,
        dek: view.article.dek,
        url: `${this.options.publicUrl}${urls.article(edition.basePath, view.article.slug)}`,
        imageUrl: lead ? `${this.options.publicUrl}${urls.media(lead.file_key, 640, "jpg")}` : null,
        imageAlt: lead?.alt ?? "",
      });
    }
    if (options.countClicks) {
      stories.forEach((story, linkIndex) => {
        // Tagged, so the article's page counts the visit as coming from a newsletter.
        const url = `${story.url}?utm_source=newsletter&utm_medium=email`;
        story.url = signClickLink(this.deps.signer, this.options.publicUrl, { issueId: issue.id, linkIndex, url });
      });
    }
    return renderIssueEmail({
      language: list.language,
      listName: list.name,
      siteName: settings.siteName,
      siteUrl: `${this.options.publicUrl}${edition.basePath}`,
      subject: issue.subject,
      intro: issue.intro,
      stories,
    });
  }

  /** Issues that finished sending in the range (ISO-8601, `to` exclusive), newest first, with their list's name. */
  async sentBetween(
    from: string,
    to: string,
  ): Promise<{ issueId: number; newsletter: string; subject: string; sentAt: string }[]> {
    const rows = await this.repository.sentBetween(from, to);
    return rows.map((row) => ({
      issueId: row.id,
      newsletter: row.list_name,
      subject: row.subject,
      sentAt: row.sent_at,
    }));
  }

  /** The issue as a reader would see it, links pointing nowhere. */
  async preview(id: number): Promise<RenderedIssue> {
    const issue = await this.get(id);
    return personalise(await this.render(issue), { preferences: "#preferences", unsubscribe: "#unsubscribe" });
  }

  /** Sends one copy to a staff member and returns it; nothing is logged as a delivery. */
  async sendTest(id: number, to: string): Promise<TestCopy> {
    const issue = await this.get(id);
    const list = await this.lists.list(issue.listId);
    const rendered = personalise(await this.render(issue), {
      preferences: "#preferences",
      unsubscribe: "#unsubscribe",
    });
    const subject = `[TEST] ${issue.subject}`;
    await this.deps.mailer.send({
      to,
      from: { name: list.fromName, address: list.fromAddress },
      subject,
      text: rendered.text,
      html: rendered.html,
    });
    return { to, subject, text: rendered.text, html: rendered.html };
  }

  async schedule(id: number, at: Date): Promise<IssueView> {
    if (at.getTime() <= this.now().getTime()) {
      throw new AppError("validation_failed", "The sending time is in the past.", { field: "at" });
    }
    const issue = await this.get(id);
    const row = await this.repository.updateIssue(id, ["draft", "scheduled"], {
      status: "scheduled",
      send_at: at.toISOString(),
      updated_at: this.iso(),
    });
    if (!row) throw new AppError("invalid_state", `This issue is ${issue.status} and cannot be scheduled.`);
    if (row.scheduled_for === null) {
      await this.deps.jobs.enqueue(
        "newsletters.send-at",
        { issueId: id },
        { runAt: at, dedupeKey: `newsletter-send-at:${id}:${at.toISOString()}` },
      );
    }
    return toIssue(row);
  }

  async cancel(id: number): Promise<IssueView> {
    const issue = await this.get(id);
    const row = await this.repository.updateIssue(id, ["draft", "scheduled", "sending"], {
      status: "cancelled",
      finished_at: this.iso(),
      updated_at: this.iso(),
    });
    if (!row) throw new AppError("invalid_state", `This issue is ${issue.status} and cannot be cancelled.`);
    return toIssue(row);
  }

  /** A digest of what is new since the list's last issue, as a draft; undefined when nothing is new. */
  async composeDigestNow(listId: number): Promise<IssueView | undefined> {
    const list = await this.lists.list(listId);
    const now = this.now();
    const articles = await this.digestArticles(list, await this.sinceForDigest(list, now));
    if (articles.length === 0) return undefined;
    return this.insertDraft(list, {
      subject: this.digestSubject(list, now),
      intro: "",
      articleIds: articles.map((a) => a.id),
      by: null,
    });
  }
}
