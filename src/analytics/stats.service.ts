import { stringify } from "csv-stringify/sync";
import { AppError } from "../errors.js";
import type { ArticleView } from "../newsroom/article-queries.service.js";
import { neutralizeCell } from "../platform/security/spreadsheet-cell.js";
import { DEPTH_STEPS, TIME_BUCKETS } from "./beacon-payload.js";
import type { StatsRepository, TimeRange } from "./stats.repository.js";
import type {
  ArticleRows,
  ArticleStats,
  AuthorRows,
  NewsletterRows,
  NowStats,
  SectionRows,
  Sources,
} from "./stats.schemas.js";
import { hourOf } from "./time-buckets.js";
import { TRAFFIC_SOURCES } from "./traffic-source.js";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const NOW_MINUTES = 30;
const TOP_STORIES = 10;

/** What analytics reads of other capabilities, through their services. */
export interface StatsDeps {
  /** Article views by id (title, slug, section, bylines), any status; missing ids left out. */
  articles: (ids: readonly number[]) => Promise<ArticleView[]>;
  editionExists: (code: string) => boolean;
  /** An article's public address in its edition. */
  articleUrl: (edition: string, slug: string) => string;
  /** Newsletter issues sent in the range, newest first. */
  sentIssues: (range: TimeRange) => Promise<{ issueId: number; newsletter: string; subject: string; sentAt: string }[]>;
  now?: () => Date;
}

export type ConversionKind = "newsletter_signup" | "donation_started";

function minuteFloor(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / MINUTE_MS) * MINUTE_MS);
}

function emptySources(): Sources {
  return { direct: 0, search: 0, social: 0, newsletter: 0, telegram: 0, push: 0, referral: 0 };
}

function sourcesOf(rows: { value: string | number; views: number }[]): Sources {
  const sources = emptySources();
  for (const row of rows) {
    const key = row.value as keyof Sources;
    if ((TRAFFIC_SOURCES as readonly string[]).includes(key)) sources[key] += row.views;
  }
  return sources;
}

function parseInstant(value: string, field: string): Date {
  const time = Date.parse(value.length === 10 ? `${value}T00:00:00.000Z` : value);
  if (Number.isNaN(time)) throw new AppError("validation_failed", `${field} is not a valid date.`, { field });
  return new Date(time);
}

/**
 * The newsroom's audience numbers (issue #21), read from the counters: "right now" from the
 * minute rows, everything else from the hourly ones. Titles, addresses, sections and bylines come
 * from the newsroom's services at read time, so a retitled story shows its new headline.
 */
export class StatsService {
  private readonly now: () => Date;

