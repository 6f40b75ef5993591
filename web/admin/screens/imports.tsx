/**
 * Bringing an archive in from WordPress, Ghost or a feed: upload the export, preview what a run
 * would do (a dry run), run it with a live progress bar, read the report, see past runs.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { canImport } from "../../../src/imports/imports.policy.js";
import type { ImportRunView as ImportRunDto } from "../../../src/imports/imports.schemas.js";
import { ApiError, api, upload } from "../api.js";
import { type Column, DataTable } from "../data-table.js";
import { percentDone, progressText } from "../import-progress.js";
import { useSession } from "../session.js";
import {
  Checkbox,
  EditionField,
  ErrorMessage,
  formatDateTime,
  PageHeader,
  SelectField,
  TextField,
  useAsync,
} from "../ui.js";

type Source = ImportRunDto["source"];

const SOURCE_OPTIONS: { value: Source; label: string }[] = [
  { value: "wordpress", label: "WordPress (WXR export)" },
  { value: "ghost", label: "Ghost (JSON export)" },
  { value: "feed", label: "RSS or Atom feed" },
];

const MEDIA_OPTIONS = [
  { value: "fetch", label: "Download images from the old site" },
  { value: "skip", label: "Skip images" },
];

/** How often a running import is asked for its progress. */
const POLL_MS = 1500;

const STATUS_TEXT: Record<ImportRunDto["status"], string> = {
  queued: "Waiting to start",
  running: "Running",
  done: "Finished",
  failed: "Failed",
};

function ProgressBar({ label, percent, text }: { label: string; percent: number | undefined; text: string }) {
  return (
    <div class="progress">
      <span id="import-progress-label">{label}</span>
      <div
        class="progress__track"
        role="progressbar"
        aria-labelledby="import-progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
      >
        <div class="progress__fill" style={{ width: `${percent ?? 0}%` }} />
      </div>
      <span class="muted">{text}</span>
    </div>
  );
}

