import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

export interface DownloadOptions {
  /** The download stops, and fails, past this many bytes. */
  maxBytes: number;
  /** Default 60 s for the whole transfer. */
  timeoutMs?: number;
  /** For tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

export interface DownloadedFile {
  filePath: string;
  /** The address after redirects, to resolve the feed's relative links against when it has none. */
  url: string;
  contentType: string | null;
  /** Deletes the temporary file; safe to call more than once. */
  remove(): Promise<void>;
}

/** A feed address that could not be fetched: the CLI says why and imports nothing. */
export class ImportDownloadError extends Error {
  readonly code = "import_download_failed";
  constructor(message: string) {
    super(message);
    this.name = "ImportDownloadError";
  }
}

function byteCap(maxBytes: number, url: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(new ImportDownloadError(`${url} is larger than ${maxBytes} bytes`));
      else callback(null, chunk);
    },
  });
}

/**
 * Streams a feed from the web into a temporary file, so the readers can read it (twice) from disk
 * like any export. Only http and https addresses are fetched; the size is capped while streaming,
 * whatever the server announces.
 */
export async function downloadToTempFile(address: string, options: DownloadOptions): Promise<DownloadedFile> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new ImportDownloadError(`"${address}" is not a web address`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ImportDownloadError(`Only http and https addresses can be imported, not ${url.protocol}`);
  }
  const fetchImpl = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      redirect: "follow",
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
      headers: {
        accept: "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
        "user-agent": "Gazette-Importer/1.0",
      },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportDownloadError(`${url.href} could not be fetched: ${reason}`);
  }
  if (!response.ok || response.body === null) {
    await response.body?.cancel();
    throw new ImportDownloadError(`${url.href} answered ${response.status} ${response.statusText}`.trim());
  }
  const announced = Number(response.headers.get("content-length"));
  if (Number.isFinite(announced) && announced > options.maxBytes) {
    await response.body.cancel();
    throw new ImportDownloadError(`${url.href} is larger than ${options.maxBytes} bytes`);
  }

  const dir = await mkdtemp(join(tmpdir(), "gazette-import-"));
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
  const filePath = join(dir, "download");
  try {
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      byteCap(options.maxBytes, url.href),
      createWriteStream(filePath),
    );
  } catch (error) {
    await remove();
    if (error instanceof ImportDownloadError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportDownloadError(`${url.href} could not be downloaded: ${reason}`);
  }
  return { filePath, url: response.url || url.href, contentType: response.headers.get("content-type"), remove };
}
