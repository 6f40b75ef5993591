/**
 * Search benchmark: 100,000 generated articles in the three editions (SQLite file on disk, as
 * the embedded mode runs), indexed through the search service, then a fixed list of 1–3-word
 * queries per edition run through SearchService.search (ranking, loading the page of hits,
 * snippets), one at a time. Prints one JSON document with p50/p95/p99/max latency and queries/s.
 *
 * BENCH_ARTICLES (default 100000), BENCH_ROUNDS (passes over the query list, default 5),
 * BENCH_DATABASE_URL (postgres://… to measure PostgreSQL instead; the bench works in a private
 * schema and drops it), BENCH_DATA_DIR (a directory for the SQLite file that is kept; a second run
 * with the same directory skips generating and measures the queries again).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { createServices } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import type { BodyDocument } from "../src/newsroom/body.types.js";
import { openDatabase } from "../src/platform/db/database.js";
import { migrateToLatest } from "../src/platform/db/migrator.js";
import type { NewArticle } from "../src/platform/db/schema.js";
import { SearchRepository } from "../src/search/search.repository.js";
import { SearchService } from "../src/search/search.service.js";
import { publishedArticleRow } from "./support/article-row.js";
import { VOCABULARY } from "./support/search-corpus.js";

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const POSTGRES_URL = process.env.BENCH_DATABASE_URL?.trim() || undefined;
const EDITIONS = [
  { code: "uk", name: "Українська", locale: "uk-UA", base_path: "/", position: 0 },
  { code: "ru", name: "Русский", locale: "ru-RU", base_path: "/ru/", position: 1 },
  { code: "en", name: "English", locale: "en-GB", base_path: "/en/", position: 2 },
] as const;

/** A small seeded generator, so every run indexes the same corpus. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20260321);
/** Skewed towards the start of the list: a few content words are everywhere, most are rare. */
const skewed = <T>(list: readonly T[]): T => list[Math.floor(list.length * random() ** 2.2)] as T;
const uniform = <T>(list: readonly T[]): T => list[Math.floor(list.length * random())] as T;

