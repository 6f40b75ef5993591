import { parseArgs } from "node:util";
import { ImportFormatError, type ImportReport, type ImportSource } from "../imports/import-item.types.js";
import { checkReadable, type OpenImportReader } from "../imports/import-runs.service.js";
import type { ImportOptions, ImportProgress, ImportsService } from "../imports/imports.service.js";

export const IMPORT_USAGE = `import wordpress|ghost|feed <file-or-url> --edition CODE [--media fetch|skip]
                             [--media-dir DIR] [--dry-run] [--overwrite]
                             [--language CODE] [--category NAME]
                             Bring an archive in: articles, bylines, sections, tags, images and
                             301s from the old addresses. Progress on stderr; the last line of
                             stdout is the JSON report. Exit 65 when the file is unreadable
                             (nothing is imported then). A multilingual site comes in one
                             edition per run: --language takes the items in that language
                             (WPML/Polylang), --category those filed under that category`;

const SOURCES: readonly ImportSource[] = ["wordpress", "ghost", "feed"];

/** A mistyped `gazette import`: the CLI prints it with the usage and exits 64. */
export class ImportArgsError extends Error {}

export interface ImportCommand {
  source: ImportSource;
  location: string;
  options: ImportOptions;
}

/** Reads `gazette import` arguments (after the word "import"). */
export function parseImportArgs(args: string[]): ImportCommand {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        edition: { type: "string" },
        media: { type: "string" },
        "media-dir": { type: "string" },
        "dry-run": { type: "boolean" },
        overwrite: { type: "boolean" },
        language: { type: "string" },
        category: { type: "string" },
      },
    });
  } catch (error) {
    throw new ImportArgsError(error instanceof Error ? error.message : String(error));
  }
  const [source, location, ...extra] = parsed.positionals;
  if (!source || !SOURCES.includes(source as ImportSource)) {
    throw new ImportArgsError(`import needs a source: ${SOURCES.join(", ")}${source ? `, got "${source}"` : ""}`);
  }
  if (!location) throw new ImportArgsError(`import ${source} needs a file name or URL`);
  if (extra.length > 0) throw new ImportArgsError(`import takes one file or URL, got also "${extra.join(" ")}"`);
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const edition = typeof values.edition === "string" ? values.edition.trim() : "";
  if (!edition) throw new ImportArgsError("--edition is required");
  const media = values.media ?? "fetch";
  if (media !== "fetch" && media !== "skip") throw new ImportArgsError(`--media must be fetch or skip, got "${media}"`);
  const mediaDir = typeof values["media-dir"] === "string" ? values["media-dir"].trim() : undefined;
  if (mediaDir === "") throw new ImportArgsError("--media-dir needs a folder");
  const language = typeof values.language === "string" ? values.language.trim() : undefined;
  if (language !== undefined && !/^[A-Za-z]{2,3}([-_][A-Za-z0-9]+)?$/.test(language)) {
    throw new ImportArgsError(`--language needs a language code such as uk or en, got "${values.language}"`);
  }
  const category = typeof values.category === "string" ? values.category.trim() : undefined;
  if (category === "") throw new ImportArgsError("--category needs a category name");
  const only = {
    ...(language ? { language: language.split(/[-_]/)[0] ?? language } : {}),
    ...(category ? { category } : {}),
  };
  return {
    source: source as ImportSource,
    location,
    options: {
      edition,
      media,
      ...(mediaDir ? { mediaDir } : {}),
      dryRun: values["dry-run"] === true,
      overwrite: values.overwrite === true,
      ...(language || category ? { only } : {}),
    },
  };
}

export interface ImportCommandDeps {
  engine: ImportsService;
  /** Has the server refresh the edition's cached pages once the import is in. */
  announceImported: (edition: string) => Promise<void>;
  openReader: OpenImportReader;
  editionExists: (code: string) => boolean;
  /** A line of stdout (the report). */
  out: (line: string) => void;
  /** Text for stderr (progress and errors). */
  err: (text: string) => void;
  /** Draw a progress bar (stderr is a terminal). */
  tty: boolean;
}

function bar(progress: ImportProgress, total: number): string {
  const width = 30;
  const done = total > 0 ? Math.min(width, Math.round((progress.read / total) * width)) : 0;
  return `\r[${"#".repeat(done)}${".".repeat(width - done)}] ${progress.read}/${total}  created ${progress.created}, updated ${progress.updated}, unchanged ${progress.unchanged}, skipped ${progress.skipped}, failed ${progress.failed}`;
}

/**
 * Runs an import and answers the exit code: 0, 65 for a file that cannot be read (checked in full
 * before anything is written, so a truncated export imports nothing), or 64 for an unknown edition.
 */
export async function executeImport(command: ImportCommand, deps: ImportCommandDeps): Promise<number> {
  if (!deps.editionExists(command.options.edition)) {
    throw new ImportArgsError(`there is no edition "${command.options.edition}"`);
  }
  let total: number;
  let report: ImportReport;
  try {
    total = await checkReadable(deps.openReader(command.source, command.location));
    let last = 0;
    const outcome = await deps.engine.run(
      deps.openReader(command.source, command.location),
      command.options,
      deps.tty
        ? (progress) => {
            // Redrawn at most every 1 % (and at the end), so a terminal is not flooded.
            const step = Math.max(1, Math.floor(total / 100));
            if (progress.read - last >= step || progress.read === total) {
              last = progress.read;
              deps.err(bar(progress, total));
            }
          }
        : undefined,
    );
    report = outcome.report;
    if (deps.tty) deps.err("\n");
    if (!command.options.dryRun) await deps.announceImported(command.options.edition);
  } catch (error) {
    if (error instanceof ImportFormatError) {
      deps.err(`gazette: ${command.location} cannot be imported: ${error.message}. Nothing was imported.\n`);
      return 65;
    }
    throw error;
  }
  deps.out(JSON.stringify(report));
  return 0;
}
