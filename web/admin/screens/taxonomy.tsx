/** Sections, tags and people (bylines) of an edition: list, add, rename, delete. */
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, api, query } from "../api.js";
import { DataTable } from "../data-table.js";
import { canManageNewsroom } from "../permissions.js";
import { useSession } from "../session.js";
import type { Term, TermKind } from "../types.js";
import {
  Dialog,
  EditionField,
  ErrorMessage,
  PageHeader,
  removeItem,
  replaceItem,
  StatusMessage,
  SubmitButton,
  TextField,
  useAction,
  useAsync,
} from "../ui.js";
import { ProfileForm } from "./profile-form.js";

const NOUNS: Record<TermKind, { title: string; one: string; gone: string }> = {
  sections: {
    title: "Sections",
    one: "section",
    gone: "Its page goes away. A section still used by articles cannot be deleted: move them first.",
  },
  tags: { title: "Tags", one: "tag", gone: "Its page goes away and articles no longer show it." },
  people: { title: "People", one: "person", gone: "Their author page goes away and bylines no longer name them." },
};

/** What to tell the person when a delete fails: a 409 means articles still use the term. */
export function deleteProblem(error: unknown, kind: TermKind, name: string): string | null {
  if (!error) return null;
  if (error instanceof ApiError && error.status === 409) {
    return `“${name}” was not deleted. ${error.message}`;
  }
  if (error instanceof ApiError && error.status === 404) {
    return `“${name}” is no longer there: someone else may have deleted this ${NOUNS[kind].one}.`;
  }
  return null;
}

