import { AppError } from "../errors.js";
import type { PlanningItemRow } from "../platform/db/schema.js";
import type { DomainEvent } from "../platform/events/domain-events.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import type { Mailer } from "../platform/mail/mailer.js";
import "../newsroom/newsroom.events.js";
import { assignedEmail, dueSoonEmail } from "./planning.mail.js";
import type { PlanningQuery, PlanningRepository } from "./planning.repository.js";
import type {
  CreateItemInput,
  FromArticleInput,
  PlanningItemView,
  PlanningPerson,
  PlanningStatus,
  UpdateItemInput,
} from "./planning.schemas.js";

declare module "../platform/jobs/job-queue.js" {
  interface JobPayloads {
    /** Tells a member a story was assigned to them (skipped when it was re-assigned meanwhile). */
    "planning.assigned-mail": { itemId: number; assigneeId: number; assignedBy: string | null };
    /** The one "due within the hour" reminder of an item's due time. */
    "planning.due-reminder": { itemId: number; dueAt: string };
  }
}

/** Who acts: the request's actor, as far as planning needs it. */
export interface PlanningActor {
  staffId: number | null;
  tokenId: number | null;
  name: string;
}

/** What planning reads of the newsroom's articles and how it starts a draft (the newsroom's services). */
export interface PlanningArticles {
  getById(id: number): Promise<{
    id: number;
    edition_code: string;
    title: string;
    dek: string | null;
    section_id: number | null;
    status: string;
  }>;
  /** A draft owned, and bylined, by `assigneeId` when the item has one. */
  createDraft(
    input: { edition: string; title: string; dek: string | null; sectionId: number | null; assigneeId: number | null },
    by: PlanningActor,
  ): Promise<{ id: number }>;
  /** Takes back a draft made by a request that lost the race to link its item. */
  discardDraft(id: number, by: PlanningActor): Promise<unknown>;
}

export interface PlanningDeps {
  repository: PlanningRepository;
  articles: PlanningArticles;
  editions: { byCode(code: string): { code: string; timeZone: string } | undefined };
  staff: {
    nameOf(id: number): Promise<string | undefined>;
    activeContact(id: number): Promise<{ email: string; name: string } | undefined>;
    list(): Promise<{ id: number; name: string; role: string; status: string }[]>;
  };
  mailer: Mailer;
  jobs: JobQueue;
  /** The newsroom app's "My assignments" page. */
  assignmentsUrl: string;
  site: string;
  now?: () => Date;
}

const REMINDER_LEAD_MS = 60 * 60_000;

/** The item with its draft; `created` is false when the draft existed (or another request made it). */
interface StartedDraft {
  item: PlanningItemView;
  articleId: number;
  created: boolean;
}
/** Past these statuses the story is in and nobody needs chasing. */
const DONE: ReadonlySet<string> = new Set(["filed", "edited", "published"]);
/** The longest range one budget request reads: six weeks covers a month view with its edges. */
const MAX_RANGE_DAYS = 42;

/**
 * The story budget: planned items per day and edition, their assignment mail and reminders, and
 * their status following the linked article through the newsroom's domain events.
 */
export class PlanningService {
  private readonly now: () => Date;
  /** Drafts being started in this process, by item: a second start waits for the first. */
  private readonly starting = new Map<number, Promise<StartedDraft>>();

  constructor(private readonly deps: PlanningDeps) {
    this.now = deps.now ?? (() => new Date());
    deps.jobs.register("planning.assigned-mail", (payload) => this.mailAssignment(payload));
    deps.jobs.register("planning.due-reminder", (payload) => this.remind(payload));
  }

  async list(query: PlanningQuery): Promise<PlanningItemView[]> {
    if (query.from > query.to) throw new AppError("validation_failed", "The range ends before it starts.");
    if (daysBetween(query.from, query.to) > MAX_RANGE_DAYS) {
      throw new AppError("validation_failed", `A budget request covers at most ${MAX_RANGE_DAYS} days.`);
    }
    return this.views(await this.deps.repository.list(query));
  }

