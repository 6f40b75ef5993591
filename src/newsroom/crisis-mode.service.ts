import { AppError } from "../errors.js";
import type { CrisisModeRow } from "../platform/db/schema.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import type { CrisisModeRepository } from "./crisis-mode.repository.js";
import { surrogateKey } from "./surrogate-keys.js";

declare module "../platform/jobs/job-queue.js" {
  interface JobPayloads {
    /** Ends an edition's crisis mode at `until`, if that run is still the current one. */
    "crisis.end": { edition: string; until: string };
    /** Tells the processes serving pages that the mode changed elsewhere (the CLI). */
    "crisis.sync": { edition: string };
  }
}

/** An edition's crisis mode as the newsroom sees it. */
export interface CrisisModeState {
  edition: string;
  on: boolean;
  /** When it ends by itself; null while it runs until switched off (or when it is off). */
  until: string | null;
  changedAt: string | null;
  changedBy: string | null;
}

/** What a reader page needs to know: the mode is on, and until when (null: until switched off). */
export interface ActiveCrisis {
  until: string | null;
}

export interface SwitchOnInput {
  until?: string | null;
  by: string;
}

/**
 * Crisis mode per edition: while on, the front page is the lite layout with the newest live blog
 * pinned, reader pages are cached longer and carry no heavy modules (see the site).
 *
 * Reader requests ask `active()` on every response, cache hits included, so the state is held in
 * memory: loaded at boot, updated by this process's switches, and re-read when `crisis:{edition}`
 * is purged by another process (the page cache relays purges in scaled mode). An end at `until`
 * is a durable job; `active()` also stops answering "on" past `until` by itself, so a process
 * whose queue is late or down still serves the normal site on time, and starts the end itself.
 */
export class CrisisModeService {
  private readonly rows = new Map<string, CrisisModeRow>();
  private readonly listeners: ((keys: string[]) => void)[] = [];
  private readonly endsInFlight = new Set<string>();

  constructor(
    private readonly repository: CrisisModeRepository,
    private readonly jobs: Pick<JobQueue, "enqueue" | "register"> | null,
    private readonly now: () => Date = () => new Date(),
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    jobs?.register("crisis.end", ({ edition, until }) => this.endAt(edition, until));
    jobs?.register("crisis.sync", ({ edition }) => this.sync(edition));
  }

  /** Told the surrogate keys to purge whenever an edition's mode changes. */
  onChange(listener: (keys: string[]) => void): void {
    this.listeners.push(listener);
  }

  /** Reads every edition's mode; at boot, before the first request. */
  async load(): Promise<void> {
    this.rows.clear();
    for (const row of await this.repository.list()) this.rows.set(row.edition_code, row);
  }

  /** Re-reads one edition's mode (another process changed it). */
  async reload(edition: string): Promise<void> {
    const row = await this.repository.find(edition);
    if (row) this.rows.set(edition, row);
    else this.rows.delete(edition);
  }

  /** The mode readers get now, or null when it is off or past its end. Never touches the database. */
  active(edition: string): ActiveCrisis | null {
    const row = this.rows.get(edition);
    if (row?.enabled !== 1) return null;
    if (row.until !== null && Date.parse(row.until) <= this.now().getTime()) {
      this.startEnd(edition, row.until);
      return null;
    }
    return { until: row.until };
  }

  /** The stored mode, read fresh (the newsroom and the CLI show it). */
  async status(edition: string): Promise<CrisisModeState> {
    const row = await this.repository.find(edition);
    const on = row?.enabled === 1 && (row.until === null || Date.parse(row.until) > this.now().getTime());
    return {
      edition,
      on,
      until: on ? (row?.until ?? null) : null,
      changedAt: row?.changed_at ?? null,
      changedBy: row?.changed_by ?? null,
    };
  }

  async switchOn(edition: string, input: SwitchOnInput): Promise<CrisisModeState> {
    const now = this.now();
    const until = this.parseUntil(input.until ?? null, now);
    const row: CrisisModeRow = {
      edition_code: edition,
      enabled: 1,
      until,
      changed_at: now.toISOString(),
      changed_by: input.by,
    };
    await this.repository.save(row);
    this.rows.set(edition, row);
    // Queued after the write: a job that runs first finds nothing to end and ends nothing.
    if (until)
      await this.jobs?.enqueue(
        "crisis.end",
        { edition, until },
        { runAt: new Date(until), dedupeKey: `crisis.end:${edition}:${until}` },
      );
    this.emit(edition);
    return this.status(edition);
  }

  async switchOff(edition: string, by: string): Promise<CrisisModeState> {
    const row: CrisisModeRow = {
      edition_code: edition,
      enabled: 0,
      until: null,
      changed_at: this.now().toISOString(),
      changed_by: by,
    };
    await this.repository.save(row);
    this.rows.set(edition, row);
    this.emit(edition);
    return this.status(edition);
  }

  /**
   * Asks the processes that serve pages to re-read the mode and purge: for a switch made outside
   * them (the CLI), whose own page cache no reader sees. Runs as a durable job in the worker.
   */
  async announce(edition: string): Promise<void> {
    await this.jobs?.enqueue("crisis.sync", { edition });
  }

  /**
   * Ends the run that was to end at `until`. Idempotent: a second run, or one after the mode was
   * switched again, updates nothing; it re-reads and purges anyway, so a crash between the update
   * and the purge is repaired by the retry.
   */
  async endAt(edition: string, until: string): Promise<void> {
    if (Date.parse(until) > this.now().getTime()) return;
    await this.repository.endIfUntil(edition, until, this.now().toISOString());
    await this.sync(edition);
  }

  private async sync(edition: string): Promise<void> {
    await this.reload(edition);
    this.emit(edition);
  }

  private startEnd(edition: string, until: string): void {
    const key = `${edition}:${until}`;
    if (this.endsInFlight.has(key)) return;
    this.endsInFlight.add(key);
    this.endAt(edition, until)
      .catch(this.onError)
      .finally(() => this.endsInFlight.delete(key));
  }

  private parseUntil(value: string | null, now: Date): string | null {
    if (value === null || value.trim() === "") return null;
    const at = Date.parse(value);
    if (Number.isNaN(at) || !/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) {
      throw new AppError("validation_failed", "The end must be an ISO date and time, e.g. 2026-12-07T06:00:00Z.", {
        field: "until",
      });
    }
    if (at <= now.getTime()) throw new AppError("validation_failed", "The end is in the past.", { field: "until" });
    return new Date(at).toISOString();
  }

  private emit(edition: string): void {
    // Every page of the edition carries settings:{edition}: the front page changes layout, and
    // every page changes its Cache-Control and loses or regains its heavy modules.
    const keys = [surrogateKey.settings(edition), surrogateKey.crisis(edition)];
    for (const listener of this.listeners) listener(keys);
  }
}
