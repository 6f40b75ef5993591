import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { postWebhook } from "./webhook-sender.js";

const servers: http.Server[] = [];

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe("posting one webhook", () => {
  it("gives up on an endpoint that does not answer within the timeout", async () => {
    const url = await serve(() => {
      // Never answers.
    });
    const result = await postWebhook(url, "{}", {}, { timeoutMs: 150, allowPrivate: true });
    expect(result.status).toBeUndefined();
    expect(result.error).toBe("No answer within 150 ms.");
  });

  it("does not follow a redirect", async () => {
    let followed = false;
    const target = await serve((_request, response) => {
      followed = true;
      response.end();
    });
    const url = await serve((_request, response) => {
      response.writeHead(307, { location: target }).end();
    });
    const result = await postWebhook(url, "{}", {}, { timeoutMs: 5000, allowPrivate: true });
    expect(result).toMatchObject({ status: 307, error: "The endpoint answered 307." });
    expect(followed).toBe(false);
  });

  it("refuses a private address when private addresses are not allowed, without connecting", async () => {
    let reached = false;
    const url = await serve((_request, response) => {
      reached = true;
      response.end();
    });
    expect(await postWebhook(url, "{}", {}, { timeoutMs: 5000, allowPrivate: false })).toMatchObject({
      error: "The URL points at a private address.",
    });
    const byName = url.replace("127.0.0.1", "localhost");
    const result = await postWebhook(byName, "{}", {}, { timeoutMs: 5000, allowPrivate: false });
    expect(result.status).toBeUndefined();
    expect(result.error).toContain("EPRIVATE");
    expect(reached).toBe(false);
  });

  it("sends the body and headers as given", async () => {
    let seen: { headers: http.IncomingHttpHeaders; body: string } | undefined;
    const url = await serve((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        seen = { headers: request.headers, body: Buffer.concat(chunks).toString("utf8") };
        response.writeHead(204).end();
      });
    });
    const body = JSON.stringify({ title: "Київ" });
    const result = await postWebhook(url, body, { "X-Test": "1" }, { timeoutMs: 5000, allowPrivate: true });
    expect(result).toMatchObject({ status: 204 });
    expect(result.error).toBeUndefined();
    expect(seen?.body).toBe(body);
    expect(seen?.headers["x-test"]).toBe("1");
    expect(seen?.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
  });
});
