/** Sections, tags and people (bylines) of an edition: list, add, rename. */
import { useState } from "preact/hooks";
import { api, query } from "../api.js";
import { canManageNewsroom } from "../permissions.js";
import { useSession } from "../session.js";
import type { Term, TermKind } from "../types.js";
import {
  ErrorMessage,
  Loading,
  PageHeader,
  SelectField,
  StatusMessage,
  TextField,
  useAction,
  useAsync,
} from "../ui.js";

const NOUNS: Record<TermKind, { title: string; one: string }> = {
  sections: { title: "Sections", one: "section" },
  tags: { title: "Tags", one: "tag" },
  people: { title: "People", one: "person" },
};

function TermRow({
  term,
  kind,
  canEdit,
  onSaved,
}: {
  term: Term;
  kind: TermKind;
  canEdit: boolean;
  onSaved: (t: Term) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(term.name);
  const [role, setRole] = useState(term.role ?? "");
  const { busy, error, run } = useAction();
  const save = async (event: Event) => {
    event.preventDefault();
    const body = kind === "people" ? { name: name.trim(), role: role.trim() || null } : { name: name.trim() };
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
          <form class="inline-form" onSubmit={save} aria-label={`Rename ${term.name}`}>
            <ErrorMessage error={error} />
            <TextField label="Name" required maxLength={200} value={name} onValue={setName} autoFocus />
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
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <td>{term.name}</td>
      <td>
        <code>{term.slug}</code>
      </td>
      {kind === "people" && <td>{term.role ?? ""}</td>}
      <td>
        {canEdit && (
          <button class="button button--small" type="button" onClick={() => setEditing(true)}>
            Rename<span class="visually-hidden"> {term.name}</span>
          </button>
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
        <SelectField
          label="Edition"
          value={edition}
          onValue={setEdition}
          options={editions.map((e) => ({ value: e.code, label: e.name }))}
        />
      </div>
      {canEdit && (
        <section class="panel" aria-labelledby="add-term">
          <h2 id="add-term">Add a {noun.one}</h2>
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
            <div class="form__actions">
              <button class="button button--primary" type="submit" disabled={create.busy}>
                Add
              </button>
            </div>
          </form>
          {added && (
            <StatusMessage>
              <p>Added “{added}”.</p>
            </StatusMessage>
          )}
        </section>
      )}
      {list.loading && <Loading what={noun.title.toLowerCase()} />}
      <ErrorMessage error={list.error} />
      {list.data && list.data.items.length === 0 && <p class="muted">None in this edition yet.</p>}
      {list.data && list.data.items.length > 0 && (
        <table class="table">
          <caption class="visually-hidden">{noun.title}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              {kind === "people" && <th scope="col">Role</th>}
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((term) => (
              <TermRow
                key={term.id}
                term={term}
                kind={kind}
                canEdit={canEdit}
                onSaved={(saved) =>
                  list.setData({ items: (list.data?.items ?? []).map((t) => (t.id === saved.id ? saved : t)) })
                }
              />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
