/**
 * Newsletter fan-out benchmark: BENCH_SUBSCRIBERS (default 100,000) confirmed subscribers, one
 * issue, sent through the real sender over SMTP to a sink in a separate process. Prints JSON with
 * messages/s, wall time, the sender's peak RSS and the sink's received count.
 *
 * BENCH_SUBSCRIBERS, BENCH_POOL (SMTP connections, default 8).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { createServices } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createNewsletterServices } from "../src/newsletters/newsletters.factory.js";
import { openDatabase } from "../src/platform/db/database.js";
import { migrateToLatest } from "../src/platform/db/migrator.js";

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 100_000);
const POOL = String(process.env.BENCH_POOL ?? 8);
const here = path.dirname(fileURLToPath(import.meta.url));

async function startSink() {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(here, "support", "smtp-sink.process.ts")], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: child.stdout });
  const next = () => new Promise<string>((resolve) => lines.once("line", resolve));
  const { port } = JSON.parse(await next()) as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    async received(): Promise<number> {
      child.stdin.write("count\n");
      return (JSON.parse(await next()) as { received: number }).received;
    },
    stop: () => child.stdin.end(),
  };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-fanout-"));
  const sink = await startSink();
  const config = loadConfig({
    DATA_DIR: dataDir,
    SMTP_URL: sink.url,
    SMTP_POOL_SIZE: POOL,
    LOG_LEVEL: "silent",
    PUBLIC_URL: "https://news.example",
  });
  const database = openDatabase(config.database);
  await migrateToLatest(database.db, database.dialect);
  const now = new Date().toISOString();
  await database.db
    .insertInto("editions")
    .values({ code: "en", name: "English", locale: "en-GB", time_zone: "Europe/Kyiv", base_path: "/en/", position: 0 })
    .execute();
  const services = await createServices(config, database);
  const list = await services.newsletters.lists.createList({
    slug: "en-daily",
    edition: "en",
    language: "en",
    name: "The Morning Briefing",
    description: "Top headlines.",
    cadence: "Daily",
    fromName: "The Morning Briefing",
    fromAddress: "briefing@news.example",
    kind: "manual",
  });
  const ids: number[] = [];
  for (let i = 0; i < 8; i++) {
    const article = await services.articles.create({
      edition: "en",
      title: `Benchmark story number ${i + 1} with a headline of ordinary length`,
      dek: "A standfirst of one sentence, as editors write them for the newsletter.",
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Body." }] }] },
    });
    await services.articles.publish(article.id);
    ids.push(article.id);
  }
  // Subscribers are written straight to the tables: the benchmark measures sending, not sign-ups.
  for (let start = 0; start < SUBSCRIBERS; start += 5000) {
    await database.db.transaction().execute(async (trx) => {
      const count = Math.min(5000, SUBSCRIBERS - start);
      const rows = Array.from({ length: count }, (_, i) => ({
        email: `reader${start + i}@example.org`,
        language: "en",
        created_at: now,
        updated_at: now,
      }));
      for (let i = 0; i < rows.length; i += 500) {
        const inserted = await trx
          .insertInto("newsletter_subscribers")
          .values(rows.slice(i, i + 500))
          .returning("id")
          .execute();
        await trx
          .insertInto("newsletter_subscriptions")
          .values(
            inserted.map((r) => ({
              subscriber_id: r.id,
              list_id: list.id,
              status: "active" as const,
              source: "import",
              created_at: now,
              confirmed_at: now,
            })),
          )
          .execute();
      }
    });
  }
  const newsletters = createNewsletterServices(database.db, services, {
    publicUrl: config.publicUrl,
    batchSize: 100,
  });
  const issue = await newsletters.issues.composeManual(
    list.id,
    { subject: "Benchmark issue", intro: "Good morning.", articleIds: ids },
    null,
  );

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  await newsletters.delivery.startSending(issue.id);
  const outcome = await newsletters.delivery.deliver(issue.id);
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const progress = await newsletters.delivery.progress(issue.id);
  const received = await sink.received();
  await services.mailer.close?.();
  sink.stop();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  console.log(
    JSON.stringify(
      {
        subscribers: SUBSCRIBERS,
        smtpConnections: Number(POOL),
        outcome,
        sent: progress.counts.sent,
        sinkReceived: received,
        wallSeconds: Math.round(wallMs / 100) / 10,
        messagesPerSecond: Math.round(progress.counts.sent / (wallMs / 1000)),
        senderPeakRssMB: Math.round(peakRss / 1024 / 1024),
        targets: { messagesPerSecond: 1500, senderPeakRssMB: 400 },
      },
      null,
      2,
    ),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
