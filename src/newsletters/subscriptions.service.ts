import { AppError } from "../errors.js";
import type { Edition, EditionsService } from "../newsroom/editions.service.js";
import type { NewsletterListRow } from "../platform/db/schema.js";
import type { DomainEventBus } from "../platform/events/domain-events.js";
import { isLanguage, translate } from "../platform/i18n/messages.js";
import type { Mailer } from "../platform/mail/mailer.js";
import type { RateLimiter } from "../platform/rate-limit/rate-limiter.js";
import type { LinkSigner } from "../platform/security/link-signer.js";
import { normaliseEmail } from "./email-address.js";
import type { NewsletterListsService } from "./newsletter-lists.service.js";
import type { NewslettersRepository, SubscriberEntry } from "./newsletters.repository.js";
import type { NewsletterList } from "./newsletters.shared.js";
import {
  type CsvImportReport,
  type LinkOutcome,
  type PreferencesView,
  type SignupOutcome,
  toList,
} from "./newsletters.types.js";
import "./newsletters.events.js";

const CONFIRM_TTL_MS = 3 * 24 * 3600 * 1000;

/**
 * Readers and their lists: double opt-in, the links in every email (preferences, one-click
 * unsubscribe), and the subscribers an editor adds, imports and exports.
 */
export class SubscriptionsService {
  private readonly now: () => Date;

  constructor(
    private readonly repository: NewslettersRepository,
    private readonly lists: NewsletterListsService,
    private readonly deps: {
      editions: EditionsService;
      mailer: Mailer;
      signer: LinkSigner;
      rateLimiter: RateLimiter;
      /** Where `newsletter.signup.confirmed` is announced (analytics counts it). */
      events?: DomainEventBus;
    },
    private readonly options: { publicUrl: string; now?: () => Date },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  private iso(): string {
    return this.now().toISOString();
  }

  private editionFor(language: string, fallback?: Edition): Edition {
    const edition =
      this.deps.editions.list().find((e) => e.language === language) ?? fallback ?? this.deps.editions.list()[0];
    if (!edition) throw new AppError("invalid_state", "The site has no editions.");
    return edition;
  }

  private pageUrl(edition: Edition, page: string, token: string): string {
    return `${this.options.publicUrl}${edition.basePath}newsletters/${page}?token=${encodeURIComponent(token)}`;
  }

  /**
   * Starts the double opt-in. Every accepted request gets the same answer, whatever the address's
   * state, so the form cannot be used to learn who subscribes; the email is only sent when it
   * can lead somewhere (not already active, not bounced).
   */
  /** `fromArticle`: the article page the form was on, carried in the confirmation link for its conversion count. */
  async signup(input: {
    email: string;
    lists: string[];
    ip: string;
    edition: Edition;
    fromArticle?: number;
  }): Promise<SignupOutcome> {
    const ipDecision = await this.deps.rateLimiter.hit(`newsletter-signup:ip:${input.ip}`, 10, 600);
    if (!ipDecision.allowed) return { kind: "rate_limited", retryAfterSeconds: ipDecision.retryAfterSeconds };
    const email = normaliseEmail(input.email);
    if (!email) return { kind: "invalid_email" };
    const wanted = [...new Set(input.lists)].slice(0, 10);
    const found = await Promise.all(wanted.map((slug) => this.repository.findListBySlug(slug)));
    const lists = found.filter((row): row is NewsletterListRow => row !== undefined && row.active === 1);
    if (lists.length === 0 || lists.length !== wanted.length) return { kind: "unknown_list" };
    const addressDecision = await this.deps.rateLimiter.hit(`newsletter-signup:email:${email}`, 3, 3600);
    // Over the per-address limit the answer stays "check your inbox": a different answer would
    // tell a prober the address had been tried before.
    if (!addressDecision.allowed) return { kind: "accepted" };

    const suppression = await this.repository.findSuppression(email);
    if (suppression && suppression.reason !== "unsubscribed") return { kind: "accepted" };
    const subscriber = await this.repository.findSubscriberByEmail(email);
    const current = subscriber ? await this.repository.subscriptionsOf(subscriber.id) : [];
    const missing = lists.filter((l) => !current.some((s) => s.listId === l.id && s.status === "active"));
    if (missing.length === 0) return { kind: "accepted" };

    const first = missing[0] as NewsletterListRow;
    const language = first.language;
    const token = this.deps.signer.sign(
      "newsletter.confirm",
      {
        e: email,
        l: missing.map((l) => l.id).join(","),
        g: language,
        ...(input.fromArticle ? { a: input.fromArticle } : {}),
      },
      new Date(this.now().getTime() + CONFIRM_TTL_MS),
    );
    const names = missing.map((l) => l.name).join(", ");
    const url = this.pageUrl(this.editionFor(language, input.edition), "confirm", token);
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) =>
      translate(language, key, params);
    await this.deps.mailer.send({
      to: email,
      from: { name: first.from_name, address: first.from_address },
      subject: t("newsletter.email.confirm.subject", { list: names }),
      text: `${t("newsletter.email.confirm.body", { list: names })}\n\n${url}\n\n${t("newsletter.email.confirm.ignore")}\n`,
    });
    return { kind: "accepted" };
  }

