/**
 * Import benchmark: writes a WordPress export (WXR 1.2) of BENCH_IMPORT_POSTS posts (default
 * 10,000; about 50 MB with realistic bodies: paragraphs, a [caption] shortcode, links, an internal
 * link to an earlier post) into a temporary file, then imports it without media through the real
 * streaming reader and ImportsService into a SQLite file on disk, as the embedded mode runs.
 * Prints one JSON document: {posts, seconds, postsPerSecond, peakRssMb, startRssMb, created, fileMb}.
 *
 * The time covers what `gazette import wordpress FILE --media skip` does: reading the file through
 * once to check it, then importing it. Generating the file is not timed.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createServices } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { checkReadable } from "../src/imports/import-runs.service.js";
import { openImportReader } from "../src/imports/reader-factory.js";
import { openDatabase } from "../src/platform/db/database.js";
import { migrateToLatest } from "../src/platform/db/migrator.js";

const POSTS = Number(process.env.BENCH_IMPORT_POSTS ?? 10_000);
/** `cli` or `in-process` runs only that half. */
const ONLY = process.env.BENCH_IMPORT_ONLY;
const SITE = "https://old.example.org";

/** A small seeded generator, so every run imports the same file. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20261206);

const WORDS = (
  "council river bridge water school budget election hospital mayor road flood reporters residents " +
  "market energy winter heating shelter volunteers court ruling investigation contract minister " +
  "police station village district farmers harvest prices trains border weather storm museum " +
  "archive library festival teachers doctors nurses pensions taxes factory workers union strike"
).split(" ");
const COMMON = "the a of to in and on for with at by from that this was were is are said after before".split(" ");

function sentence(words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    out.push(
      random() < 0.4
        ? (COMMON[Math.floor(random() * COMMON.length)] as string)
        : (WORDS[Math.floor(random() * WORDS.length)] as string),
    );
  }
  const text = out.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(): string {
  const sentences = 4 + Math.floor(random() * 4);
  return Array.from({ length: sentences }, () => sentence(10 + Math.floor(random() * 12))).join(" ");
}

const pad = (n: number) => String(n).padStart(2, "0");

function item(n: number): string {
  const id = 1000 + n;
  const day = new Date(Date.UTC(2016, 0, 1) + n * 3_600_000 * 6);
  const y = day.getUTCFullYear();
  const m = pad(day.getUTCMonth() + 1);
  const d = pad(day.getUTCDate());
  const stamp = `${y}-${m}-${d} ${pad(day.getUTCHours())}:00:00`;
  const slug = `story-${n}-${WORDS[n % WORDS.length]}`;
  const earlier = n > 0 ? Math.floor(random() * n) : 0;
  const paragraphs: string[] = [];
  for (let i = 0; i < 7; i++) paragraphs.push(`<!-- wp:paragraph -->\n<p>${paragraph()}</p>\n<!-- /wp:paragraph -->`);
  paragraphs.splice(
    2,
    0,
    `[caption id="attachment_${id}" align="aligncenter" width="1024"]<img class="size-large wp-image-${id}" src="${SITE}/wp-content/uploads/${y}/${m}/photo-${n}-1024x683.jpg" alt="${sentence(5)}" width="1024" height="683" /> ${sentence(8)}[/caption]`,
  );
  paragraphs.splice(
    5,
    0,
    `<p>Read also: <a href="${SITE}/?p=${1000 + earlier}">${sentence(6)}</a>, and the <a href="https://example.net/report-${n}.pdf">full report</a>.</p>`,
  );
  const tag = WORDS[(n * 7) % WORDS.length] as string;
  return `
	<item>
		<title><![CDATA[${sentence(7).slice(0, -1)} ${n}]]></title>
		<link>${SITE}/${y}/${m}/${slug}/</link>
		<pubDate>${day.toUTCString().replace("GMT", "+0000")}</pubDate>
		<dc:creator><![CDATA[${n % 3 === 0 ? "mira" : "oleh"}]]></dc:creator>
		<guid isPermaLink="false">${SITE}/?p=${id}</guid>
		<description></description>
		<content:encoded><![CDATA[${paragraphs.join("\n\n")}]]></content:encoded>
		<excerpt:encoded><![CDATA[${sentence(18)}]]></excerpt:encoded>
		<wp:post_id>${id}</wp:post_id>
		<wp:post_date><![CDATA[${stamp}]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[${stamp}]]></wp:post_date_gmt>
		<wp:post_name><![CDATA[${slug}]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<category domain="category" nicename="news"><![CDATA[News]]></category>
		<category domain="post_tag" nicename="${tag}"><![CDATA[${tag}]]></category>
	</item>`;
}

async function writeExport(file: string): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="https://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="https://wordpress.org/export/1.2/"
>
<channel>
	<title>Bench Courier</title>
	<link>${SITE}</link>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>${SITE}</wp:base_site_url>
	<wp:base_blog_url>${SITE}</wp:base_blog_url>
	<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[mira]]></wp:author_login><wp:author_email><![CDATA[mira@example.org]]></wp:author_email><wp:author_display_name><![CDATA[Mira Kovalenko]]></wp:author_display_name></wp:author>
	<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[oleh]]></wp:author_login><wp:author_email><![CDATA[oleh@example.org]]></wp:author_email><wp:author_display_name><![CDATA[Олег Петренко]]></wp:author_display_name></wp:author>
	<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename><![CDATA[news]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
`);
  for (let n = 0; n < POSTS; n++) await write(item(n));
  await write("\n</channel>\n</rss>\n");
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** An empty site: migrated, with the English edition the import writes into. */
async function prepareSite(dataDir: string): Promise<void> {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database.db, database.dialect);
    await database.db
      .insertInto("editions")
      .values({ code: "en", name: "English", locale: "en-GB", base_path: "/", position: 0, time_zone: "Europe/Kyiv" })
      .execute();
  } finally {
    await database.close();
  }
}