/** Asks before deleting a term, and shows the API's answer when it refuses. */
function DeleteDialog({
  term,
  kind,
  onClose,
  onDeleted,
}: {
  term: Term | null;
  kind: TermKind;
  onClose: () => void;
  onDeleted: (term: Term) => void;
}) {
  const { busy, error, setError, run } = useAction();
  // A new question starts without the last one's answer.
  useEffect(() => setError(null), [term]);
  const noun = NOUNS[kind];
  const target = term;
  const remove = async () => {
    if (!target) return;
    const done = await run(async () => {
      await api.delete(`/${kind}/${target.id}`);
      return true;
    });
    if (done) onDeleted(target);
  };
  const explained = target ? deleteProblem(error, kind, target.name) : null;
  return (
    <Dialog open={term !== null} title={`Delete the ${noun.one}?`} onClose={onClose}>
      {target && (
        <div class="form">
          <p>
            Delete “<strong>{target.name}</strong>” (<code>{target.slug}</code>)? {noun.gone} This cannot be undone.
          </p>
          {explained ? (
            <div class="message message--error" role="alert">
              <p>{explained}</p>
            </div>
          ) : (
            <ErrorMessage error={error} />
          )}
          <div class="form__actions">
            <button type="button" class="button button--danger" disabled={busy} onClick={remove}>
              Delete “{target.name}”
            </button>
            <button type="button" class="button" onClick={onClose}>
              Keep it
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

function TermRow({
  term,
  kind,
  canEdit,
  onSaved,
  onDelete,
}: {
  term: Term;
  kind: TermKind;
  canEdit: boolean;
  onSaved: (t: Term) => void;
  onDelete: (t: Term) => void;
}) {
  const [editing, setEditing] = useState(false);
  const staff = kind === "people" && term.staffId != null;
  const [name, setName] = useState(term.name);
  const [role, setRole] = useState(term.role ?? "");
  const { busy, error, run } = useAction();
  const save = async (event: Event) => {
    event.preventDefault();
    // A staff member's name comes from their profile; only the role is the edition's.
    const body = staff
      ? { role: role.trim() || null }
      : kind === "people"
        ? { name: name.trim(), role: role.trim() || null }
        : { name: name.trim() };
    const saved = await run(() => api.patch<Term>(`/${kind}/${term.id}`, body));
    if (saved) {
      onSaved(saved);
      setEditing(false);
    }
  };
  if (editing) {
    return (
      <tr>
        <td colSpan={kind === "people" ? 4 : 3}>
          <form class="inline-form" onSubmit={save} aria-label={`${staff ? "Edit" : "Rename"} ${term.name}`}>
            <ErrorMessage error={error} />
            {!staff && <TextField label="Name" required maxLength={200} value={name} onValue={setName} autoFocus />}
            {kind === "people" && <TextField label="Role" maxLength={200} value={role} onValue={setRole} />}
            <div class="form__actions">
              <button class="button button--primary" type="submit" disabled={busy}>
                Save
              </button>
              <button
                class="button"
                type="button"
                onClick={() => {
                  setEditing(false);
                  setName(term.name);
                  setRole(term.role ?? "");
                }}
              >
                Cancel
              </button>
            </div>
          </form>
          {staff && term.staffId != null && (
            <ProfileForm staffId={term.staffId} heading={`${term.name}'s profile (all editions)`} />
          )}
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <td>
        {term.name}
        {staff && (
          <>
            {" "}
            <span class="badge" title="A staff member: the name and bio come from their profile">
              Staff
            </span>
          </>
        )}
      </td>
      <td>
        <code>{term.slug}</code>
      </td>
      {kind === "people" && <td>{term.role ?? ""}</td>}
      <td>
        {canEdit && (
          <span class="inline-actions">
            <button class="button button--small" type="button" onClick={() => setEditing(true)}>
              {staff ? "Edit profile" : "Rename"}
              <span class="visually-hidden"> {term.name}</span>
            </button>
            {!staff && (
              <button
                class="button button--small button--danger"
                type="button"
                data-term-id={term.id}
                onClick={() => onDelete(term)}
              >
                Delete<span class="visually-hidden"> {term.name}</span>
              </button>
            )}
          </span>
        )}
      </td>
    </tr>
  );
}

export function TaxonomyScreen({ kind }: { kind: TermKind }) {
  const { staff, editions } = useSession();
  const [edition, setEdition] = useState(editions[0]?.code ?? "");
  const list = useAsync(() => api.get<{ items: Term[] }>(`/${kind}${query({ edition })}`), [kind, edition]);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [role, setRole] = useState("");
  const [added, setAdded] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Term | null>(null);
  const [deleted, setDeleted] = useState<string | null>(null);
  const deletedNote = useRef<HTMLDivElement>(null);
  useEffect(() => setDeleted(null), [kind]);
  useEffect(() => {
    // The row and its button are gone: the note saying so takes focus.
    if (deleted) deletedNote.current?.focus();
  }, [deleted]);
  const create = useAction();
  const canEdit = canManageNewsroom(staff.role);
  const noun = NOUNS[kind];

  const submit = async (event: Event) => {
    event.preventDefault();
    setAdded(null);
    const term = await create.run(() =>
      api.post<Term>(`/${kind}`, {
        edition,
        name: name.trim(),
        ...(slug.trim() ? { slug: slug.trim() } : {}),
        ...(kind === "people" && role.trim() ? { role: role.trim() } : {}),
      }),
    );
    if (term) {
      list.setData({ items: [...(list.data?.items ?? []), term] });
      setAdded(term.name);
      setName("");
      setSlug("");
      setRole("");
    }
  };

  return (
    <>
      <PageHeader title={noun.title} />
      <div class="filters">
        <EditionField
          value={edition}
          onValue={(code) => {
            setEdition(code);
            setDeleted(null);
          }}
        />
      </div>
      {canEdit && (
        <section class="panel" aria-labelledby="add-term">
          <h2 id="add-term">Add a {noun.one}</h2>
          {kind === "people" && (
            <p class="muted">
              Staff members are here already, marked Staff, with a byline in every edition. Add the people who write
              without an account: freelancers, agencies, guest authors.
            </p>
          )}
          <form class="form form--row" onSubmit={submit}>
            <ErrorMessage error={create.error} />
            <TextField label="Name" required maxLength={200} value={name} onValue={setName} />
            <TextField
              label="Address (slug)"
              hint="Made from the name when empty."
              maxLength={120}
              value={slug}
              onValue={setSlug}
            />
            {kind === "people" && (
              <TextField label="Role" hint="e.g. Staff correspondent" maxLength={200} value={role} onValue={setRole} />
            )}
            <SubmitButton busy={create.busy}>Add</SubmitButton>
          </form>
          {added && (
            <StatusMessage>
              <p>Added “{added}”.</p>
            </StatusMessage>
          )}
        </section>
      )}
      {deleted && (
        <div class="message message--ok" role="status" tabIndex={-1} ref={deletedNote}>
          <p>Deleted “{deleted}”.</p>
        </div>
      )}
      <DataTable
        what={noun.title.toLowerCase()}
        caption={noun.title}
        hiddenCaption
        columns={[
          { header: "Name" },
          { header: "Address" },
          ...(kind === "people" ? [{ header: "Role" }] : []),
          { header: "Actions", hiddenHeader: true },
        ]}
        rows={list.data?.items}
        rowKey={(term) => term.id}
        renderRow={(term) => (
          <TermRow
            term={term}
            kind={kind}
            canEdit={canEdit}
            onSaved={(saved) => replaceItem(list, saved)}
            onDelete={(t) => {
              setDeleted(null);
              setDeleting(t);
            }}
          />
        )}
        empty="None in this edition yet."
        loading={list.loading}
        error={list.error}
      />
      <DeleteDialog
        term={deleting}
        kind={kind}
        onClose={() => setDeleting(null)}
        onDeleted={(gone) => {
          setDeleting(null);
          removeItem(list, gone.id);
          setDeleted(gone.name);
        }}
      />
    </>
  );
}