function RunReport({ run }: { run: ImportRunDto }) {
  const report = run.report;
  if (run.status === "failed") {
    return (
      <div class="message message--error" role="alert">
        <p>
          <strong>The import failed and nothing was imported.</strong> {run.error}
        </p>
      </div>
    );
  }
  if (!report) return null;
  return (
    <div>
      <h3>{run.options.dryRun ? "What an import would do" : "Report"}</h3>
      <table class="table">
        <caption class="visually-hidden">Counts</caption>
        <tbody>
          {(
            [
              [run.options.dryRun ? "Would create" : "Created", report.created],
              [run.options.dryRun ? "Would update" : "Updated", report.updated],
              ["Unchanged", report.unchanged],
              ["Skipped", report.skipped],
              ["Failed", report.failed],
              ["Redirects", report.redirects],
              ["Images imported", report.media.imported],
              ["Images missing", report.media.missing],
            ] as const
          ).map(([label, count]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{count.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {run.samples.length > 0 && (
        <>
          <h4>Sample stories</h4>
          <ul>
            {run.samples.map((sample) => (
              <li key={sample.sourceId}>
                {sample.title}{" "}
                <span class="muted">
                  ({sample.action}, {sample.status})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {report.warnings.length > 0 && (
        <>
          <h4>Warnings ({report.warnings.length})</h4>
          <ul>
            {report.warnings.map((warning, index) => (
              // Warnings may repeat word for word, so their place in the list tells them apart.
              <li key={`${index}:${warning}`}>{warning}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** Follows one run until it ends, asking for its state every POLL_MS. */
function useRun(id: number | null, onEnd: () => void) {
  const [run, setRun] = useState<ImportRunDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const ended = useRef(onEnd);
  ended.current = onEnd;
  useEffect(() => {
    if (id === null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await api.get<ImportRunDto>(`/imports/${id}`);
        if (stopped) return;
        setRun(next);
        setError(null);
        if (next.status === "done" || next.status === "failed") {
          ended.current();
          return;
        }
      } catch (err) {
        if (stopped) return;
        setError(err);
        if (err instanceof ApiError && (err.status === 404 || err.status === 403)) return;
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [id]);
  return { run, error };
}

function ImportForm({ onStarted }: { onStarted: (id: number) => void }) {
  const { editions } = useSession();
  const [source, setSource] = useState<Source>("wordpress");
  const [edition, setEdition] = useState(editions[0]?.code ?? "");
  const [media, setMedia] = useState("fetch");
  const [overwrite, setOverwrite] = useState(false);
  const [language, setLanguage] = useState("");
  const [category, setCategory] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const start = async (dryRun: boolean) => {
    if (!file) {
      setError(new Error("Choose the export file first."));
      return;
    }
    setError(null);
    setSent(0);
    // The API reads the fields before the file, so the file goes last.
    const form = new FormData();
    form.append("source", source);
    form.append("edition", edition);
    form.append("media", media);
    form.append("dryRun", String(dryRun));
    form.append("overwrite", String(overwrite));
    if (language.trim()) form.append("language", language.trim());
    if (category.trim()) form.append("category", category.trim());
    form.append("file", file);
    try {
      const { id } = await upload<{ id: number }>("/imports", form, setSent);
      onStarted(id);
    } catch (err) {
      setError(err);
    } finally {
      setSent(null);
    }
  };

  const busy = sent !== null;
  return (
    <section class="panel" aria-labelledby="import-form-heading">
      <h2 id="import-form-heading">Import an archive</h2>
      <form class="form" onSubmit={(event) => event.preventDefault()}>
        <ErrorMessage error={error} />
        <SelectField label="Source" value={source} options={SOURCE_OPTIONS} onValue={(v) => setSource(v as Source)} />
        <EditionField value={edition} onValue={setEdition} hint="Every story in the file goes to this edition." />
        <SelectField label="Images" value={media} options={MEDIA_OPTIONS} onValue={setMedia} />
        <Checkbox
          label="Overwrite stories edited here since the last import"
          checked={overwrite}
          onChecked={setOverwrite}
        />
        <details>
          <summary>A multilingual site (one edition per run)</summary>
          <TextField
            label="Only this language"
            hint="A WPML/Polylang or feed language code, e.g. uk or en."
            value={language}
            onValue={setLanguage}
            maxLength={3}
          />
          <TextField
            label="Only this category"
            hint="The category that marks this edition's stories."
            value={category}
            onValue={setCategory}
            maxLength={200}
          />
        </details>
        <div class="field">
          <label for="import-file">Export file</label>
          <input
            id="import-file"
            type="file"
            accept=".xml,.json,.rss,.atom,application/xml,text/xml,application/json"
            onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
          />
        </div>
        {busy && (
          <div class="progress">
            <label for="import-upload">Uploading… {Math.round((sent ?? 0) * 100)}%</label>
            <progress id="import-upload" max={1} value={sent ?? 0} />
          </div>
        )}
        <div class="form__actions">
          <button type="button" class="button" disabled={busy} onClick={() => void start(true)}>
            Preview (dry run)
          </button>
          <button type="button" class="button button--primary" disabled={busy} onClick={() => void start(false)}>
            Import
          </button>
        </div>
      </form>
    </section>
  );
}

function CurrentRun({ id, onEnd }: { id: number; onEnd: () => void }) {
  const { run, error } = useRun(id, onEnd);
  if (!run) return <ErrorMessage error={error} />;
  const percent = percentDone(run);
  const text = progressText(run);
  return (
    <section class="panel" aria-labelledby="import-run-heading" aria-live="polite">
      <h2 id="import-run-heading">
        {run.options.dryRun ? "Preview" : "Import"} #{run.id}: {STATUS_TEXT[run.status]}
      </h2>
      <ErrorMessage error={error} />
      {(run.status === "queued" || run.status === "running") && (
        <ProgressBar label="Import progress" percent={percent} text={text} />
      )}
      <RunReport run={run} />
    </section>
  );
}

const RUN_COLUMNS: readonly Column<ImportRunDto>[] = [
  { header: "Started", cell: (run) => <span class="nowrap">{formatDateTime(run.createdAt)}</span> },
  { header: "Source", cell: (run) => run.source },
  { header: "Edition", cell: (run) => run.edition },
  { header: "Kind", cell: (run) => (run.options.dryRun ? "Preview" : "Import") },
  { header: "Status", cell: (run) => STATUS_TEXT[run.status] },
  {
    header: "Result",
    cell: (run) =>
      run.report
        ? `${run.report.created} created, ${run.report.updated} updated, ${run.report.skipped + run.report.failed} not imported`
        : (run.error ?? "—"),
  },
  {
    header: "Details",
    hiddenHeader: true,
    cell: (run) => <a href={`/admin/imports?run=${run.id}`}>Details</a>,
  },
];

/** The imports screen: the form, the run being followed, and past runs. */
export function ImportsScreen({ run: selected }: { run?: number }) {
  const { staff } = useSession();
  const allowed = canImport(staff, "runImports");
  const [current, setCurrent] = useState<number | null>(selected ?? null);
  useEffect(() => setCurrent(selected ?? null), [selected]);
  const runs = useAsync(
    () => (allowed ? api.get<{ items: ImportRunDto[] }>("/imports") : Promise.resolve({ items: [] })),
    [allowed],
  );
  if (!allowed) {
    return (
      <>
        <PageHeader title="Imports" />
        <p>Only editors, admins and owners may import archives.</p>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Imports">
        <a class="button" href="/admin/redirects">
          Old-site redirects
        </a>
      </PageHeader>
      <p>
        Bring stories in from a WordPress export (Tools → Export), a Ghost export (Settings → Labs → Export) or an RSS
        or Atom feed. Preview first: a dry run reads the whole file and says what it would do without changing anything.
        Running the same file again creates nothing twice.
      </p>
      <ImportForm onStarted={(id) => setCurrent(id)} />
      {current !== null && <CurrentRun key={current} id={current} onEnd={runs.reload} />}
      <h2>Past imports</h2>
      <DataTable
        what="imports"
        caption="Past imports"
        hiddenCaption
        columns={RUN_COLUMNS}
        rows={runs.data?.items}
        rowKey={(run) => run.id}
        empty="No imports yet."
        loading={runs.loading}
        error={runs.error}
      />
    </>
  );
}