function sentence(code: keyof typeof VOCABULARY, words: number): string {
  const vocabulary = VOCABULARY[code];
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(random() < 0.35 ? uniform(vocabulary.common) : skewed(vocabulary.content));
  const text = out.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function article(n: number, code: keyof typeof VOCABULARY, at: Date): NewArticle {
  const body: BodyDocument = {
    type: "doc",
    content: Array.from({ length: 5 }, () => ({
      type: "paragraph" as const,
      content: [{ type: "text" as const, text: `${sentence(code, 12)} ${sentence(code, 13)}` }],
    })),
  };
  return publishedArticleRow(
    {
      edition_code: code,
      slug: `story-${n}`,
      title: sentence(code, 7).slice(0, -1),
      dek: sentence(code, 16),
      body: JSON.stringify(body),
    },
    at,
  );
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Number((sorted[Math.max(0, index)] ?? 0).toFixed(2));
}

async function main(): Promise<void> {
  const keptDir = process.env.BENCH_DATA_DIR?.trim() || undefined;
  const dataDir = keptDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "gazette-search-bench-"));
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  if (POSTGRES_URL) {
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
  }
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    ...(POSTGRES_URL ? { DATABASE_URL: POSTGRES_URL } : {}),
  });
  const database = openDatabase(config.database, POSTGRES_URL ? { searchPath: schema } : {});
  try {
    await migrateToLatest(database.db, database.dialect);
    const reuse = (await database.db.selectFrom("editions").select("code").execute()).length > 0;
    if (!reuse) {
      await database.db
        .insertInto("editions")
        .values(EDITIONS.map((e) => ({ ...e, time_zone: "Europe/Kyiv" })))
        .execute();
    }
    const services = await createServices(config, database);

    const started = performance.now();
    const batch = 2000;
    const newest = Date.parse("2026-03-21T12:00:00Z");
    for (let from = 0; !reuse && from < ARTICLES; from += batch) {
      const rows = Array.from({ length: Math.min(batch, ARTICLES - from) }, (_, i) => {
        const n = from + i;
        return article(n, EDITIONS[n % 3]?.code ?? "uk", new Date(newest - (ARTICLES - n) * 60_000));
      });
      await database.db.transaction().execute(async (trx) => {
        // One transaction per batch: the same indexing code, without a commit per article.
        const search = new SearchService(
          new SearchRepository(trx, database.dialect),
          services.editions,
          services.articleQueries,
        );
        for (const part of [rows.slice(0, 500), rows.slice(500, 1000), rows.slice(1000, 1500), rows.slice(1500)]) {
          if (part.length === 0) continue;
          const inserted = await trx.insertInto("articles").values(part).returningAll().execute();
          for (const row of inserted) await search.index(row);
        }
      });
    }
    const indexSeconds = reuse ? null : Number(((performance.now() - started) / 1000).toFixed(1));
    if (database.dialect === "sqlite") {
      const { sql } = await import("kysely");
      await sql`INSERT INTO search_fts(search_fts) VALUES ('optimize')`.execute(database.db);
    } else {
      const { sql } = await import("kysely");
      await sql`ANALYZE search_documents`.execute(database.db);
    }

    const queries = EDITIONS.flatMap((e) => VOCABULARY[e.code].queries.map((q) => ({ edition: e.code, q })));
    const run = async (record: boolean, samples: { ms: number; cpuMs: number; q: string; total: number }[]) => {
      for (const { edition, q } of queries) {
        const e = services.editions.byCode(edition);
        if (!e) throw new Error(`no edition ${edition}`);
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        const results = await services.search.search(e, q, 1);
        const ms = performance.now() - t0;
        const cpu = process.cpuUsage(cpu0);
        if (record) samples.push({ ms, cpuMs: (cpu.user + cpu.system) / 1000, q, total: results.total });
      }
    };
    await run(false, []);
    const samples: { ms: number; cpuMs: number; q: string; total: number }[] = [];
    const loadBefore = os.loadavg()[0];
    const measured = performance.now();
    for (let round = 0; round < ROUNDS; round++) await run(true, samples);
    const seconds = (performance.now() - measured) / 1000;
    const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
    const cpuSorted = samples.map((s) => s.cpuMs).sort((a, b) => a - b);
    const slowest = [...samples].sort((a, b) => b.ms - a.ms)[0];
    const zeroHit = [...new Set(samples.filter((s) => s.total === 0).map((s) => s.q))];
    console.log(
      JSON.stringify(
        {
          benchmark: "search",
          dialect: database.dialect,
          articles: await services.articleQueries.countArticles(),
          indexSeconds,
          queries: queries.length,
          rounds: ROUNDS,
          samples: samples.length,
          latencyMs: {
            p50: percentile(sorted, 50),
            p95: percentile(sorted, 95),
            p99: percentile(sorted, 99),
            max: percentile(sorted, 100),
          },
          queriesPerSecond: Number((samples.length / seconds).toFixed(1)),
          // CPU time of this process per query: what a query costs on an idle core. On a shared,
          // busy machine the wall-clock figures above include time spent waiting for a core.
          cpuMs: {
            p50: percentile(cpuSorted, 50),
            p95: percentile(cpuSorted, 95),
            p99: percentile(cpuSorted, 99),
            max: percentile(cpuSorted, 100),
          },
          loadAverage: { before: Number(loadBefore?.toFixed(2)), after: Number(os.loadavg()[0]?.toFixed(2)) },
          cpus: os.cpus().length,
          slowest: slowest ? { query: slowest.q, ms: Number(slowest.ms.toFixed(2)), matches: slowest.total } : null,
          queriesWithoutMatches: zeroHit,
          target: { p95Ms: 25, maxMs: 250 },
        },
        null,
        2,
      ),
    );
  } finally {
    await database.close();
    if (POSTGRES_URL) {
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
    if (!keptDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
