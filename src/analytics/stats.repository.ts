import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "../platform/db/schema.js";
import type { CounterEntry } from "./counter-batch.js";
import { hourOf } from "./time-buckets.js";

/** Rows per INSERT: seven columns each stays far below SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

export interface TimeRange {
  /** Inclusive, ISO-8601 UTC. */
  from: string;
  /** Exclusive, ISO-8601 UTC. */
  to: string;
}

/** All SQL of the analytics capability (migration 031). */
export class StatsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Adds a batch of counts to the tables in one transaction (all or nothing, so a failed write
   * can be retried with the same batch): each view to its minute row and its hour row.
   */
  async addCounts(entries: readonly CounterEntry[]): Promise<void> {
    const minutes: DB["analytics_views_minute"][] = [];
    const hours = new Map<string, DB["analytics_views_hourly"]>();
    const engagement: DB["analytics_engagement_hourly"][] = [];
    for (const entry of entries) {
      if (entry.kind === "view") {
        const { minute, edition, articleId, source, referrer, device } = entry.key;
        minutes.push({ minute, edition, article_id: articleId, source, referrer, device, views: entry.count });
        const hour = hourOf(minute);
        const hourKey = [hour, edition, articleId, source, referrer, device].join("\t");
        const row = hours.get(hourKey);
        if (row) row.views += entry.count;
        else hours.set(hourKey, { hour, edition, article_id: articleId, source, referrer, device, views: entry.count });
      } else {
        const { hour, edition, articleId, depth, timeBucket } = entry.key;
        engagement.push({ hour, edition, article_id: articleId, depth, time_bucket: timeBucket, reads: entry.count });
      }
    }
    if (minutes.length === 0 && engagement.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      const dimensions = ["edition", "article_id", "source", "referrer", "device"] as const;
      for (const rows of chunks(minutes)) {
        await trx
          .insertInto("analytics_views_minute")
          .values(rows)
          .onConflict((oc) =>
            oc
              .columns(["minute", ...dimensions])
              .doUpdateSet({ views: sql`analytics_views_minute.views + excluded.views` }),
          )
          .execute();
      }
      for (const rows of chunks([...hours.values()])) {
        await trx
          .insertInto("analytics_views_hourly")
          .values(rows)
          .onConflict((oc) =>
            oc
              .columns(["hour", ...dimensions])
              .doUpdateSet({ views: sql`analytics_views_hourly.views + excluded.views` }),
          )
          .execute();
      }
      await this.addEngagement(trx, engagement);
    });
  }

  private async addEngagement(trx: Transaction<DB>, rows: DB["analytics_engagement_hourly"][]): Promise<void> {
    for (const chunk of chunks(rows)) {
      await trx
        .insertInto("analytics_engagement_hourly")
        .values(chunk)
        .onConflict((oc) =>
          oc
            .columns(["hour", "edition", "article_id", "depth", "time_bucket"])
            .doUpdateSet({ reads: sql`analytics_engagement_hourly.reads + excluded.reads` }),
        )
        .execute();
    }
  }

  async addClick(issueId: number, linkIndex: number, url: string): Promise<void> {
    await this.db
      .insertInto("analytics_newsletter_clicks")
      .values({ issue_id: issueId, link_index: linkIndex, url, clicks: 1 })
      .onConflict((oc) =>
        oc.columns(["issue_id", "link_index"]).doUpdateSet({ clicks: sql`analytics_newsletter_clicks.clicks + 1` }),
      )
      .execute();
  }

  async addConversion(hour: string, articleId: number, kind: string): Promise<void> {
    await this.db
      .insertInto("analytics_conversions_hourly")
      .values({ hour, article_id: articleId, kind, count: 1 })
      .onConflict((oc) =>
        oc.columns(["hour", "article_id", "kind"]).doUpdateSet({ count: sql`analytics_conversions_hourly.count + 1` }),
      )
      .execute();
  }

  async viewsPerMinute(edition: string, range: TimeRange): Promise<{ minute: string; views: number }[]> {
    const rows = await this.db
      .selectFrom("analytics_views_minute")
      .select(["minute", (eb) => eb.fn.sum<number | string>("views").as("views")])
      .where("edition", "=", edition)
      .where("minute", ">=", range.from)
      .where("minute", "<", range.to)
      .groupBy("minute")
      .execute();
    return rows.map((row) => ({ minute: row.minute, views: Number(row.views) }));
  }

  /** Views per value of one dimension, from the minute or the hourly table, for an edition or an article. */
  async viewsBy(
    table: "minute" | "hourly",
    column: "article_id" | "source" | "referrer" | "device",
    scope: { edition?: string; articleId?: number },
    range: TimeRange,
  ): Promise<{ value: string | number; views: number }[]> {
    const time = table === "minute" ? "minute" : "hour";
    const rows = await this.db
      .selectFrom(table === "minute" ? "analytics_views_minute" : "analytics_views_hourly")
      .select([`${column} as value`, (eb) => eb.fn.sum<number | string>("views").as("views")])
      .$if(scope.edition !== undefined, (q) => q.where("edition", "=", scope.edition as string))
      .$if(scope.articleId !== undefined, (q) => q.where("article_id", "=", scope.articleId as number))
      .where(time, ">=", range.from)
      .where(time, "<", range.to)
      .groupBy(column)
      .execute();
    return rows.map((row) => ({ value: row.value as string | number, views: Number(row.views) }));
  }

  async articleHours(articleId: number, range: TimeRange): Promise<{ hour: string; views: number }[]> {
    const rows = await this.db
      .selectFrom("analytics_views_hourly")
      .select(["hour", (eb) => eb.fn.sum<number | string>("views").as("views")])
      .where("article_id", "=", articleId)
      .where("hour", ">=", range.from)
      .where("hour", "<", range.to)
      .groupBy("hour")
      .orderBy("hour")
      .execute();
    return rows.map((row) => ({ hour: row.hour, views: Number(row.views) }));
  }

  async firstHourOf(articleId: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("analytics_views_hourly")
      .select((eb) => eb.fn.min("hour").as("first"))
      .where("article_id", "=", articleId)
      .executeTakeFirst();
    return (row?.first as string | null | undefined) ?? undefined;
  }

  async articleEngagement(
    articleId: number,
    range: TimeRange,
  ): Promise<{ depth: number; timeBucket: string; reads: number }[]> {
    const rows = await this.db
      .selectFrom("analytics_engagement_hourly")
      .select(["depth", "time_bucket", (eb) => eb.fn.sum<number | string>("reads").as("reads")])
      .where("article_id", "=", articleId)
      .where("hour", ">=", range.from)
      .where("hour", "<", range.to)
      .groupBy(["depth", "time_bucket"])
      .execute();
    return rows.map((row) => ({ depth: Number(row.depth), timeBucket: row.time_bucket, reads: Number(row.reads) }));
  }

  async articleConversions(articleId: number, range: TimeRange): Promise<{ kind: string; count: number }[]> {
    const rows = await this.db
      .selectFrom("analytics_conversions_hourly")
      .select(["kind", (eb) => eb.fn.sum<number | string>("count").as("count")])
      .where("article_id", "=", articleId)
      .where("hour", ">=", range.from)
      .where("hour", "<", range.to)
      .groupBy("kind")
      .execute();
    return rows.map((row) => ({ kind: row.kind, count: Number(row.count) }));
  }

  async clicksOf(
    issueIds: readonly number[],
  ): Promise<{ issueId: number; linkIndex: number; url: string; clicks: number }[]> {
    if (issueIds.length === 0) return [];
    const rows = await this.db
      .selectFrom("analytics_newsletter_clicks")
      .selectAll()
      .where("issue_id", "in", issueIds)
      .orderBy("issue_id")
      .orderBy("link_index")
      .execute();
    return rows.map((row) => ({ issueId: row.issue_id, linkIndex: row.link_index, url: row.url, clicks: row.clicks }));
  }

  /** Deletes minute rows before one instant and hourly rows (views, engagement, conversions) before another. */
  async deleteBefore(minuteCutoff: string, hourCutoff: string): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      let deleted = 0;
      for (const query of [
        trx.deleteFrom("analytics_views_minute").where("minute", "<", minuteCutoff),
        trx.deleteFrom("analytics_views_hourly").where("hour", "<", hourCutoff),
        trx.deleteFrom("analytics_engagement_hourly").where("hour", "<", hourCutoff),
        trx.deleteFrom("analytics_conversions_hourly").where("hour", "<", hourCutoff),
      ]) {
        deleted += Number((await query.executeTakeFirst()).numDeletedRows);
      }
      return deleted;
    });
  }
}
