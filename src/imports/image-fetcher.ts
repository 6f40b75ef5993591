import fs from "node:fs/promises";
import path from "node:path";
import { GuardedGetError, guardedGet } from "../platform/security/guarded-get.js";

/** Gets the bytes of one image of the old site; throws with a sentence a person understands. */
export type ImageFetcher = (url: string) => Promise<Buffer>;

/**
 * Downloads with a time limit and a size cap, so one slow or huge file on the old site cannot
 * stall or swamp the import. Only http(s), and never the server's own network unless allowed: an
 * export is a file from outside, and its image addresses could point at cloud metadata or the LAN.
 */
export function httpImageFetcher(options: {
  timeoutMs: number;
  maxBytes: number;
  allowPrivate: boolean;
}): ImageFetcher {
  return async (url) => {
    try {
      return await guardedGet(url, { ...options, maxRedirects: 5 });
    } catch (error) {
      if (error instanceof GuardedGetError && error.reason === "private_address") {
        throw new Error(`${error.message}; set IMPORT_ALLOW_PRIVATE=true when the old site is on your own network`);
      }
      throw error;
    }
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
