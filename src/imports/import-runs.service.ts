import fs from "node:fs/promises";
import { AppError } from "../errors.js";
import type { ChangeAuthor } from "../newsroom/articles.service.js";
import type { ImportRunRow } from "../platform/db/schema.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import { ImportFormatError, type ImportReader, type ImportReport, type ImportSource } from "./import-item.types.js";
import type { ImportsRepository } from "./imports.repository.js";
import type { ImportProgress, ImportSample, ImportsService, MediaMode } from "./imports.service.js";

/** Opens a reader over a file (or, for feeds, a URL); the readers capability provides the real one. */
export type OpenImportReader = (source: ImportSource, location: string) => ImportReader;

declare module "../platform/jobs/job-queue.js" {
  interface JobPayloads {
    "imports.run": { runId: number };
    /** Refreshes an edition's cached pages after an import made elsewhere (the CLI). */
    "imports.pages-changed": { edition: string };
  }
}

export interface ImportRunOptions {
  media: MediaMode;
  dryRun: boolean;
  overwrite: boolean;
  /** Only the items in this language or category (a multilingual site, one edition per run). */
  language?: string;
  category?: string;
}

export interface ImportRunDto {
  id: number;
  source: ImportSource;
  edition: string;
  status: ImportRunRow["status"];
  options: ImportRunOptions;
  /** `total` is the number of items in the file, known once the file has been read through. */
  progress: ImportProgress & { total?: number };
  report: ImportReport | null;
  samples: ImportSample[];
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const EMPTY_PROGRESS: ImportProgress = { read: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
/** Progress is written at most this often, so a 10 000-story import does not write 10 000 times. */
const PROGRESS_EVERY = 25;

function toDto(row: ImportRunRow): ImportRunDto {
  const progress = JSON.parse(row.progress) as ImportProgress & { samples?: ImportSample[] };
  const { samples = [], ...counts } = progress;
  return {
    id: row.id,
    source: row.source as ImportSource,
    edition: row.edition_code,
    status: row.status,
    options: JSON.parse(row.options) as ImportRunOptions,
    progress: counts,
    report: row.report ? (JSON.parse(row.report) as ImportReport) : null,
    samples,
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** Reads a whole file once without importing: a bad file then fails before anything is written. */
export async function checkReadable(reader: ImportReader): Promise<number> {
  let entries = 0;
  for await (const _entry of reader.entries()) entries++;
  return entries;
}

/**
 * Imports started from the admin API: each is a row and a durable job. A crash mid-import leaves
 * the job to run again, and the engine's idempotency makes the second run finish the first.
 */
export class ImportRunsService {
  constructor(
    private readonly repository: ImportsRepository,
    private readonly imports: ImportsService,
    private readonly jobs: JobQueue,
    private readonly openReader: OpenImportReader,
    private readonly now: () => Date = () => new Date(),
  ) {
    jobs.register("imports.run", async ({ runId }) => this.execute(runId));
    jobs.register("imports.pages-changed", async ({ edition }) => {
      for (const listener of this.listeners) listener(edition);
    });
  }

  private readonly listeners: ((edition: string) => void)[] = [];

  /** Told, in the worker, when an import changed an edition's pages (app.ts purges them). */
  onPagesChanged(listener: (edition: string) => void): void {
    this.listeners.push(listener);
  }

  /**
   * After an import run by another process (the CLI): the server's worker purges the edition's
   * cached pages. The embedded server keeps pages until they are purged, and the CLI's own purges
   * reach only its own, empty, cache.
   */
  async announceImported(edition: string): Promise<void> {
    await this.jobs.enqueue("imports.pages-changed", { edition }, { dedupeKey: `import-pages:${edition}` });
  }

  async start(input: {
    source: ImportSource;
    edition: string;
    filePath: string;
    options: ImportRunOptions;
    by?: ChangeAuthor & { staffId: number | null };
  }): Promise<ImportRunDto> {
    const row = await this.repository.insertRun({
      source: input.source,
      edition_code: input.edition,
      options: JSON.stringify(input.options),
      status: "queued",
      progress: JSON.stringify(EMPTY_PROGRESS),
      report: null,
      error: null,
      file_path: input.filePath,
      created_by: input.by?.staffId ?? null,
      created_at: this.now().toISOString(),
      started_at: null,
      finished_at: null,
    });
    await this.jobs.enqueue("imports.run", { runId: row.id }, { dedupeKey: `import:${row.id}` });
    return toDto(row);
  }

  async get(id: number): Promise<ImportRunDto> {
    const row = await this.repository.findRun(id);
    if (!row) throw new AppError("not_found", `There is no import ${id}.`);
    return toDto(row);
  }

  async list(limit = 50): Promise<ImportRunDto[]> {
    return (await this.repository.listRuns(limit)).map(toDto);
  }

  /** The job: a finished run is left alone; a queued or interrupted one runs (again) from the start. */
  async execute(runId: number): Promise<void> {
    const run = await this.repository.findRun(runId);
    if (!run || run.status === "done" || run.status === "failed") return;
    const options = JSON.parse(run.options) as ImportRunOptions;
    const source = run.source as ImportSource;
    const filePath = run.file_path;
    await this.repository.updateRun(runId, {
      status: "running",
      started_at: run.started_at ?? this.now().toISOString(),
    });
    try {
      if (!filePath) throw new AppError("invalid_state", "The import's file is gone.");
      const total = await checkReadable(this.openReader(source, filePath));
      await this.repository.updateRun(runId, { progress: JSON.stringify({ ...EMPTY_PROGRESS, total }) });
      let seen = 0;
      const outcome = await this.imports.run(
        this.openReader(source, filePath),
        {
          edition: run.edition_code,
          media: options.media,
          dryRun: options.dryRun,
          overwrite: options.overwrite,
          ...(options.language || options.category
            ? {
                only: {
                  ...(options.language ? { language: options.language } : {}),
                  ...(options.category ? { category: options.category } : {}),
                },
              }
            : {}),
          runId,
        },
        async (progress) => {
          if (++seen % PROGRESS_EVERY === 0)
            await this.repository.updateRun(runId, { progress: JSON.stringify({ ...progress, total }) });
        },
      );
      const { report, samples } = outcome;
      const progress: ImportProgress & { total: number } = {
        total,
        read: report.created + report.updated + report.unchanged + report.skipped + report.failed,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        skipped: report.skipped,
        failed: report.failed,
      };
      await this.repository.updateRun(runId, {
        status: "done",
        progress: JSON.stringify({ ...progress, samples }),
        report: JSON.stringify(report),
        finished_at: this.now().toISOString(),
      });
    } catch (error) {
      // A bad file or a missing edition will not get better by retrying: the run fails with the reason.
      const message = error instanceof ImportFormatError || error instanceof Error ? error.message : String(error);
      await this.repository.updateRun(runId, {
        status: "failed",
        error: message,
        finished_at: this.now().toISOString(),
      });
    }
    if (filePath) await fs.rm(filePath, { force: true });
  }
}
