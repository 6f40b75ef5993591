import { AppError } from "../errors.js";
import type { EditionsService } from "../newsroom/editions.service.js";
import { isLanguage } from "../platform/i18n/messages.js";
import { normaliseEmail } from "./email-address.js";
import type { NewslettersRepository } from "./newsletters.repository.js";
import type { NewsletterList } from "./newsletters.shared.js";
import { type ListInput, toList } from "./newsletters.types.js";
import { scheduleProblem } from "./schedule.js";

/** Newsletter lists: what readers can sign up for, and each digest's schedule. */
export class NewsletterListsService {
  private readonly now: () => Date;
  /** Set by the factory: a list's schedule changed, so its next slot is queued (see NewsletterIssuesService). */
  onScheduleChanged: (list: NewsletterList) => Promise<unknown> = async () => undefined;

  constructor(
    private readonly repository: NewslettersRepository,
    private readonly deps: { editions: EditionsService },
    options: { now?: () => Date } = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  private iso(): string {
    return this.now().toISOString();
  }

  async lists(): Promise<NewsletterList[]> {
    return (await this.repository.listLists()).map(toList);
  }

  async listsWithCounts(): Promise<(NewsletterList & { subscribers: number })[]> {
    const lists = await this.lists();
    const counts = await this.repository.countActive(lists.map((l) => l.id));
    return lists.map((list) => ({ ...list, subscribers: counts.get(list.id) ?? 0 }));
  }

  /** Active lists shown on an edition's newsletters page: its own first, then the others. */
  async listsForEdition(edition: string): Promise<NewsletterList[]> {
    const lists = (await this.lists()).filter((l) => l.active);
    return [...lists.filter((l) => l.edition === edition), ...lists.filter((l) => l.edition !== edition)];
  }

  async list(id: number): Promise<NewsletterList> {
    const row = await this.repository.findList(id);
    if (!row) throw new AppError("not_found", "There is no such newsletter list.");
    return toList(row);
  }

  private validateList(input: ListInput): void {
    const field = (name: string, message: string) => new AppError("validation_failed", message, { field: name });
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(input.slug)) {
      throw field("slug", "The address may hold lower-case letters, digits and single hyphens.");
    }
    if (!this.deps.editions.byCode(input.edition)) throw field("edition", `There is no "${input.edition}" edition.`);
    if (!isLanguage(input.language)) throw field("language", "The language must be uk, ru or en.");
    if (!normaliseEmail(input.fromAddress)) throw field("fromAddress", "The sender address is not an email address.");
    if (/[\r\n]/.test(input.fromName)) throw field("fromName", "The sender name must be one line.");
    if (input.kind === "digest") {
      if (!input.cron || !input.timeZone) {
        throw field("cron", "An automatic digest needs a schedule and a time zone.");
      }
      const problem = scheduleProblem(input.cron, input.timeZone);
      if (problem) throw field("cron", problem);
    }
  }

  async createList(input: ListInput): Promise<NewsletterList> {
    this.validateList(input);
    const now = this.iso();
    const row = await this.repository.insertList({
      slug: input.slug,
      edition_code: input.edition,
      language: input.language,
      name: input.name.trim(),
      description: input.description.trim(),
      cadence: input.cadence.trim(),
      from_name: input.fromName.trim(),
      from_address: normaliseEmail(input.fromAddress) ?? input.fromAddress,
      kind: input.kind,
      cron: input.kind === "digest" ? (input.cron ?? null) : null,
      time_zone: input.kind === "digest" ? (input.timeZone ?? null) : null,
      digest_size: input.digestSize ?? 8,
      active: input.active === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    });
    const list = toList(row);
    await this.onScheduleChanged(list);
    return list;
  }

  async updateList(id: number, patch: Partial<ListInput>): Promise<NewsletterList> {
    const current = await this.list(id);
    const merged: ListInput = { ...current, ...patch };
    this.validateList(merged);
    const row = await this.repository.updateList(id, {
      slug: merged.slug,
      edition_code: merged.edition,
      language: merged.language,
      name: merged.name.trim(),
      description: merged.description.trim(),
      cadence: merged.cadence.trim(),
      from_name: merged.fromName.trim(),
      from_address: normaliseEmail(merged.fromAddress) ?? merged.fromAddress,
      kind: merged.kind,
      cron: merged.kind === "digest" ? (merged.cron ?? null) : null,
      time_zone: merged.kind === "digest" ? (merged.timeZone ?? null) : null,
      digest_size: merged.digestSize ?? 8,
      active: merged.active === false ? 0 : 1,
      updated_at: this.iso(),
    });
    if (!row) throw new AppError("not_found", "There is no such newsletter list.");
    const list = toList(row);
    await this.onScheduleChanged(list);
    return list;
  }

  // Signing up

  async listBySlug(slug: string): Promise<NewsletterList | undefined> {
    const row = await this.repository.findListBySlug(slug);
    return row ? toList(row) : undefined;
  }
}
