/** Live coverage in the newsroom: the live blog panel, corrections & updates, and the breaking banner. */
import { useState } from "preact/hooks";
import { parseZonedDateTime, zonedInputValue, zoneName } from "../../../src/newsroom/time-zones.shared.js";
import { api } from "../api.js";
import { canManageNewsroom } from "../permissions.js";
import { editionName, useSession } from "../session.js";
import type { Article } from "../types.js";
import {
  ErrorMessage,
  formatDateTime,
  PageHeader,
  SelectField,
  StatusMessage,
  TextArea,
  TextField,
  timeZoneOf,
  useAction,
  useAsync,
} from "../ui.js";

interface LiveEntry {
  id: number;
  headline: string | null;
  body: { type: "doc"; content?: unknown[] };
  authorName: string | null;
  pinned: boolean;
  createdAt: string;
}

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

/** Plain text to a body document: a paragraph per blank-line-separated block, line breaks kept. */
export function textToBody(text: string): { type: "doc"; content: unknown[] } {
  const blocks = text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
  return {
    type: "doc",
    content: blocks.map((block) => ({
      type: "paragraph",
      content: block
        .split("\n")
        .flatMap((line, i) => [...(i > 0 ? [{ type: "hardBreak" }] : []), { type: "text", text: line }]),
    })),
  };
}

/** The text of an entry's body, for the newsroom's list (the reader page renders it in full). */
function bodyText(body: LiveEntry["body"]): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== "object" || node === null) return;
    const record = node as { text?: unknown; content?: unknown };
    if (typeof record.text === "string") parts.push(record.text);
    if (Array.isArray(record.content)) for (const child of record.content) walk(child);
  };
  walk(body);
  return parts.join(" ");
}

/** For a live article: add entries without saving the article, pin, delete, end the coverage. */
export function LivePanel({ article, mayEdit }: { article: Article; mayEdit: boolean }) {
  const entries = useAsync(
    () => api.get<{ items: LiveEntry[]; liveEndedAt: string | null }>(`/articles/${article.id}/live/entries`),
    [article.id],
  );
  const action = useAction();
  const [headline, setHeadline] = useState("");
  const [text, setText] = useState("");
  const [status, setStatus] = useState("");
  const ended = entries.data?.liveEndedAt ?? article.liveEndedAt ?? null;
  const add = async (event: Event) => {
    event.preventDefault();
    if (text.trim() === "") return;
    const entry = await action.run(() =>
      api.post<LiveEntry>(`/articles/${article.id}/live/entries`, {
        headline: headline.trim() || null,
        body: textToBody(text),
      }),
    );
    if (entry) {
      setHeadline("");
      setText("");
      setStatus("Entry added.");
      entries.reload();
    }
  };
  const change = async (run: () => Promise<unknown>, message: string) => {
    const done = await action.run(run);
    if (done !== undefined) {
      setStatus(message);
      entries.reload();
    }
  };
  return (
    <section class="panel live-panel" aria-labelledby="live-heading">
      <h2 id="live-heading">Live</h2>
      <ErrorMessage error={entries.error ?? action.error} />
      {status && <StatusMessage>{status}</StatusMessage>}
      {ended ? (
        <p>Ended {formatDateTime(ended)}.</p>
      ) : (
        mayEdit && (
          <form class="stack" onSubmit={add} aria-label="New live entry">
            <TextField label="Entry headline (optional)" maxLength={300} value={headline} onValue={setHeadline} />
            <TextArea
              label="Entry text"
              hint="Separate paragraphs with a blank line."
              rows={4}
              required
              value={text}
              onValue={setText}
            />
            <button class="button button--primary" type="submit" disabled={action.busy}>
              Add entry
            </button>
          </form>
        )
      )}
      {entries.data && entries.data.items.length === 0 && <p>No entries yet.</p>}
      <ol class="live-entries" aria-label="Live entries">
        {entries.data?.items.map((entry) => (
          <li key={entry.id} class={entry.pinned ? "live-entries__item is-pinned" : "live-entries__item"}>
            <p>
              <strong>{entry.headline ?? bodyText(entry.body).slice(0, 80)}</strong>
              <br />
              <small>
                {entry.pinned ? "Pinned · " : ""}
                {formatDateTime(entry.createdAt)}
                {entry.authorName ? ` · ${entry.authorName}` : ""}
              </small>
            </p>
            {mayEdit && (
              <div class="cluster">
                <button
                  type="button"
                  class="button button--small"
                  disabled={action.busy}
                  aria-pressed={entry.pinned}
                  onClick={() =>
                    change(
                      () => api.patch(`/articles/${article.id}/live/entries/${entry.id}`, { pinned: !entry.pinned }),
                      entry.pinned ? "Entry unpinned." : "Entry pinned.",
                    )
                  }
                >
                  {entry.pinned ? "Unpin" : "Pin"}
                  <span class="visually-hidden"> entry {entry.headline ?? entry.id}</span>
                </button>
                <button
                  type="button"
                  class="button button--small button--danger"
                  disabled={action.busy}
                  onClick={() => {
                    if (!window.confirm("Delete this entry from the live blog?")) return;
                    void change(
                      () => api.delete(`/articles/${article.id}/live/entries/${entry.id}`).then(() => true),
                      "Entry deleted.",
                    );
                  }}
                >
                  Delete<span class="visually-hidden"> entry {entry.headline ?? entry.id}</span>
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
      {!ended && mayEdit && (
        <button
          type="button"
          class="button button--danger"
          disabled={action.busy}
          onClick={() => {
            if (!window.confirm("End the live coverage? No entries can be added afterwards.")) return;
            void change(() => api.post(`/articles/${article.id}/live/end`), "The live blog has ended.");
          }}
        >
          End live blog
        </button>
      )}
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
        <SelectField
          label="Edition"
          value={edition}
          onValue={(value) => {
            setEdition(value);
            setStatus("");
          }}
          options={editions.map((e) => ({ value: e.code, label: e.name }))}
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
          <div class="form__actions">
            <button class="button button--primary" type="submit" disabled={action.busy}>
              Raise the banner
            </button>
          </div>
        </form>
      </div>
    </>
  );
}
