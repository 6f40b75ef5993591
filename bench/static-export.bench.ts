/**
 * Static snapshot benchmark: a site of 10,000 published articles in three editions (sections,
 * tags and bylines; SQLite file on disk, as the embedded mode runs), exported with
 * `exportStaticSite` as `gazette export static` does it (the built browser files included when
 * `npm run build` has run), then exported again into the same folder after one article changed:
 * the incremental run. Prints one JSON document: seconds, files, bytes and files/s of each run,
 * and the peak resident memory.
 *
 * BENCH_ARTICLES (default 10000), BENCH_KEEP=1 keeps the data and snapshot folders.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp, createServices, PROJECT_ROOT } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import type { BodyDocument } from "../src/newsroom/body.types.js";
import { openDatabase } from "../src/platform/db/database.js";
import { migrateToLatest } from "../src/platform/db/migrator.js";
import { loadSigningKey } from "../src/platform/security/signing-key.js";
import { loadAssets } from "../src/site/assets.js";
import { injectFetch } from "../src/snapshot/site-fetch.js";
import { exportStaticSite, type StaticExportReport } from "../src/snapshot/static-export.service.js";
import { publishedArticleRow } from "./support/article-row.js";

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);
const EDITIONS = [
  { code: "uk", name: "Українська", locale: "uk-UA", base_path: "/", position: 0 },
  { code: "ru", name: "Русский", locale: "ru-RU", base_path: "/ru/", position: 1 },
  { code: "en", name: "English", locale: "en-GB", base_path: "/en/", position: 2 },
] as const;
const SECTIONS = 8;
const TAGS = 40;
const AUTHORS = 12;
const WORDS = "front line drone strike energy grid village repair school shelter winter harbour grain".split(" ");

function text(n: number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[(n * 7 + i * 13) % WORDS.length] as string);
  return out.join(" ");
}

function body(n: number): string {
  const document: BodyDocument = {
    type: "doc",
    content: Array.from({ length: 6 }, (_, i) => ({
      type: "paragraph" as const,
      content: [{ type: "text" as const, text: `${text(n + i, 40)}.` }],
    })),
  };
  return JSON.stringify(document);
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-export-bench-"));
  const out = path.join(dataDir, "snapshot");
  const config = Object.freeze({
    ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", PUBLIC_URL: "https://news.example" }),
  });
  const exportConfig = Object.freeze({ ...config, pageCache: { ...config.pageCache, enabled: false } });
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database.db, database.dialect);
    const { db } = database;
    const generated = Date.now();
    await db
      .insertInto("editions")
      .values(EDITIONS.map((e) => ({ ...e, time_zone: "Europe/Kyiv" })))
      .execute();
    const sections = new Map<string, number[]>();
    const tags = new Map<string, number[]>();
    const authors = new Map<string, number[]>();
    for (const { code } of EDITIONS) {
      const ids = async (table: "sections" | "tags" | "people", count: number, extra: object) =>
        (
          await db
            .insertInto(table)
            .values(
              Array.from({ length: count }, (_, i) => ({
                edition_code: code,
                slug: `${table}-${i}`,
                name: `${table} ${i}`,
                ...extra,
                ...(table === "sections" ? { position: i } : {}),
              })) as never,
            )
            .returning("id")
            .execute()
        ).map((row) => row.id);
      sections.set(code, await ids("sections", SECTIONS, {}));
      tags.set(code, await ids("tags", TAGS, {}));
      authors.set(code, await ids("people", AUTHORS, { role: null, bio: null, staff_id: null }));
    }
    // One transaction per thousand rows: what "fast inserts" costs on SQLite.
    const start = Date.parse("2026-01-01T00:00:00Z");
    for (let from = 0; from < ARTICLES; from += 1000) {
      await db.transaction().execute(async (trx) => {
        for (let n = from; n < Math.min(ARTICLES, from + 1000); n++) {
          const edition = EDITIONS[n % EDITIONS.length]?.code as string;
          const row = publishedArticleRow(
            {
              edition_code: edition,
              slug: `story-${n}`,
              title: `Story ${n}: ${text(n, 7)}`,
              dek: text(n + 3, 18),
              section_id: sections.get(edition)?.[n % SECTIONS] ?? null,
              body: body(n),
              is_featured: n % 50 === 0 ? 1 : 0,
            },
            new Date(start + n * 30 * 60_000),
          );
          const { id } = await trx.insertInto("articles").values(row).returning("id").executeTakeFirstOrThrow();
          await trx
            .insertInto("article_tags")
            .values({ article_id: id, tag_id: tags.get(edition)?.[n % TAGS] as number, position: 0 })
            .execute();
          await trx
            .insertInto("article_authors")
            .values({ article_id: id, person_id: authors.get(edition)?.[n % AUTHORS] as number, position: 0 })
            .execute();
        }
      });
    }
    const generateSeconds = (Date.now() - generated) / 1000;

    const services = await createServices(exportConfig, database);
    const app = await buildApp(exportConfig, services, { logger: false });
    const assets = loadAssets(PROJECT_ROOT);
    const run = () =>
      exportStaticSite({
        dir: out,
        site: exportConfig.publicUrl,
        fetch: injectFetch(app, "news.example"),
        editions: services.editions.list().map(({ code, basePath, language }) => ({ code, basePath, language })),
        mirrors: [exportConfig.publicUrl],
        assetsDir: assets.built ? assets.dir : null,
        key: loadSigningKey(dataDir),
        progress: (line) => process.stderr.write(`${line}\n`),
        progressEvery: 2000,
      });
    const summary = (report: StaticExportReport) => ({
      seconds: Number(report.seconds.toFixed(1)),
      files: report.files,
      bytes: report.bytes,
      filesPerSecond: Math.round(report.files / report.seconds),
      written: report.written,
      unchanged: report.unchanged,
      removed: report.removed,
      failed: report.failed.length,
    });
    const full = await run();
    // One story retitled: its page, and every list and feed that shows it, change.
    await db.updateTable("articles").set({ title: "Story 5, corrected" }).where("slug", "=", "story-5").execute();
    const incremental = await run();
    await app.close();
    console.log(
      JSON.stringify(
        {
          benchmark: "static-export",
          articles: ARTICLES,
          editions: EDITIONS.length,
          assetsBuilt: assets.built,
          generateSeconds,
          full: summary(full),
          incremental: summary(incremental),
          // The process's peak resident memory (kB from getrusage): what "bounded" is judged by.
          peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        },
        null,
        2,
      ),
    );
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP !== "1") fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