  /** Reads a confirmation link without acting on it (the page asks the reader to press a button). */
  async readConfirmation(
    token: string,
  ): Promise<LinkOutcome<{ email: string; lists: NewsletterList[]; language: string; fromArticle: number | null }>> {
    const result = this.deps.signer.verify<{ e: string; l: string; g: string; a?: number }>(
      "newsletter.confirm",
      token,
      this.now(),
    );
    if (!result.ok) return { ok: false, reason: result.reason === "expired" ? "expired" : "invalid" };
    const { e: email, l, g: language } = result.payload;
    if (typeof email !== "string" || typeof l !== "string" || normaliseEmail(email) !== email) {
      return { ok: false, reason: "invalid" };
    }
    const ids = l.split(",").map(Number).filter(Number.isInteger);
    const rows = await Promise.all(ids.map((id) => this.repository.findList(id)));
    const lists = rows.filter((r): r is NewsletterListRow => r !== undefined).map(toList);
    if (lists.length === 0) return { ok: false, reason: "invalid" };
    const a = result.payload.a;
    return {
      ok: true,
      value: {
        email,
        lists,
        language: isLanguage(String(language)) ? String(language) : "en",
        fromArticle: typeof a === "number" && Number.isInteger(a) && a > 0 ? a : null,
      },
    };
  }

  /** Confirms a sign-up; a second use of the same link changes nothing. */
  async confirm(token: string): Promise<LinkOutcome<{ email: string; lists: NewsletterList[] }>> {
    const read = await this.readConfirmation(token);
    if (!read.ok) return read;
    const { email, lists, language, fromArticle } = read.value;
    const suppression = await this.repository.findSuppression(email);
    if (suppression && suppression.reason !== "unsubscribed") return { ok: false, reason: "invalid" };
    const now = this.iso();
    const subscriberId = await this.repository.ensureSubscriber(email, language, now);
    const added: number[] = [];
    for (const list of lists) {
      if ((await this.repository.activate(subscriberId, list.id, "signup", now)) === "added") added.push(list.id);
    }
    await this.repository.liftUnsubscribeSuppression(email);
    // A second use of the link adds nothing, and so counts nothing.
    if (fromArticle !== null && added.length > 0) {
      await this.deps.events?.publish("newsletter.signup.confirmed", { articleId: fromArticle, listIds: added });
    }
    return { ok: true, value: { email, lists } };
  }

  // Links in every email

  preferencesToken(subscriberId: number): string {
    return this.deps.signer.sign("newsletter.preferences", { s: subscriberId }, null);
  }

