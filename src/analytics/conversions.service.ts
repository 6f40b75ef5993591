import type { StatsRepository } from "./stats.repository.js";
import type { ConversionKind } from "./stats.service.js";
import { hourOf } from "./time-buckets.js";

/**
 * Counts what readers did after reading, never who did it: a click on a newsletter issue's link
 * (by issue and link), and a newsletter sign-up or a donation started from an article's page.
 */
export class ConversionsService {
  private readonly now: () => Date;

  constructor(
    private readonly repository: StatsRepository,
    options: { now?: () => Date } = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** The link is kept as the newsroom knows it: without the campaign tags added for the visit's source. */
  countClick(issueId: number, linkIndex: number, url: string): Promise<void> {
    const shown = new URL(url);
    for (const name of [...shown.searchParams.keys()]) {
      if (name.startsWith("utm_")) shown.searchParams.delete(name);
    }
    return this.repository.addClick(issueId, linkIndex, shown.toString());
  }

  /** Nothing for a page that was not an article (article 0). */
  async countConversion(articleId: number | null, kind: ConversionKind): Promise<void> {
    if (!articleId || articleId < 1) return;
    await this.repository.addConversion(hourOf(this.now()), articleId, kind);
  }
}
