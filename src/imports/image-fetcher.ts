import fs from "node:fs/promises";
import path from "node:path";

/** Gets the bytes of one image of the old site; throws with a sentence a person understands. */
export type ImageFetcher = (url: string) => Promise<Buffer>;

/**
 * Downloads with a time limit and a size cap, so one slow or huge file on the old site cannot
 * stall or swamp the import. Only http(s): an export cannot make the server read file: URLs.
 */
export function httpImageFetcher(options: { timeoutMs: number; maxBytes: number }): ImageFetcher {
  return async (url) => {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error(`not an http(s) address: ${url}`);
    const response = await fetch(parsed, { signal: AbortSignal.timeout(options.timeoutMs), redirect: "follow" });
    if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}`);
    const declared = Number(response.headers.get("content-length") ?? "0");
    if (declared > options.maxBytes) throw new Error(`${url} is larger than ${options.maxBytes} bytes`);
    const chunks: Buffer[] = [];
    let size = 0;
    const reader = response.body.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      size += next.value.byteLength;
      if (size > options.maxBytes) {
        await reader.cancel();
        throw new Error(`${url} is larger than ${options.maxBytes} bytes`);
      }
      chunks.push(Buffer.from(next.value));
    }
    return Buffer.concat(chunks);
  };
}

/** Takes the file from a local copy of the uploads folder, by its path under it (never outside it). */
export function directoryImageFetcher(dir: string, localPathOf: (url: string) => string | undefined): ImageFetcher {
  const root = path.resolve(dir);
  return async (url) => {
    const local = localPathOf(url);
    if (!local) throw new Error(`${url} has no path under the uploads folder`);
    const file = path.resolve(root, local.replace(/^\/+/, ""));
    if (file !== root && !file.startsWith(`${root}${path.sep}`))
      throw new Error(`${local} is outside the media folder`);
    return fs.readFile(file).catch(() => {
      throw new Error(`${local} is not in the media folder`);
    });
  };
}

/**
 * The path of an image under the uploads folder when the reader gave none: what follows
 * `wp-content/uploads/` (WordPress) or `content/images/` (Ghost) in its address.
 */
export function uploadsPathOf(location: string): string | undefined {
  let pathname = location;
  try {
    pathname = new URL(location).pathname;
  } catch {
    // Already a path.
  }
  const match = /\/(?:wp-content\/uploads|content\/images)\/(.+)$/.exec(pathname);
  if (match?.[1]) {
    try {
      return decodeURIComponent(match[1]);
    } catch {
      return match[1];
    }
  }
  return /^[a-z]+:/i.test(location) ? undefined : location;
}
