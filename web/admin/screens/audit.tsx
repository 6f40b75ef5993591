import { useState } from "preact/hooks";
import { AUDIT_LOG_ACTIONS, type AuditEntry, type AuditPage } from "../../../src/audit/audit.schemas.js";
import { query } from "../api.js";
import { actionLabel, actorLabel, detailOf } from "../audit-log.js";
import { useCursorList } from "../cursor-list.js";
import { type Column, DataTable } from "../data-table.js";
import { formatDateTime, PageHeader, SelectField, TextField } from "../ui.js";

const AUDIT_COLUMNS: Column<AuditEntry>[] = [
  { header: "When", cell: (entry) => formatDateTime(entry.occurredAt) },
  { header: "Who", cell: (entry) => actorLabel(entry.actor) },
  { header: "Action", cell: (entry) => actionLabel(entry.action) },
  {
    header: "Article",
    cell: (entry) => <a href={`/admin/articles/${entry.subject.id}`}>{entry.subject.title}</a>,
  },
  { header: "Details", cell: detailOf },
];

interface Filters {
  actor: string;
  action: string;
  article: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { actor: "", action: "", article: "", from: "", to: "" };

/** Who did what to which story, for owners; filters, and the same filters as a CSV download. */
export function AuditScreen() {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const { page, items, error, showMore } = useCursorList<AuditEntry, AuditPage>("/audit", { ...filters });
  const set = (key: keyof Filters) => (value: string) => setDraft((current) => ({ ...current, [key]: value }));
  const actors = page.data?.actors ?? [];
  return (
    <>
      <PageHeader title="Audit log">
        <a href={`/admin/api/audit.csv${query({ ...filters })}`} download="audit-log.csv">
          Download CSV
        </a>
      </PageHeader>
      <form
        class="toolbar"
        aria-label="Filter the audit log"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters({ ...draft, article: draft.article.trim() });
        }}
      >
        <SelectField
          label="Who"
          value={draft.actor}
          onValue={set("actor")}
          options={[{ value: "", label: "Everyone" }, ...actors.map((name) => ({ value: name, label: name }))]}
        />
        <SelectField
          label="Action"
          value={draft.action}
          onValue={set("action")}
          options={[
            { value: "", label: "Any action" },
            ...AUDIT_LOG_ACTIONS.map((action) => ({ value: action, label: actionLabel(action) })),
          ]}
        />
        <TextField label="Article number" inputMode="numeric" value={draft.article} onValue={set("article")} />
        <TextField label="From" type="date" value={draft.from} onValue={set("from")} />
        <TextField label="To" type="date" value={draft.to} onValue={set("to")} />
        <button type="submit">Filter</button>
      </form>
      <DataTable
        what="audit log entries"
        columns={AUDIT_COLUMNS}
        rows={page.data ? items : undefined}
        rowKey={(entry) => entry.id}
        empty="Nothing in the log matches these filters."
        loading={page.loading}
        error={error}
      />
      {showMore}
    </>
  );
}
