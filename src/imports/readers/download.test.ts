import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadToTempFile, ImportDownloadError } from "./download.js";

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Тест</title></channel></rss>';

describe("downloading a feed to a temporary file", () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === "/feed.xml") {
        response.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
        response.end(FEED);
      } else if (request.url === "/moved") {
        response.writeHead(301, { location: "/feed.xml" });
        response.end();
      } else if (request.url === "/endless") {
        // No content-length: only the streaming cap can stop it.
        response.writeHead(200, { "content-type": "application/xml" });
        const chunk = "x".repeat(1024);
        for (let i = 0; i < 64; i++) response.write(chunk);
        response.end();
      } else {
        response.writeHead(404);
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("writes the body to a file the caller can remove, following redirects", async () => {
    const file = await downloadToTempFile(`${base}/moved`, { maxBytes: 10_000 });
    expect(await readFile(file.filePath, "utf8")).toBe(FEED);
    expect(file.url).toBe(`${base}/feed.xml`);
    expect(file.contentType).toMatch(/rss/);
    await file.remove();
    expect(existsSync(file.filePath)).toBe(false);
  });

  it("fails on an error status", async () => {
    await expect(downloadToTempFile(`${base}/missing`, { maxBytes: 10_000 })).rejects.toThrow(/answered 404/);
  });

  it("fails when the announced size is over the cap", async () => {
    await expect(downloadToTempFile(`${base}/feed.xml`, { maxBytes: 10 })).rejects.toBeInstanceOf(ImportDownloadError);
  });

  it("stops a body without a length once it passes the cap", async () => {
    await expect(downloadToTempFile(`${base}/endless`, { maxBytes: 4096 })).rejects.toThrow(/larger than 4096 bytes/);
  });

  it("refuses addresses that are not http or https", async () => {
    await expect(downloadToTempFile("file:///etc/passwd", { maxBytes: 10 })).rejects.toThrow(/Only http and https/);
    await expect(downloadToTempFile("not a url", { maxBytes: 10 })).rejects.toThrow(/not a web address/);
  });
});
