import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { WebhookReceiver } from "../../test/webhook-receiver.js";
import { PROJECT_ROOT } from "../app.js";

const SCRIPT = path.join(PROJECT_ROOT, "docs", "webhooks-verify.py");
const hasPython = spawnSync("python3", ["--version"]).status === 0;

function runVerifier(secret: string, header: string, body: string): { status: number | null; output: string } {
  const result = spawnSync("python3", [SCRIPT, secret, header], { input: Buffer.from(body, "utf8"), encoding: "utf8" });
  return { status: result.status, output: result.stdout.trim() };
}

describe.skipIf(!hasPython).each(DIALECTS)("the documented Python check of a delivery's signature on %s", (dialect) => {
  let t: TestApp;
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
    t = await startTestApp(dialect, {
      env: { WEBHOOKS_ALLOW_PRIVATE: "true" },
      editions: ["uk"],
    });
  });
  afterEach(async () => {
    await t.close();
    await receiver.close();
  });

  it("accepts a real delivery and refuses it once the body, the secret or the time is wrong", async () => {
    const { secret } = await t.services.webhooks.create({ url: receiver.url, events: ["article.published"] }, null);
    // Cyrillic in the body: the signature covers the bytes as sent, not an escaped form.
    await createArticle(t.services.articles, { edition: "uk", title: "Міст знову відкрито" });
    await t.services.events.drain();
    const [delivery] = receiver.received;
    if (!delivery) throw new Error("no delivery arrived");
    expect(delivery.body).toContain("Міст знову відкрито");
    const header = String(delivery.headers["gazette-signature"]);

    expect(runVerifier(secret, header, delivery.body)).toEqual({ status: 0, output: "valid" });
    expect(runVerifier(secret, header, delivery.body.replace("Міст", "Мост")).status).toBe(1);
    expect(runVerifier("whsec_not-the-secret", header, delivery.body).status).toBe(1);
    const stale = header.replace(/^t=\d+/, (t) => `t=${Number(t.slice(2)) - 3600}`);
    expect(runVerifier(secret, stale, delivery.body)).toEqual({
      status: 1,
      output: "invalid: the timestamp is too far from now",
    });
  });
});