const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** The import inside this process, with the services built the way the CLI builds them. */
async function importInProcess(file: string, dataDir: string) {
  await prepareSite(dataDir);
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  const database = openDatabase(config.database);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  try {
    const services = await createServices(config, database, undefined, { openImportReader });
    try {
      // Measured from here: what the CLI does after it has its services.
      peakRss = process.memoryUsage().rss;
      const startRss = peakRss;
      const started = performance.now();
      await checkReadable(openImportReader("wordpress", file));
      const outcome = await services.imports.engine.run(openImportReader("wordpress", file), {
        edition: "en",
        media: "skip",
      });
      const seconds = (performance.now() - started) / 1000;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      return {
        seconds: Math.round(seconds * 100) / 100,
        postsPerSecond: Math.round(POSTS / seconds),
        peakRssMb: megabytes(peakRss),
        // The process with its services loaded (gazetteer, basemap…), before the first item.
        startRssMb: megabytes(startRss),
        created: outcome.report.created,
        failed: outcome.report.failed,
      };
    } finally {
      await services.mailer.close?.();
      await services.scaled?.close();
    }
  } finally {
    clearInterval(sampler);
    await database.close();
  }
}

/** Peak resident memory of a running process (Linux `VmHWM`), in bytes. */
function peakRssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/**
 * What an editor runs: `gazette import wordpress FILE --media skip` from the compiled CLI
 * (`npm run build:server` first), timed from spawn to exit, start-up included.
 */
async function importWithCli(file: string, dataDir: string) {
  await prepareSite(dataDir);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(root, "bin", "gazette.js"), "import", "wordpress", file, "--edition", "en", "--media", "skip"],
    { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "silent" }, stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  let peakRss = 0;
  // VmHWM is the kernel's own high-water mark, so sampling it now and then misses nothing.
  const sampler = setInterval(() => {
    try {
      if (child.pid !== undefined) peakRss = Math.max(peakRss, peakRssOf(child.pid));
    } catch {
      // The process has just exited.
    }
  }, 200);
  const [code] = (await once(child, "exit")) as [number | null];
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`gazette import exited with ${code}:\n${output}`);
  // The command's last line is its report as JSON.
  const report = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as { created?: number; failed?: number };
  return {
    seconds: Math.round(seconds * 100) / 100,
    postsPerSecond: Math.round(POSTS / seconds),
    peakRssMb: megabytes(peakRss),
    created: report.created ?? null,
    failed: report.failed ?? null,
  };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-import-bench-"));
  const file = path.join(dir, "export.xml");
  try {
    await writeExport(file);
    const cli = ONLY === "in-process" ? undefined : await importWithCli(file, fs.mkdtempSync(path.join(dir, "cli-")));
    const inProcess =
      ONLY === "cli" ? undefined : await importInProcess(file, fs.mkdtempSync(path.join(dir, "in-process-")));
    console.log(
      JSON.stringify({
        posts: POSTS,
        fileMb: Math.round((fs.statSync(file).size / 1024 / 1024) * 10) / 10,
        cli,
        inProcess,
      }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
