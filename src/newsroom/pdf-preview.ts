import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** pdftoppm on a hostile PDF could spin; a first page that takes longer is not worth waiting for. */
const TOOL_TIMEOUT_MS = 15_000;

function run(command: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: TOOL_TIMEOUT_MS, maxBuffer: 1024 * 1024 }, (error, stdout) =>
      resolve(error ? undefined : stdout),
    );
  });
}

/**
 * Counts page objects in the raw bytes, for when pdfinfo is not installed: right for the simple
 * PDFs most offices write, and only a label on the card when it is not.
 */
export function countPdfPages(pdf: Buffer): number | null {
  const matches = pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g);
  return matches ? matches.length : null;
}

export interface PdfPreview {
  pageCount: number | null;
  /** The first page as a JPEG 640 px wide; undefined when poppler-utils is missing or the PDF is unreadable. */
  firstPage: Buffer | undefined;
}

/**
 * Reads a PDF's page count and draws its first page with Poppler's pdfinfo and pdftoppm (Debian's
 * poppler-utils), in a child process with a timeout, so a broken file costs a card its thumbnail
 * and never the upload.
 */
export async function previewPdf(
  pdf: Buffer,
  /** The Poppler commands; tests name missing ones to check the upload still succeeds. */
  tools = { pdfinfo: "pdfinfo", pdftoppm: "pdftoppm" },
): Promise<PdfPreview> {
  const dir = await mkdtemp(path.join(tmpdir(), "gazette-pdf-"));
  try {
    const input = path.join(dir, "in.pdf");
    await writeFile(input, pdf);
    const info = await run(tools.pdfinfo, [input]);
    const pages = info?.match(/^Pages:\s+(\d+)/m)?.[1];
    const output = path.join(dir, "page");
    const args = ["-f", "1", "-l", "1", "-scale-to-x", "640", "-scale-to-y", "-1", "-jpeg", "-singlefile"];
    const drawn = await run(tools.pdftoppm, [...args, input, output]);
    const firstPage = drawn === undefined ? undefined : await readFile(`${output}.jpg`).catch(() => undefined);
    return { pageCount: pages ? Number(pages) : countPdfPages(pdf), firstPage };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
