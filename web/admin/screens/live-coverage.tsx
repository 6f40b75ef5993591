/** Live coverage in the newsroom: the live blog panel, corrections & updates, and the breaking banner. */
import { useState } from "preact/hooks";
import { parseZonedDateTime, zonedInputValue, zoneName } from "../../../src/newsroom/time-zones.shared.js";
import { api } from "../api.js";
import { canManageNewsroom } from "../permissions.js";
import { editionName, useSession } from "../session.js";
import type { Article } from "../types.js";
import {
  EditionField,
  ErrorMessage,
  formatDateTime,
  PageHeader,
  SelectField,
  StatusMessage,
  SubmitButton,
  TextArea,
  TextField,
  timeZoneOf,
  useAction,
  useAsync,
} from "../ui.js";

interface ArticleNote {
  id: number;
  kind: "correction" | "update";
  text: string;
  createdAt: string;
}

interface Banner {
  text: string;
  url: string | null;
  expiresAt: string;
  raisedAt: string;
}

/**
 * For a live article, in the editor: where the live blog stands, and the way to its live desk
 * (`/admin/articles/:id/live`), where entries are posted, edited and geotagged.
 */
export function LivePanel({ article }: { article: Article }) {
  const entries = useAsync(
    () => api.get<{ items: { id: number }[]; liveEndedAt: string | null }>(`/articles/${article.id}/live/entries`),
    [article.id],
  );
  const ended = entries.data?.liveEndedAt ?? article.liveEndedAt ?? null;
  const count = entries.data?.items.length;
  return (
    <section class="panel live-panel" aria-labelledby="live-heading">
      <h2 id="live-heading">Live</h2>
      <ErrorMessage error={entries.error} />
      <p>
        {count === undefined ? "" : count === 1 ? "1 entry" : `${count} entries`}
        {count !== undefined && (ended ? `, ended ${formatDateTime(ended)}.` : ", running.")}
      </p>
      <a class="button button--primary" href={`/admin/articles/${article.id}/live`}>
        Open the live desk
      </a>
    </section>
  );
}

/** For a published article: append a visible correction or update note (editors and above). */
export function NotesPanel({ articleId }: { articleId: number }) {
  const { staff } = useSession();
  const notes = useAsync(() => api.get<{ items: ArticleNote[] }>(`/articles/${articleId}/notes`), [articleId]);
  const action = useAction();
  const [kind, setKind] = useState<"correction" | "update">("correction");
  const [text, setText] = useState("");
  const [status, setStatus] = useState("");
  const may = canManageNewsroom(staff.role);
  const submit = async (event: Event) => {
    event.preventDefault();
    const note = await action.run(() =>
      api.post<ArticleNote>(`/articles/${articleId}/notes`, { kind, text: text.trim() }),
    );
    if (note) {
      setText("");
      setStatus(note.kind === "correction" ? "Correction published." : "Update published.");
      notes.reload();
    }
  };
  return (
    <section class="panel notes-panel" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Corrections &amp; updates</h2>
      <ErrorMessage error={notes.error ?? action.error} />
      {status && <StatusMessage>{status}</StatusMessage>}
      {notes.data && notes.data.items.length === 0 && <p>None yet.</p>}
      <ol class="notes-list">
        {notes.data?.items.map((note) => (
          <li key={note.id}>
            <strong>{note.kind === "correction" ? "Correction" : "Update"}</strong> · {formatDateTime(note.createdAt)}
            <br />
            {note.text}
          </li>
        ))}
      </ol>
      {may && (
        <form class="stack" onSubmit={submit} aria-label="New correction or update">
          <SelectField
            label="Kind"
            value={kind}
            onValue={(value) => setKind(value === "update" ? "update" : "correction")}
            options={[
              { value: "correction", label: "Correction" },
              { value: "update", label: "Update" },
            ]}
          />
          <TextArea
            label="Note text"
            hint="Shown on the article and on the corrections page; it cannot be edited later."
            rows={3}
            maxLength={2000}
            required
            value={text}
            onValue={setText}
          />
          <button class="button" type="submit" disabled={action.busy || text.trim() === ""}>
            Append note
          </button>
        </form>
      )}
    </section>
  );
}

/** datetime-local value, on the clock of the edition's zone, for a moment `hours` from now. */
function zonedInputIn(hours: number, timeZone: string): string {
  return zonedInputValue(new Date(Date.now() + hours * 3_600_000), timeZone);
}

/** The breaking-news banner of each edition: raise it with an expiry, or lower it. */
export function BannerScreen({ edition: initial }: { edition?: string | undefined }) {
  const { editions } = useSession();
  const [edition, setEdition] = useState(initial ?? editions[0]?.code ?? "");
  const state = useAsync(() => api.get<{ banner: Banner | null; active: boolean }>(`/banners/${edition}`), [edition]);
  const action = useAction();
  const [text, setText] = useState("");
  const [url, setUrl] = useState("");
  const timeZone = timeZoneOf(editions, edition);
  const [expires, setExpires] = useState(zonedInputIn(2, timeZone));
  const [status, setStatus] = useState("");
  const raise = async (event: Event) => {
    event.preventDefault();
    // Typed on the edition's clock, whatever the editor's computer says.
    const at = parseZonedDateTime(expires, timeZone);
    const banner = await action.run(() =>
      api.put<Banner>(`/banners/${edition}`, {
        text: text.trim(),
        url: url.trim() || null,
        expiresAt: at ? at.toISOString() : expires,
      }),
    );
    if (banner) {
      setStatus(`The banner is up on the ${editionName(editions, edition)} edition.`);
      state.reload();
    }
  };
  const lower = async () => {
    const done = await action.run(() => api.delete(`/banners/${edition}`).then(() => true));
    if (done) {
      setStatus("The banner is down.");
      state.reload();
    }
  };
  const current = state.data?.active ? state.data.banner : null;
  return (
    <>
      <PageHeader title="Breaking banner" />
      <div class="form form--narrow">
        <EditionField
          value={edition}
          onValue={(value) => {
            setEdition(value);
            setStatus("");
          }}
        />
        <ErrorMessage error={state.error ?? action.error} />
        {status && <StatusMessage>{status}</StatusMessage>}
        <section class="panel" aria-labelledby="banner-current-heading">
          <h2 id="banner-current-heading">Now on the site</h2>
          {current ? (
            <>
              <p class="banner-preview">
                <strong>{current.text}</strong>
                {current.url ? ` → ${current.url}` : ""}
              </p>
              <p>Until {formatDateTime(current.expiresAt, timeZone)}.</p>
              <button type="button" class="button button--danger" disabled={action.busy} onClick={() => void lower()}>
                Lower the banner
              </button>
            </>
          ) : (
            <p>No banner is up.</p>
          )}
        </section>
        <form class="stack" onSubmit={raise} aria-labelledby="banner-raise-heading">
          <h2 id="banner-raise-heading">{current ? "Replace the banner" : "Raise a banner"}</h2>
          <TextField label="Banner text" required maxLength={280} value={text} onValue={setText} />
          <TextField
            label="Link (optional)"
            hint="A page of the site (/news/…) or an https:// address."
            maxLength={2000}
            value={url}
            onValue={setUrl}
          />
          <TextField
            label={`Expires at (${zoneName(timeZone)})`}
            type="datetime-local"
            hint={`On the edition's clock (${timeZone}). The banner disappears from every page then.`}
            required
            value={expires}
            onValue={setExpires}
          />
          <SubmitButton busy={action.busy}>Raise the banner</SubmitButton>
        </form>
      </div>
    </>
  );
}
