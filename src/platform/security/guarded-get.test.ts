import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GuardedGetError, guardedGet } from "./guarded-get.js";

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    if (request.url === "/image") return void response.end(Buffer.alloc(100, 7));
    if (request.url === "/big") return void response.end(Buffer.alloc(5000, 1));
    if (request.url === "/hop") {
      response.writeHead(302, { location: "/image" });
      return void response.end();
    }
    if (request.url === "/slow") return; // never answers
    response.writeHead(404);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const open = { timeoutMs: 2000, maxBytes: 1000, allowPrivate: true };

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    return error instanceof GuardedGetError ? error.reason : `other: ${String(error)}`;
  }
}

describe("guardedGet", () => {
  it("downloads a file and follows a redirect", async () => {
    expect((await guardedGet(`${base}/image`, open)).length).toBe(100);
    expect((await guardedGet(`${base}/hop`, open)).length).toBe(100);
  });

  it("refuses a loopback address, by literal and by name, unless private addresses are allowed", async () => {
    const closed = { ...open, allowPrivate: false };
    expect(await reasonOf(guardedGet(`${base}/image`, closed))).toBe("private_address");
    const byName = base.replace("127.0.0.1", "localhost");
    expect(await reasonOf(guardedGet(`${byName}/image`, closed))).toBe("private_address");
  });

  it("names too large files, missing files, slow servers and other schemes", async () => {
    expect(await reasonOf(guardedGet(`${base}/big`, open))).toBe("too_large");
    expect(await reasonOf(guardedGet(`${base}/missing`, open))).toBe("not_found");
    expect(await reasonOf(guardedGet(`${base}/slow`, { ...open, timeoutMs: 200 }))).toBe("timeout");
    expect(await reasonOf(guardedGet("file:///etc/passwd", open))).toBe("unreachable");
  });
});
