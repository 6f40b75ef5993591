/**
 * Web push fan-out benchmark: BENCH_PUSH_SUBSCRIBERS (default 20,000) subscriptions of one
 * edition, one breaking alert, sent by the real batch jobs (encryption, VAPID signature, HTTP) to a
 * local push service that answers 201. The baseline, in the same run, is the encryption and
 * signing alone for the same number of messages (web-push's generateRequestDetails): the CPU floor
 * a fan-out cannot beat on this machine. Prints JSON: messages/s of both and their ratio.
 */
import { createECDH, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import webpush from "web-push";
import { createServices } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/platform/db/database.js";
import { migrateToLatest } from "../src/platform/db/migrator.js";

const SUBSCRIBERS = Number(process.env.BENCH_PUSH_SUBSCRIBERS ?? 20_000);

async function startPushService() {
  let received = 0;
  const server = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      received++;
      response.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: (n: number) => `http://127.0.0.1:${port}/push/${n}`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-push-"));
  const pushService = await startPushService();
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    PUBLIC_URL: "https://news.example",
    PUSH_ALLOW_PRIVATE: "true",
  });
  const database = openDatabase(config.database);
  await migrateToLatest(database.db, database.dialect);
  await database.db
    .insertInto("editions")
    .values({ code: "en", name: "English", locale: "en-GB", time_zone: "Europe/Kyiv", base_path: "/en/", position: 0 })
    .execute();
  const services = await createServices(config, database);

  // One browser key pair for every row: the encryption work per message is the same.
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const p256dh = ecdh.getPublicKey().toString("base64url");
  const auth = randomBytes(16).toString("base64url");
  const createdAt = new Date().toISOString();
  for (let start = 0; start < SUBSCRIBERS; start += 500) {
    const rows = [];
    for (let n = start; n < Math.min(start + 500, SUBSCRIBERS); n++) {
      rows.push({ edition_code: "en", endpoint: pushService.endpoint(n), p256dh, auth, created_at: createdAt });
    }
    await database.db.insertInto("push_subscriptions").values(rows).execute();
  }

  const keys = webpush.generateVAPIDKeys();
  const baselineStart = performance.now();
  for (let n = 0; n < SUBSCRIBERS; n++) {
    webpush.generateRequestDetails({ endpoint: pushService.endpoint(n), keys: { p256dh, auth } }, '{"title":"x"}', {
      vapidDetails: { subject: "https://news.example", publicKey: keys.publicKey, privateKey: keys.privateKey },
      contentEncoding: "aes128gcm",
    });
  }
  const baselineSeconds = (performance.now() - baselineStart) / 1000;

  const started = performance.now();
  await services.push.sendBreaking({
    edition: "en",
    text: "Benchmark alert",
    url: null,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  while ((await services.jobs.runDue()) > 0);
  const seconds = (performance.now() - started) / 1000;
  const [send] = await services.push.listSends(1);

  const fanoutRate = Math.round(SUBSCRIBERS / seconds);
  const baselineRate = Math.round(SUBSCRIBERS / baselineSeconds);
  console.log(
    JSON.stringify(
      {
        bench: "push-fanout",
        subscribers: SUBSCRIBERS,
        delivered: send?.delivered ?? 0,
        received: pushService.received(),
        seconds: Number(seconds.toFixed(2)),
        messagesPerSecond: fanoutRate,
        baselineEncryptOnlyPerSecond: baselineRate,
        ratioToBaseline: Number((fanoutRate / baselineRate).toFixed(2)),
      },
      null,
      2,
    ),
  );
  await database.close();
  await pushService.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

await main();
