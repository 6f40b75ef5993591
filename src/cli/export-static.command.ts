import { parseArgs } from "node:util";
import { describeProblem, type SnapshotCheck } from "../snapshot/snapshot-manifest.js";
import type { StaticExportReport } from "../snapshot/static-export.service.js";

export const EXPORT_STATIC_USAGE = `export static <dir> [--edition CODE] [--since DATE]
                             Write a static copy of the reader site into <dir> (relative links;
                             works from any static host or a USB stick) with a signed manifest.
                             Run again to update it: only changed files are rewritten. Progress
                             on stderr; the last line of stdout is the JSON report
  verify-snapshot <dir> [--key BASE64]
                             Check a static copy against its manifest and the manifest's
                             signature (the data directory's key, or the public key given).
                             Exit 0 when it holds, 1 with the list of problems otherwise`;

/** A mistyped `gazette export static` or `verify-snapshot`: printed with the usage, exit 64. */
export class SnapshotArgsError extends Error {}

export interface ExportStaticCommand {
  dir: string;
  edition?: string;
  since?: Date;
}

export interface VerifySnapshotCommand {
  dir: string;
  /** The raw Ed25519 public key, base64; the data directory's key when absent. */
  key?: string;
}

function parse(args: string[], options: Record<string, { type: "string" }>) {
  try {
    return parseArgs({ args, strict: true, allowPositionals: true, options });
  } catch (error) {
    throw new SnapshotArgsError(error instanceof Error ? error.message : String(error));
  }
}

function folderOf(positionals: string[], command: string): string {
  const [dir, ...extra] = positionals;
  if (!dir || dir.trim() === "") throw new SnapshotArgsError(`${command} needs a folder`);
  if (extra.length > 0) throw new SnapshotArgsError(`${command} takes one folder, got also "${extra.join(" ")}"`);
  return dir;
}

/** Reads `gazette export static` arguments (after the word "export"). */
export function parseExportStaticArgs(args: string[]): ExportStaticCommand {
  const [what, ...rest] = args;
  if (what !== "static") {
    throw new SnapshotArgsError(`unknown export "${what ?? ""}" (try: export static <dir>)`);
  }
  const { values, positionals } = parse(rest, { edition: { type: "string" }, since: { type: "string" } });
  const dir = folderOf(positionals, "export static");
  const command: ExportStaticCommand = { dir };
  if (values.edition !== undefined) {
    const edition = values.edition.trim();
    if (!/^[a-z]{2,10}$/.test(edition)) {
      throw new SnapshotArgsError(`--edition needs an edition code such as en, got "${values.edition}"`);
    }
    command.edition = edition;
  }
  if (values.since !== undefined) {
    const text = values.since.trim();
    const since = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(text) ? new Date(text) : null;
    if (!since || Number.isNaN(since.getTime())) {
      throw new SnapshotArgsError(`--since needs a date such as 2026-03-01, got "${values.since}"`);
    }
    command.since = since;
  }
  return command;
}

/** Reads `gazette verify-snapshot` arguments. */
export function parseVerifySnapshotArgs(args: string[]): VerifySnapshotCommand {
  const { values, positionals } = parse(args, { key: { type: "string" } });
  const dir = folderOf(positionals, "verify-snapshot");
  if (values.key === undefined) return { dir };
  const key = values.key.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(key)) {
    throw new SnapshotArgsError("--key needs the 32-byte Ed25519 public key in base64 (44 characters)");
  }
  return { dir, key };
}

/**
 * Every edition's page and SVG of every map: maps are not in the sitemaps, so the snapshot is told
 * of them.
 */
export function mapPagesOf(editions: readonly { basePath: string }[], mapSlugs: readonly string[]): string[] {
  return editions.flatMap((edition) =>
    mapSlugs.flatMap((slug) => {
      const page = `${edition.basePath}maps/${encodeURIComponent(slug)}`;
      return [page, `${page}/preview.svg`];
    }),
  );
}

/** The lines the CLI prints after an export: the summary on stderr, the JSON report on stdout. */
export function describeExport(report: StaticExportReport): { summary: string; json: string } {
  const megabytes = (report.bytes / 1_048_576).toFixed(1);
  const failed =
    report.failed.length === 0
      ? ""
      : `\n${report.failed.length} address(es) did not render and are not in the copy:\n${report.failed
          .slice(0, 20)
          .map((item) => `  ${item.status} ${item.path}`)
          .join("\n")}`;
  return {
    summary: `snapshot: ${report.files} files, ${megabytes} MB in ${report.seconds.toFixed(1)} s: ${report.written} written, ${report.unchanged} unchanged, ${report.removed} removed.${failed}`,
    json: JSON.stringify(report),
  };
}

/** What `verify-snapshot` prints and its exit code: 0 when the copy holds, 1 otherwise. */
export function describeCheck(dir: string, check: SnapshotCheck): { lines: string[]; code: number } {
  if (check.problems.length === 0) {
    return { lines: [`${dir}: ${check.files} files match the manifest, and its signature verifies.`], code: 0 };
  }
  return {
    lines: [
      `${dir}: ${check.problems.length} problem(s):`,
      ...check.problems.map((problem) => `  ${describeProblem(problem)}`),
    ],
    code: 1,
  };
}
