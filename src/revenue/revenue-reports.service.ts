import { stringify } from "csv-stringify/sync";
import { AppError } from "../errors.js";
import { neutralizeCell } from "../platform/security/spreadsheet-cell.js";
import type { ContributionListRow, RevenueRepository, SupporterListRow } from "./revenue.repository.js";
import type { Contribution, RevenueSummary, Supporter } from "./revenue-reports.shared.js";

export type { Contribution, RevenueSummary, Supporter };

function contribution(row: ContributionListRow): Contribution {
  return {
    id: row.id,
    kind: row.kind,
    currency: row.currency,
    amount: row.amount,
    refundedAmount: row.refunded_amount,
    status: row.status,
    paidAt: row.paid_at,
    supporter: row.supporter_email ? { email: row.supporter_email, name: row.supporter_name } : null,
  };
}

function supporter(row: SupporterListRow): Supporter {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    language: row.language,
    createdAt: row.created_at,
    contributions: row.contributions,
    activeSubscriptions: row.active_subscriptions,
  };
}

const DAY_MS = 86_400_000;

/** What the admin sees of the money: totals, patrons, latest gifts, refunds, supporters. */
export class RevenueReportsService {
  constructor(
    private readonly repository: RevenueRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async summary(): Promise<RevenueSummary> {
    const now = this.now();
    const dayStart = new Date(now.getTime() - 30 * DAY_MS).toISOString().slice(0, 10);
    const monthStart = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth() + 1, 1)).toISOString();
    const [byDay, byMonth, active, latest, refunds] = await Promise.all([
      this.repository.totals("day", dayStart),
      this.repository.totals("month", monthStart),
      this.repository.activeSubscriptions(),
      this.repository.latestContributions(20, false),
      this.repository.latestContributions(20, true),
    ]);
    const mrr = new Map<string, number>();
    for (const subscription of active) {
      const monthly = subscription.interval === "year" ? subscription.amount / 12 : subscription.amount;
      mrr.set(subscription.currency, (mrr.get(subscription.currency) ?? 0) + monthly);
    }
    return {
      byDay,
      byMonth,
      patrons: {
        active: active.length,
        monthlyRecurring: [...mrr.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([currency, amount]) => ({ currency, amount: Math.round(amount) })),
      },
      latest: latest.map(contribution),
      refunds: refunds.map(contribution),
    };
  }

  async supporters(options: { q?: string; cursor?: string; limit: number }): Promise<{
    items: Supporter[];
    nextCursor: string | null;
  }> {
    let beforeId: number | undefined;
    if (options.cursor) {
      if (!/^\d{1,12}$/.test(options.cursor)) throw new AppError("invalid_cursor", "The cursor is not valid.");
      beforeId = Number(options.cursor);
    }
    const rows = await this.repository.listSupporters({
      q: options.q?.trim() || undefined,
      beforeId,
      limit: options.limit + 1,
    });
    const page = rows.slice(0, options.limit);
    const last = page.at(-1);
    return { items: page.map(supporter), nextCursor: rows.length > options.limit && last ? String(last.id) : null };
  }

  /** Every matching supporter as CSV (UTF-8 with a BOM, so spreadsheet programs read Cyrillic right). */
  async supportersCsv(q?: string): Promise<string> {
    const records: string[][] = [];
    let beforeId: number | undefined;
    for (;;) {
      const rows = await this.repository.listSupporters({ q: q?.trim() || undefined, beforeId, limit: 500 });
      for (const row of rows) {
        records.push([
          String(row.id),
          neutralizeCell(row.email),
          neutralizeCell(row.name ?? ""),
          row.language,
          row.created_at,
          String(row.contributions),
          String(row.active_subscriptions),
        ]);
      }
      if (rows.length < 500) break;
      beforeId = rows.at(-1)?.id;
    }
    const header = ["id", "email", "name", "language", "created_at", "contributions", "active_subscriptions"];
    return `\ufeff${stringify([header, ...records])}`;
  }
}