  unsubscribeToken(subscriberId: number, listId: number): string {
    return this.deps.signer.sign("newsletter.unsubscribe", { s: subscriberId, l: listId }, null);
  }

  readerLinks(list: NewsletterList, subscriberId: number): { preferences: string; unsubscribe: string } {
    const edition = this.editionFor(list.language, this.deps.editions.byCode(list.edition));
    return {
      preferences: this.pageUrl(edition, "preferences", this.preferencesToken(subscriberId)),
      unsubscribe: this.pageUrl(edition, "unsubscribe", this.unsubscribeToken(subscriberId, list.id)),
    };
  }

  async readUnsubscribe(
    token: string,
  ): Promise<LinkOutcome<{ subscriberId: number; email: string; list: NewsletterList }>> {
    const result = this.deps.signer.verify<{ s: number; l: number }>("newsletter.unsubscribe", token, this.now());
    if (!result.ok) return { ok: false, reason: "invalid" };
    const { s, l } = result.payload;
    if (!Number.isInteger(s) || !Number.isInteger(l)) return { ok: false, reason: "invalid" };
    const [subscriber, list] = await Promise.all([this.repository.findSubscriber(s), this.repository.findList(l)]);
    if (!subscriber || !list) return { ok: false, reason: "invalid" };
    return { ok: true, value: { subscriberId: subscriber.id, email: subscriber.email, list: toList(list) } };
  }

  /**
   * One-click unsubscribe (RFC 8058): the token alone decides, no cookie or session. Leaving the
   * last list puts the address on the suppression list, so no later import mails it.
   */
  async unsubscribe(token: string): Promise<LinkOutcome<{ email: string; list: NewsletterList }>> {
    const read = await this.readUnsubscribe(token);
    if (!read.ok) return read;
    const { subscriberId, email, list } = read.value;
    const now = this.iso();
    await this.repository.unsubscribe(subscriberId, [list.id], now);
    const remaining = await this.repository.subscriptionsOf(subscriberId);
    if (!remaining.some((s) => s.status === "active")) {
      await this.repository.suppress({ email, reason: "unsubscribed", detail: list.slug, created_at: now });
    }
    return { ok: true, value: { email, list } };
  }

  async preferences(token: string): Promise<LinkOutcome<PreferencesView>> {
    const result = this.deps.signer.verify<{ s: number }>("newsletter.preferences", token, this.now());
    if (!result.ok || !Number.isInteger(result.payload.s)) return { ok: false, reason: "invalid" };
    const subscriber = await this.repository.findSubscriber(result.payload.s);
    if (!subscriber) return { ok: false, reason: "invalid" };
    const [lists, subscriptions] = await Promise.all([
      this.lists.lists(),
      this.repository.subscriptionsOf(subscriber.id),
    ]);
    const active = new Set(subscriptions.filter((s) => s.status === "active").map((s) => s.listId));
    return {
      ok: true,
      value: {
        subscriberId: subscriber.id,
        email: subscriber.email,
        language: subscriber.language,
        // A paused list the reader is on stays visible, so they can leave it.
        lists: lists
          .filter((l) => l.active || active.has(l.id))
          .map((list) => ({ list, subscribed: active.has(list.id) })),
      },
    };
  }