  constructor(
    private readonly repository: StatsRepository,
    private readonly deps: StatsDeps,
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  private checkEdition(edition: string): void {
    if (!this.deps.editionExists(edition)) {
      throw new AppError("validation_failed", `There is no edition "${edition}".`, { field: "edition" });
    }
  }

  /** A table's range: the query's, by default the last 7 days; hourly rows count from the hour `from` falls in. */
  private rangeOf(query: { from?: string; to?: string }, defaultFrom?: string): TimeRange {
    const to = query.to ? parseInstant(query.to, "to") : this.now();
    const from = query.from
      ? parseInstant(query.from, "from")
      : defaultFrom
        ? new Date(defaultFrom)
        : new Date(to.getTime() - 7 * DAY_MS);
    if (query.from && from.getTime() >= to.getTime()) {
      throw new AppError("validation_failed", "from must be before to.", { field: "from" });
    }
    return { from: hourOf(from), to: to.toISOString() };
  }

  /** The edition's last 30 minutes, the current one included. */
  async now30(edition: string): Promise<NowStats> {
    this.checkEdition(edition);
    const end = new Date(minuteFloor(this.now()).getTime() + MINUTE_MS);
    const start = new Date(end.getTime() - NOW_MINUTES * MINUTE_MS);
    const range = { from: start.toISOString(), to: end.toISOString() };
    const [minutes, articles, sources] = await Promise.all([
      this.repository.viewsPerMinute(edition, range),
      this.repository.viewsBy("minute", "article_id", { edition }, range),
      this.repository.viewsBy("minute", "source", { edition }, range),
    ]);
    const byMinute = new Map(minutes.map((row) => [row.minute, row.views]));
    const perMinute = Array.from({ length: NOW_MINUTES }, (_, i) => {
      const minute = new Date(start.getTime() + i * MINUTE_MS).toISOString();
      return { minute, views: byMinute.get(minute) ?? 0 };
    });
    const ranked = articles
      .filter((row) => Number(row.value) !== 0)
      .sort((a, b) => b.views - a.views || Number(a.value) - Number(b.value))
      .slice(0, TOP_STORIES);
    const views = new Map(
      (await this.deps.articles(ranked.map((row) => Number(row.value)))).map((v) => [v.article.id, v]),
    );
    return {
      edition,
      from: range.from,
      to: range.to,
      views: perMinute.reduce((sum, row) => sum + row.views, 0),
      perMinute,
      top: ranked.map((row) => {
        const view = views.get(Number(row.value));
        return {
          articleId: String(row.value),
          title: view?.article.title ?? "",
          url: view ? this.deps.articleUrl(view.article.edition_code, view.article.slug) : "",
          views: row.views,
        };
      }),
      sources: sourcesOf(sources),
    };
  }

  async article(id: number, query: { from?: string; to?: string }): Promise<ArticleStats> {
    const [view] = await this.deps.articles([id]);
    if (!view) throw new AppError("not_found", `Article ${id} does not exist.`);
    const first = await this.repository.firstHourOf(id);
    const range = this.rangeOf(query, first ?? this.now().toISOString());
    const scope = { articleId: id };
    const [hourly, sources, referrers, devices, engagement, conversions] = await Promise.all([
      this.repository.articleHours(id, range),
      this.repository.viewsBy("hourly", "source", scope, range),
      this.repository.viewsBy("hourly", "referrer", scope, range),
      this.repository.viewsBy("hourly", "device", scope, range),
      this.repository.articleEngagement(id, range),
      this.repository.articleConversions(id, range),
    ]);
    const device = (code: string) => devices.find((row) => row.value === code)?.views ?? 0;
    // Depth is cumulative: a reader who reached 75 % also read 25 % and 50 %.
    const reached = (step: number) =>
      engagement.filter((row) => row.depth >= step).reduce((sum, row) => sum + row.reads, 0);
    const timeOnPage = Object.fromEntries(
      TIME_BUCKETS.map((bucket) => [
        bucket,
        engagement.filter((row) => row.timeBucket === bucket).reduce((sum, row) => sum + row.reads, 0),
      ]),
    ) as ArticleStats["timeOnPage"];
    const conversion = (kind: ConversionKind) => conversions.find((row) => row.kind === kind)?.count ?? 0;
    return {
      articleId: String(id),
      title: view.article.title,
      views: hourly.reduce((sum, row) => sum + row.views, 0),
      hourly,
      sources: sourcesOf(sources),
      referrers: referrers
        .filter((row) => row.value !== "")
        .map((row) => ({ host: String(row.value), views: row.views }))
        .sort((a, b) => b.views - a.views || a.host.localeCompare(b.host)),
      devices: { mobile: device("m"), tablet: device("t"), desktop: device("d"), unknown: device("u") },
      depth: Object.fromEntries(
        DEPTH_STEPS.filter((step) => step > 0).map((step) => [String(step), reached(step)]),
      ) as ArticleStats["depth"],
      timeOnPage,
      conversions: {
        newsletterSignups: conversion("newsletter_signup"),
        donationsStarted: conversion("donation_started"),
      },
    };
  }

  /** Each article of the edition read in the range, with its views, most read first. */
  private async articleViews(edition: string, query: { from?: string; to?: string }) {
    this.checkEdition(edition);
    const range = this.rangeOf(query);
    const rows = (await this.repository.viewsBy("hourly", "article_id", { edition }, range)).filter(
      (row) => Number(row.value) !== 0,
    );
    const views = await this.deps.articles(rows.map((row) => Number(row.value)));
    const count = new Map(rows.map((row) => [Number(row.value), row.views]));
    return views
      .map((view) => ({ view, views: count.get(view.article.id) ?? 0 }))
      .sort((a, b) => b.views - a.views || a.view.article.id - b.view.article.id);
  }

  async articles(edition: string, query: { from?: string; to?: string }): Promise<ArticleRows> {
    return {
      rows: (await this.articleViews(edition, query)).map(({ view, views }) => ({
        articleId: String(view.article.id),
        title: view.article.title,
        url: this.deps.articleUrl(view.article.edition_code, view.article.slug),
        section: view.section?.name ?? "",
        authors: view.authors.map((person) => person.name).join(", "),
        views,
      })),
    };
  }

  async sections(edition: string, query: { from?: string; to?: string }): Promise<SectionRows> {
    const groups = new Map<
      number | null,
      { sectionId: number | null; name: string; articles: number; views: number }
    >();
    for (const { view, views } of await this.articleViews(edition, query)) {
      const id = view.section?.id ?? null;
      const group = groups.get(id) ?? { sectionId: id, name: view.section?.name ?? "", articles: 0, views: 0 };
      group.articles += 1;
      group.views += views;
      groups.set(id, group);
    }
    return { rows: [...groups.values()].sort((a, b) => b.views - a.views || a.name.localeCompare(b.name)) };
  }

  /** Per byline: a story with two authors counts fully for each. */
  async authors(edition: string, query: { from?: string; to?: string }): Promise<AuthorRows> {
    const groups = new Map<number, AuthorRows["rows"][number]>();
    for (const { view, views } of await this.articleViews(edition, query)) {
      for (const person of view.authors) {
        const group = groups.get(person.id) ?? {
          staffId: person.staff_id,
          personId: person.id,
          name: person.name,
          articles: 0,
          views: 0,
        };
        group.articles += 1;
        group.views += views;
        groups.set(person.id, group);
      }
    }
    return { rows: [...groups.values()].sort((a, b) => b.views - a.views || a.name.localeCompare(b.name)) };
  }

  async newsletters(query: { from?: string; to?: string }): Promise<NewsletterRows> {
    const range = this.rangeOf(query);
    const issues = await this.deps.sentIssues(range);
    const clicks = await this.repository.clicksOf(issues.map((issue) => issue.issueId));
    return {
      rows: issues.map((issue) => {
        const links = clicks
          .filter((click) => click.issueId === issue.issueId)
          .map((click) => ({ url: click.url, clicks: click.clicks }));
        return { ...issue, clicks: links.reduce((sum, link) => sum + link.clicks, 0), links };
      }),
    };
  }

  /** A table as CSV (UTF-8 with a BOM, so spreadsheets read Cyrillic right); text cells neutralised. */
  static csv(header: string[], rows: (string | number | null)[][]): string {
    const cells = rows.map((row) =>
      row.map((cell) => (typeof cell === "string" ? neutralizeCell(cell) : cell === null ? "" : String(cell))),
    );
    return `\uFEFF${stringify([header, ...cells])}`;
  }

  async articlesCsv(edition: string, query: { from?: string; to?: string }): Promise<string> {
    const { rows } = await this.articles(edition, query);
    return StatsService.csv(
      ["article_id", "title", "url", "section", "authors", "views"],
      rows.map((row) => [row.articleId, row.title, row.url, row.section, row.authors, row.views]),
    );
  }

  async sectionsCsv(edition: string, query: { from?: string; to?: string }): Promise<string> {
    const { rows } = await this.sections(edition, query);
    return StatsService.csv(
      ["section_id", "name", "articles", "views"],
      rows.map((row) => [row.sectionId, row.name, row.articles, row.views]),
    );
  }

  async authorsCsv(edition: string, query: { from?: string; to?: string }): Promise<string> {
    const { rows } = await this.authors(edition, query);
    return StatsService.csv(
      ["staff_id", "person_id", "name", "articles", "views"],
      rows.map((row) => [row.staffId, row.personId, row.name, row.articles, row.views]),
    );
  }
}
