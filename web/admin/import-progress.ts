import type { ImportRunView as ImportRunDto } from "../../src/imports/imports.schemas.js";

type RunState = Pick<ImportRunDto, "status" | "progress">;

/** Percent of the file done, or undefined while the run has not yet counted the file's items. */
export function percentDone(run: RunState): number | undefined {
  if (run.status === "done") return 100;
  const total = run.progress.total;
  if (total === undefined) return undefined;
  if (total === 0) return 100;
  return Math.min(100, Math.round((run.progress.read / total) * 100));
}

/** What the progress bar says in words (also its aria-valuetext). */
export function progressText(run: RunState): string {
  const { read, total } = run.progress;
  if (run.status === "queued") return "Waiting to start";
  if (total === undefined) return "Checking the file…";
  return `${read.toLocaleString("en")} of ${total.toLocaleString("en")} items`;
}