  /** Saves the preference page: the ticked lists become the reader's lists, or they leave all. */
  async savePreferences(
    token: string,
    choice: { lists: string[]; language?: string; leaveAll: boolean },
  ): Promise<LinkOutcome<{ left: boolean; language: string }>> {
    const current = await this.preferences(token);
    if (!current.ok) return current;
    const { subscriberId, email } = current.value;
    const now = this.iso();
    const language = choice.language && isLanguage(choice.language) ? choice.language : current.value.language;
    if (language !== current.value.language) await this.repository.setSubscriberLanguage(subscriberId, language, now);
    const wanted = new Set(choice.leaveAll ? [] : choice.lists);
    const keep = current.value.lists.filter(({ list }) => wanted.has(list.slug)).map(({ list }) => list.id);
    const drop = current.value.lists.filter(({ list }) => !wanted.has(list.slug)).map(({ list }) => list.id);
    await this.repository.unsubscribe(subscriberId, drop, now);
    const suppression = await this.repository.findSuppression(email);
    const mayResubscribe = !suppression || suppression.reason === "unsubscribed";
    if (mayResubscribe) {
      for (const listId of keep) await this.repository.activate(subscriberId, listId, "preferences", now);
    }
    const left = keep.length === 0 || !mayResubscribe;
    if (left) await this.repository.suppress({ email, reason: "unsubscribed", detail: null, created_at: now });
    else await this.repository.liftUnsubscribeSuppression(email);
    return { ok: true, value: { left, language } };
  }

  // Subscribers (admin)

  async subscribers(
    listId: number,
    options: { query?: string; after?: string; limit: number },
  ): Promise<SubscriberEntry[]> {
    await this.lists.list(listId);
    return this.repository.listSubscribers(listId, options);
  }

  /** An editor adds an address directly (a reader who asked by other means); suppressed ones stay out. */
  async addSubscriber(listId: number, rawEmail: string, source = "admin"): Promise<"added" | "kept"> {
    const list = await this.lists.list(listId);
    const email = normaliseEmail(rawEmail);
    if (!email) throw new AppError("validation_failed", "This is not an email address.", { field: "email" });
    if (await this.repository.isSuppressed(email)) {
      throw new AppError(
        "conflict",
        "This address unsubscribed or bounced; only the reader can subscribe it again, through the sign-up form.",
        { field: "email" },
      );
    }
    const now = this.iso();
    const id = await this.repository.ensureSubscriber(email, list.language, now);
    return this.repository.activate(id, listId, source, now);
  }

  async removeSubscriber(listId: number, subscriberId: number): Promise<void> {
    await this.lists.list(listId);
    const removed = await this.repository.deleteSubscription(subscriberId, listId);
    if (!removed) throw new AppError("not_found", "This address is not on the list.");
  }

  /** Imports the first column (or the `email` column) of a CSV; each bad row is reported, the rest land. */
  async importCsv(listId: number, rows: string[][]): Promise<CsvImportReport> {
    const list = await this.lists.list(listId);
    const report: CsvImportReport = { imported: 0, alreadySubscribed: 0, errors: [] };
    const header = rows[0]?.map((cell) => cell.trim().toLowerCase()) ?? [];
    const column = Math.max(0, header.indexOf("email"));
    const start = header.includes("email") ? 1 : 0;
    const now = this.iso();
    for (let i = start; i < rows.length; i++) {
      const value = (rows[i]?.[column] ?? "").trim();
      const rowNumber = i + 1;
      if (value === "") continue;
      const email = normaliseEmail(value);
      if (!email) {
        report.errors.push({ row: rowNumber, value: value.slice(0, 200), message: "not an email address" });
        continue;
      }
      if (await this.repository.isSuppressed(email)) {
        report.errors.push({ row: rowNumber, value: email, message: "unsubscribed or bounced earlier; left out" });
        continue;
      }
      const id = await this.repository.ensureSubscriber(email, list.language, now);
      const outcome = await this.repository.activate(id, listId, "import", now);
      if (outcome === "added") report.imported++;
      else report.alreadySubscribed++;
    }
    return report;
  }

  /** Every subscriber of the list, for the CSV export. */
  async exportRows(listId: number): Promise<SubscriberEntry[]> {
    await this.lists.list(listId);
    const out: SubscriberEntry[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.repository.listSubscribers(listId, { limit: 1000, ...(after ? { after } : {}) });
      out.push(...page);
      if (page.length < 1000) return out;
      after = page.at(-1)?.email;
    }
  }
}