  /** Active members by name: whom an item can be assigned to. */
  async people(): Promise<PlanningPerson[]> {
    return (await this.deps.staff.list())
      .filter((member) => member.status === "active")
      .map((member) => ({ id: member.id, name: member.name, role: member.role }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The member's assignments that are not yet published, soonest first. */
  async assignmentsOf(staffId: number | null): Promise<PlanningItemView[]> {
    if (staffId === null) return [];
    return this.views(await this.deps.repository.openFor(staffId));
  }

  async get(id: number): Promise<PlanningItemView> {
    return (await this.views([await this.row(id)]))[0] as PlanningItemView;
  }

  /** The item's assignee, for the policy check of a route. */
  async subject(id: number): Promise<{ assigneeId: number | null }> {
    return { assigneeId: (await this.row(id)).assignee_id };
  }

  async create(input: CreateItemInput, by: PlanningActor): Promise<PlanningItemView> {
    this.requireEdition(input.edition);
    const assigneeId = input.assigneeId ?? null;
    if (assigneeId !== null) await this.requireMember(assigneeId);
    const now = this.now().toISOString();
    const row = await this.deps.repository.insert({
      edition_code: input.edition,
      day: requireDay(input.day),
      slug_line: requireSlugLine(input.slugLine),
      summary: (input.summary ?? "").trim(),
      section_id: input.sectionId ?? null,
      assignee_id: assigneeId,
      due_at: normalizeDue(input.dueAt ?? null),
      target_words: input.targetWords ?? null,
      status: assigneeId === null ? "idea" : "assigned",
      article_id: null,
      reminded_for: null,
      created_by: by.staffId,
      created_at: now,
      updated_at: now,
    });
    await this.afterChange(row, null, by);
    return this.get(row.id);
  }

  /** Plans an existing article: the item takes its headline, dek and section, and follows it. */
  async createFromArticle(input: FromArticleInput, by: PlanningActor): Promise<PlanningItemView> {
    const article = await this.deps.articles.getById(input.articleId);
    if ((await this.deps.repository.findByArticle(article.id)).length > 0) {
      throw new AppError("conflict", "This article is already on the budget.");
    }
    const assigneeId = input.assigneeId ?? null;
    if (assigneeId !== null) await this.requireMember(assigneeId);
    const now = this.now().toISOString();
    const row = await this.deps.repository.insert({
      edition_code: article.edition_code,
      day: requireDay(input.day),
      slug_line: requireSlugLine(article.title),
      summary: article.dek ?? "",
      section_id: article.section_id,
      assignee_id: assigneeId,
      due_at: normalizeDue(input.dueAt ?? null),
      target_words: input.targetWords ?? null,
      status: statusOfArticle(article.status),
      article_id: article.id,
      reminded_for: null,
      created_by: by.staffId,
      created_at: now,
      updated_at: now,
    });
    await this.afterChange(row, null, by);
    return this.get(row.id);
  }

  async update(id: number, patch: UpdateItemInput, by: PlanningActor): Promise<PlanningItemView> {
    const before = await this.row(id);
    if (patch.status === "published") {
      throw new AppError("validation_failed", "An item becomes published when its article is published.");
    }
    if (patch.assigneeId !== undefined && patch.assigneeId !== null) await this.requireMember(patch.assigneeId);
    const assigneeId = patch.assigneeId === undefined ? before.assignee_id : patch.assigneeId;
    let status = patch.status ?? before.status;
    // Assigning an idea makes it an assignment; taking the assignee away makes it an idea again.
    if (patch.status === undefined && status === "idea" && assigneeId !== null) status = "assigned";
    if (patch.status === undefined && status === "assigned" && assigneeId === null) status = "idea";
    const row = await this.deps.repository.update(id, {
      ...(patch.day !== undefined ? { day: requireDay(patch.day) } : {}),
      ...(patch.slugLine !== undefined ? { slug_line: requireSlugLine(patch.slugLine) } : {}),
      ...(patch.summary !== undefined ? { summary: patch.summary.trim() } : {}),
      ...(patch.sectionId !== undefined ? { section_id: patch.sectionId } : {}),
      ...(patch.dueAt !== undefined ? { due_at: normalizeDue(patch.dueAt) } : {}),
      ...(patch.targetWords !== undefined ? { target_words: patch.targetWords } : {}),
      assignee_id: assigneeId,
      status,
      updated_at: this.now().toISOString(),
    });
    if (!row) throw notFound(id);
    await this.afterChange(row, before, by);
    return this.get(id);
  }

  async remove(id: number): Promise<void> {
    if (!(await this.deps.repository.delete(id))) throw notFound(id);
  }

  /**
   * Turns the item into a draft article (headline from the slug line), owned and bylined by the
   * assignee, and links the two. Idempotent: once the item has its draft (a second click, another
   * tab, a retried request), that draft is answered, with `created` false.
   */
  async startDraft(id: number, by: PlanningActor): Promise<StartedDraft> {
    // A double click reaches this process twice at once: the second waits for the first's draft.
    const running = this.starting.get(id);
    if (running) {
      const { articleId } = await running;
      return { item: await this.get(id), articleId, created: false };
    }
    const start = this.createAndLink(id, by);
    this.starting.set(id, start);
    try {
      return await start;
    } finally {
      this.starting.delete(id);
    }
  }

  private async createAndLink(id: number, by: PlanningActor): Promise<StartedDraft> {
    const item = await this.row(id);
    if (item.article_id !== null) return { item: await this.get(id), articleId: item.article_id, created: false };
    const article = await this.deps.articles.createDraft(
      {
        edition: item.edition_code,
        title: item.slug_line,
        dek: item.summary === "" ? null : item.summary,
        sectionId: item.section_id,
        assigneeId: item.assignee_id,
      },
      by,
    );
    const status = item.status === "idea" || item.status === "assigned" ? "in_progress" : item.status;
    if (!(await this.deps.repository.linkArticle(id, article.id, status, this.now().toISOString()))) {
      // Another instance linked its draft first: this one's goes, and that one opens.
      await this.deps.articles.discardDraft(article.id, by);
      const linked = await this.row(id);
      return { item: await this.get(id), articleId: linked.article_id ?? article.id, created: false };
    }
    return { item: await this.get(id), articleId: article.id, created: true };
  }

  /** Whether any item follows this article: the event listeners skip every other article. */
  async tracks(articleId: number): Promise<boolean> {
    return (await this.deps.repository.findByArticle(articleId)).length > 0;
  }

  /**
   * Follows the linked article's state. Each move goes only forward from the states listed, so a
   * late or repeated delivery cannot undo a later one.
   */
  async followArticle(
    type: "saved" | "published" | "returned",
    event: DomainEvent<"article.saved"> | DomainEvent<"article.published"> | DomainEvent<"article.returned">,
  ): Promise<void> {
    const now = this.now().toISOString();
    const { repository } = this.deps;
    if (type === "published") {
      await repository.advance(
        event.articleId,
        ["idea", "assigned", "in_progress", "filed", "edited"],
        "published",
        now,
      );
    } else if (type === "returned") {
      await repository.advance(event.articleId, ["filed", "edited"], "in_progress", now);
    } else if (event.status === "in_review") {
      await repository.advance(event.articleId, ["idea", "assigned", "in_progress"], "filed", now);
    } else if (event.status === "draft") {
      await repository.advance(event.articleId, ["idea", "assigned"], "in_progress", now);
    }
  }

  private async afterChange(row: PlanningItemRow, before: PlanningItemRow | null, by: PlanningActor): Promise<void> {
    const assigned = row.assignee_id !== null && row.assignee_id !== before?.assignee_id;
    if (assigned && row.assignee_id !== by.staffId) {
      await this.deps.jobs.enqueue(
        "planning.assigned-mail",
        { itemId: row.id, assigneeId: row.assignee_id as number, assignedBy: by.name },
        { dedupeKey: `planning.assigned:${row.id}:${row.assignee_id}:${row.updated_at}` },
      );
    }
    if (row.assignee_id !== null && row.due_at !== null && !DONE.has(row.status)) {
      const due = Date.parse(row.due_at);
      const runAt = new Date(Math.max(this.now().getTime(), due - REMINDER_LEAD_MS));
      await this.deps.jobs.enqueue(
        "planning.due-reminder",
        { itemId: row.id, dueAt: row.due_at },
        { runAt, dedupeKey: `planning.due:${row.id}:${row.due_at}` },
      );
    }
  }

  private async mailAssignment(payload: { itemId: number; assigneeId: number; assignedBy: string | null }) {
    const item = await this.deps.repository.find(payload.itemId);
    // Re-assigned or deleted before the mail went: the news is stale.
    if (!item || item.assignee_id !== payload.assigneeId) return;
    const contact = await this.deps.staff.activeContact(payload.assigneeId);
    if (!contact) return;
    await this.deps.mailer.send(
      assignedEmail({
        to: contact.email,
        site: this.deps.site,
        slugLine: item.slug_line,
        day: item.day,
        due: item.due_at ? this.localTime(item.due_at, item.edition_code) : null,
        url: this.deps.assignmentsUrl,
        assignedBy: payload.assignedBy,
      }),
    );
  }

  /**
   * Sends the reminder of one due time at most once: the claim is a conditional update, so a job
   * that runs twice finds it taken. A crash between the claim and the send loses that reminder,
   * the price of never sending two.
   */
  private async remind(payload: { itemId: number; dueAt: string }): Promise<void> {
    const item = await this.deps.repository.find(payload.itemId);
    if (!item || item.due_at !== payload.dueAt || item.assignee_id === null || DONE.has(item.status)) return;
    // A due time already past when the job runs (set late, or a worker long down) is not "due soon".
    if (Date.parse(item.due_at) <= this.now().getTime()) return;
    const contact = await this.deps.staff.activeContact(item.assignee_id);
    if (!contact) return;
    if (!(await this.deps.repository.claimReminder(item.id, payload.dueAt))) return;
    await this.deps.mailer.send(
      dueSoonEmail({
        to: contact.email,
        site: this.deps.site,
        slugLine: item.slug_line,
        day: item.day,
        due: this.localTime(item.due_at, item.edition_code),
        url: this.deps.assignmentsUrl,
      }),
    );
  }

  private localTime(iso: string, edition: string): string {
    const timeZone = this.deps.editions.byCode(edition)?.timeZone ?? "UTC";
    const text = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(new Date(iso));
    return `${text} (${timeZone})`;
  }

  private async views(rows: PlanningItemRow[]): Promise<PlanningItemView[]> {
    const names = new Map<number, string>();
    for (const id of new Set(rows.map((row) => row.assignee_id).filter((id): id is number => id !== null))) {
      names.set(id, (await this.deps.staff.nameOf(id)) ?? `#${id}`);
    }
    return rows.map((row) => ({
      id: row.id,
      edition: row.edition_code,
      day: row.day,
      slugLine: row.slug_line,
      summary: row.summary,
      sectionId: row.section_id,
      assignee: row.assignee_id === null ? null : { id: row.assignee_id, name: names.get(row.assignee_id) ?? "" },
      dueAt: row.due_at,
      targetWords: row.target_words,
      status: row.status as PlanningStatus,
      articleId: row.article_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  }

  private async row(id: number): Promise<PlanningItemRow> {
    const row = await this.deps.repository.find(id);
    if (!row) throw notFound(id);
    return row;
  }

  private requireEdition(code: string): void {
    if (!this.deps.editions.byCode(code)) throw new AppError("validation_failed", `There is no edition "${code}".`);
  }

  private async requireMember(id: number): Promise<void> {
    if (!(await this.deps.staff.activeContact(id))) {
      throw new AppError("validation_failed", `Staff member ${id} does not exist or is disabled.`);
    }
  }
}

function notFound(id: number): AppError {
  return new AppError("not_found", `There is no planned item ${id}.`);
}

function requireSlugLine(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") throw new AppError("validation_failed", "A slug line cannot be blank.");
  return trimmed.slice(0, 120);
}

/** A real calendar day (the schema checks only its shape: 2026-02-30 passes it). */
function requireDay(day: string): string {
  const parsed = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) {
    throw new AppError("validation_failed", `${day} is not a calendar day.`);
  }
  return day;
}

/** Stored in UTC, so it compares as text and the reminder's claim matches it exactly. */
function normalizeDue(value: string | null): string | null {
  if (value === null) return null;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new AppError("validation_failed", `${value} is not a time.`);
  return new Date(time).toISOString();
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function statusOfArticle(status: string): PlanningStatus {
  if (status === "published") return "published";
  if (status === "in_review") return "filed";
  return "in_progress";
}
