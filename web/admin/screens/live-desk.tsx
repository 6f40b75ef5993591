/**
 * The live desk: a live blog's own screen beside the article editor. The composer sits on top
 * and posts rich entries (the article body editor: links, images, videos, maps); the entries
 * follow newest first, each with its edits' history and the places it names.
 */
import type { JSONContent } from "@tiptap/core";
import type { ComponentChildren } from "preact";
import { useId, useState } from "preact/hooks";
import type { BlockNode, BodyDocument, InlineNode } from "../../../src/newsroom/body.types.js";
import { isEmptyEntryBody } from "../../../src/newsroom/live-entry.shared.js";
import { api } from "../api.js";
import { fromApiBody, toApiBody } from "../body-mapping.js";
import { BodyEditor } from "../editor/BodyEditor.js";
import {
  describeRevisions,
  entryText,
  type LiveEntry,
  type LiveEntryRevision,
  type LivePlaceTag,
  placesByEntry,
} from "../live-desk.js";
import { previewUrl, useMedia } from "../media-cache.js";
import { canArticle } from "../permissions.js";
import { useSession } from "../session.js";
import type { Article } from "../types.js";
import {
  ErrorMessage,
  formatDateTime,
  Loading,
  PageHeader,
  StatusMessage,
  SubmitButton,
  TextField,
  useAction,
  useAsync,
} from "../ui.js";
import { checkRefusalOf, PublicationCheckDialog } from "./publication-check-panel.js";

const EMPTY_DOC: JSONContent = { type: "doc", content: [{ type: "paragraph" }] };

export function LiveDeskScreen({ id }: { id: number }) {
  const article = useAsync(() => api.get<Article>(`/articles/${id}`), [id]);
  if (article.error) {
    return (
      <>
        <PageHeader title="Live desk" />
        <ErrorMessage error={article.error} />
        <p>
          <a href={`/admin/articles/${id}`}>Back to the article</a>
        </p>
      </>
    );
  }
  if (!article.data) return <Loading what="the live blog" />;
  if (article.data.kind !== "live") {
    return (
      <>
        <PageHeader title="Live desk" />
        <p>
          This article is not a live blog. <a href={`/admin/articles/${id}`}>Back to the article</a>
        </p>
      </>
    );
  }
  return <LiveDesk article={article.data} />;
}

function LiveDesk({ article }: { article: Article }) {
  const { staff, editions } = useSession();
  const language = editions.find((e) => e.code === article.edition)?.language;
  const mayEdit = canArticle(staff.role, "edit", { own: true, status: article.status });
  const entries = useAsync(
    () => api.get<{ items: LiveEntry[]; liveEndedAt: string | null }>(`/articles/${article.id}/live/entries`),
    [article.id],
  );
  const places = useAsync(
    () => api.get<{ items: LivePlaceTag[] }>(`/articles/${article.id}/live/places`).then((r) => r.items),
    [article.id],
  );
  const action = useAction();
  const [status, setStatus] = useState("");
  const ended = entries.data?.liveEndedAt ?? article.liveEndedAt ?? null;
  const byEntry = placesByEntry(places.data ?? []);
  const changed = (message: string) => {
    setStatus(message);
    entries.reload();
    places.reload();
  };
  const change = async (run: () => Promise<unknown>, message: string) => {
    const done = await action.run(run);
    if (done !== undefined) changed(message);
  };

  return (
    <>
      <PageHeader title={`Live desk: ${article.title}`}>
        <a class="button" href={`/admin/articles/${article.id}`}>
          Back to the article
        </a>
        {article.status === "published" && (
          <a class="button" href={article.url} target="_blank" rel="noopener">
            View on the site
          </a>
        )}
      </PageHeader>
      <div class="live-desk">
        <ErrorMessage error={entries.error ?? places.error ?? action.error} />
        {status && <StatusMessage>{status}</StatusMessage>}
        {ended ? (
          <p>The live blog ended {formatDateTime(ended)}. Entries can still be corrected.</p>
        ) : (
          mayEdit && <Composer articleId={article.id} language={language} onPosted={() => changed("Entry posted.")} />
        )}
        <h2 id="live-desk-entries">Entries</h2>
        {entries.loading && !entries.data && <Loading what="the entries" />}
        {entries.data && entries.data.items.length === 0 && <p>No entries yet.</p>}
        <ol class="live-entries live-desk__entries" aria-labelledby="live-desk-entries">
          {entries.data?.items.map((entry) => (
            <EntryCard
              key={entry.id}
              articleId={article.id}
              entry={entry}
              places={byEntry.get(entry.id) ?? []}
              mayEdit={mayEdit}
              language={language}
              busy={action.busy}
              change={change}
              onPlaces={(items) => places.setData(items)}
            />
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
      </div>
    </>
  );
}

/** The state an entry form (the composer or an entry's editor) keeps while it is being written. */
function useEntryForm(initialHeadline: string, initialDoc: JSONContent, emptyProblem: string) {
  const action = useAction();
  const [headline, setHeadline] = useState(initialHeadline);
  const [doc, setDoc] = useState<JSONContent>(initialDoc);
  const [problem, setProblem] = useState("");
  /** The entry as it stands. */
  const current = () => ({ headline: headline.trim() || null, body: toApiBody(doc) });
  /** What to send, or null (and the problem is shown) while the body holds nothing. */
  const checked = () => {
    const entry = current();
    if (isEmptyEntryBody(entry.body)) {
      setProblem(emptyProblem);
      return null;
    }
    setProblem("");
    return entry;
  };
  return { action, headline, setHeadline, setDoc, problem, current, checked };
}

type EntryForm = ReturnType<typeof useEntryForm>;

/**
 * The publication check's panel over an entry form the check stopped (409 publication_check):
 * dismissing the findings with a reason sends the entry again.
 */
function EntryCheck({ articleId, form, onRetry }: { articleId: number; form: EntryForm; onRetry: () => void }) {
  const refusal = checkRefusalOf(form.action.error);
  const entry = refusal ? form.current() : null;
  return (
    <PublicationCheckDialog
      key={refusal ? refusal.findings.map((finding) => `${finding.rule}:${finding.text}`).join("|") : "none"}
      articleId={articleId}
      refusal={refusal}
      step="entry"
      {...(entry ? { entry } : {})}
      onClose={() => form.action.setError(null)}
      onPublish={onRetry}
    />
  );
}

/** The headline and body of an entry, then why it could not be sent. */
function EntryFields({
  form,
  initial,
  language,
}: {
  form: EntryForm;
  initial: JSONContent;
  language: string | undefined;
}) {
  const labelId = useId();
  return (
    <>
      <TextField label="Entry headline (optional)" maxLength={300} value={form.headline} onValue={form.setHeadline} />
      <div class="field">
        <span class="field__label" id={labelId}>
          Entry text
        </span>
        <BodyEditor initial={initial} labelledBy={labelId} editable lang={language} onChange={form.setDoc} />
      </div>
      {form.problem && (
        <p class="field__error" role="alert">
          {form.problem}
        </p>
      )}
      <ErrorMessage error={form.action.error} />
    </>
  );
}

function Composer({
  articleId,
  language,
  onPosted,
}: {
  articleId: number;
  language: string | undefined;
  onPosted: () => void;
}) {
  const form = useEntryForm("", EMPTY_DOC, "Write the entry first: some text, an image or an embed.");
  // A new editor after each post: the body editor is seeded once and then owns its document.
  const [round, setRound] = useState(0);
  const post = async (event?: Event) => {
    event?.preventDefault();
    const sent = form.checked();
    if (!sent) return;
    const entry = await form.action.run(() => api.post<LiveEntry>(`/articles/${articleId}/live/entries`, sent));
    if (entry) {
      form.setHeadline("");
      form.setDoc(EMPTY_DOC);
      setRound((n) => n + 1);
      onPosted();
    }
  };
  return (
    <form class="panel stack live-desk__composer" onSubmit={post} aria-label="New live entry">
      <h2>New entry</h2>
      <EntryFields key={round} form={form} initial={EMPTY_DOC} language={language} />
      <SubmitButton busy={form.action.busy}>Post entry</SubmitButton>
      <EntryCheck articleId={articleId} form={form} onRetry={() => void post()} />
    </form>
  );
}

const PLACE_STATE: Record<LivePlaceTag["state"], string> = {
  auto: "found",
  confirmed: "confirmed",
  removed: "removed",
};

function EntryCard({
  articleId,
  entry,
  places,
  mayEdit,
  language,
  busy,
  change,
  onPlaces,
}: {
  articleId: number;
  entry: LiveEntry;
  places: LivePlaceTag[];
  mayEdit: boolean;
  language: string | undefined;
  busy: boolean;
  change: (run: () => Promise<unknown>, message: string) => Promise<void>;
  onPlaces: (items: LivePlaceTag[]) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [historyRound, setHistoryRound] = useState(0);
  const name = entry.headline ?? `#${entry.id}`;
  const path = `/articles/${articleId}/live/entries/${entry.id}`;
  const tagAction = useAction();
  const setPlace = async (slug: string, state: "confirmed" | "removed") => {
    const result = await tagAction.run(() => api.put<{ items: LivePlaceTag[] }>(`${path}/places/${slug}`, { state }));
    if (result) onPlaces(result.items);
  };
  return (
    <li class={entry.pinned ? "live-entries__item is-pinned" : "live-entries__item"} data-entry-id={entry.id}>
      <article class="live-desk__entry" aria-label={`Entry ${name}`}>
        <p class="live-desk__meta">
          {entry.pinned ? "Pinned · " : ""}
          <time datetime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
          {entry.authorName ? ` · ${entry.authorName}` : ""}
          {entry.editedAt && <span class="live-desk__edited"> · Edited {formatDateTime(entry.editedAt)}</span>}
        </p>
        {editing ? (
          <EntryEditor
            articleId={articleId}
            entry={entry}
            path={path}
            language={language}
            onDone={(saved) => {
              setEditing(false);
              if (saved) {
                setHistoryRound((n) => n + 1);
                void change(async () => true, "Entry updated.");
              }
            }}
          />
        ) : (
          <>
            {entry.headline && <h3 class="live-desk__headline">{entry.headline}</h3>}
            <EntryBody body={entry.body} />
          </>
        )}
        {places.length > 0 && (
          <div class="live-desk__places">
            <ErrorMessage error={tagAction.error} />
            <ul class="place-tags" aria-label={`Places in entry ${name}`}>
              {places.map((tag) => (
                <li key={tag.slug} data-state={tag.state}>
                  <span class={tag.state === "removed" ? "place-tag place-tag--removed" : "place-tag"}>
                    {tag.names.en} / {tag.names.uk}
                  </span>{" "}
                  <small>{PLACE_STATE[tag.state]}</small>
                  {mayEdit && tag.state !== "confirmed" && (
                    <button
                      type="button"
                      class="button button--small"
                      disabled={tagAction.busy}
                      onClick={() => void setPlace(tag.slug, "confirmed")}
                    >
                      Confirm<span class="visually-hidden"> {tag.names.en}</span>
                    </button>
                  )}
                  {mayEdit && tag.state !== "removed" && (
                    <button
                      type="button"
                      class="button button--small"
                      disabled={tagAction.busy}
                      onClick={() => void setPlace(tag.slug, "removed")}
                    >
                      Remove<span class="visually-hidden"> {tag.names.en}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
        <div class="cluster">
          {mayEdit && !editing && (
            <button type="button" class="button button--small" disabled={busy} onClick={() => setEditing(true)}>
              Edit<span class="visually-hidden"> entry {name}</span>
            </button>
          )}
          <button
            type="button"
            class="button button--small"
            aria-expanded={historyOpen}
            onClick={() => setHistoryOpen((open) => !open)}
          >
            History<span class="visually-hidden"> of entry {name}</span>
          </button>
          {mayEdit && (
            <button
              type="button"
              class="button button--small"
              disabled={busy}
              aria-pressed={entry.pinned}
              onClick={() =>
                void change(
                  () => api.patch(path, { pinned: !entry.pinned }),
                  entry.pinned ? "Entry unpinned." : "Entry pinned.",
                )
              }
            >
              {entry.pinned ? "Unpin" : "Pin"}
              <span class="visually-hidden"> entry {name}</span>
            </button>
          )}
          {mayEdit && (
            <button
              type="button"
              class="button button--small button--danger"
              disabled={busy}
              onClick={() => {
                if (!window.confirm("Delete this entry from the live blog?")) return;
                void change(() => api.delete(path).then(() => true), "Entry deleted.");
              }}
            >
              Delete<span class="visually-hidden"> entry {name}</span>
            </button>
          )}
        </div>
        {historyOpen && <EntryHistory key={historyRound} path={path} name={name} />}
      </article>
    </li>
  );
}

function EntryEditor({
  articleId,
  entry,
  path,
  language,
  onDone,
}: {
  articleId: number;
  entry: LiveEntry;
  path: string;
  language: string | undefined;
  onDone: (saved: boolean) => void;
}) {
  const [initial] = useState(() => fromApiBody(entry.body));
  const form = useEntryForm(entry.headline ?? "", initial, "An entry cannot be empty; delete it instead.");
  const save = async (event?: Event) => {
    event?.preventDefault();
    const sent = form.checked();
    if (!sent) return;
    const saved = await form.action.run(() => api.patch<LiveEntry>(path, sent));
    if (saved) onDone(true);
  };
  return (
    <form class="stack live-desk__editor" onSubmit={save} aria-label="Edit entry">
      <EntryFields form={form} initial={initial} language={language} />
      <p class="field__hint">Readers see that the entry was edited, and when.</p>
      <div class="form__actions">
        <button class="button button--primary" type="submit" disabled={form.action.busy}>
          Save changes
        </button>
        <button type="button" class="button" disabled={form.action.busy} onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
      <EntryCheck articleId={articleId} form={form} onRetry={() => void save()} />
    </form>
  );
}

function EntryHistory({ path, name }: { path: string; name: string }) {
  const revisions = useAsync(
    () => api.get<{ items: LiveEntryRevision[] }>(`${path}/revisions`).then((r) => r.items),
    [path],
  );
  return (
    <section class="live-desk__history" aria-label={`History of entry ${name}`}>
      <ErrorMessage error={revisions.error} />
      {!revisions.data && !revisions.error && <Loading what="the history" />}
      <ol class="live-desk__revisions">
        {describeRevisions(revisions.data ?? []).map(({ revision, label, current }) => (
          <li key={revision.id}>
            <p class="live-desk__meta">
              <strong>{label}</strong> {formatDateTime(revision.createdAt)}
              {revision.authorName ? ` by ${revision.authorName}` : ""}
              {current ? " · current" : ""}
            </p>
            {revision.headline && <p class="live-desk__headline">{revision.headline}</p>}
            <p class="live-desk__revision-text">{entryText(revision.body)}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The entry as the desk reads it: text with its links, images, and a line for each embed. */
function EntryBody({ body }: { body: BodyDocument }) {
  return (
    <div class="live-desk__body">
      {body.content.map((node, index) => (
        <Block key={index} node={node} />
      ))}
    </div>
  );
}

function Inline({ nodes }: { nodes: InlineNode[] | undefined }) {
  return (
    <>
      {(nodes ?? []).map((node, index) => {
        if (node.type === "hardBreak") return <br key={index} />;
        let out: ComponentChildren = node.text;
        for (const mark of node.marks ?? []) {
          if (mark.type === "bold") out = <strong>{out}</strong>;
          else if (mark.type === "italic") out = <em>{out}</em>;
          else if (mark.type === "link")
            out = (
              <a href={mark.attrs.href} target="_blank" rel="noopener noreferrer">
                {out}
              </a>
            );
        }
        return <span key={index}>{out}</span>;
      })}
    </>
  );
}

function Block({ node }: { node: BlockNode }) {
  switch (node.type) {
    case "paragraph":
      return (
        <p>
          <Inline nodes={node.content} />
        </p>
      );
    case "heading":
      return (
        <p class="live-desk__subhead">
          <Inline nodes={node.content} />
        </p>
      );
    case "blockquote":
      return (
        <blockquote>
          {node.content.map((child, index) => (
            <Block key={index} node={child} />
          ))}
        </blockquote>
      );
    case "bulletList":
    case "orderedList": {
      const items = node.content.map((item, index) => (
        <li key={index}>
          {item.content.map((child, i) => (
            <Block key={i} node={child} />
          ))}
        </li>
      ));
      return node.type === "bulletList" ? <ul>{items}</ul> : <ol>{items}</ol>;
    }
    case "image":
      return <EntryImage mediaId={node.attrs.mediaId} alt={node.attrs.alt ?? ""} />;
    case "related":
      return (
        <p class="live-desk__embed">
          {node.attrs.title}: {node.attrs.articleIds.length} stories
        </p>
      );
    case "gallery":
      return (
        <div class="live-desk__gallery">
          {node.attrs.photos.map((photo) => (
            <EntryImage key={photo.mediaId} mediaId={photo.mediaId} alt={photo.alt ?? ""} />
          ))}
        </div>
      );
    case "embed":
      return (
        <p class="live-desk__embed">
          {node.attrs.provider === "map" ? "Map" : "Video"}: {node.attrs.title}
        </p>
      );
    case "audio":
    case "document":
      return (
        <p class="live-desk__embed">
          {node.type === "audio" ? "Audio" : "PDF"}: {node.attrs.title}
        </p>
      );
    case "takeaways":
      return (
        <ul class="live-desk__takeaways" aria-label={node.attrs.title}>
          {node.attrs.items.map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </ul>
      );
    case "factbox":
      return (
        <aside class="live-desk__takeaways" aria-label={node.attrs.title}>
          {node.content.map((child, index) => (
            <Block key={index} node={child} />
          ))}
        </aside>
      );
    case "timeline":
      return (
        <ol class="live-desk__takeaways" aria-label={node.attrs.title}>
          {node.attrs.entries.map((entry, index) => (
            <li key={index}>
              {entry.date ? `${entry.date.replace("T", " ")}: ` : ""}
              {entry.text}
            </li>
          ))}
        </ol>
      );
    case "socialPost":
      return (
        <blockquote class="live-desk__social">
          {node.attrs.text}
          <footer>
            — {node.attrs.author ? `${node.attrs.author}, ` : ""}
            <a href={node.attrs.url} target="_blank" rel="noopener noreferrer">
              {node.attrs.url}
            </a>
          </footer>
        </blockquote>
      );
    case "horizontalRule":
      return <hr />;
    default:
      return null;
  }
}

function EntryImage({ mediaId, alt }: { mediaId: number; alt: string }) {
  const { media, missing } = useMedia(mediaId);
  if (missing) return <p class="live-desk__embed">Image {mediaId} (no longer in the library)</p>;
  if (!media) return <p class="live-desk__embed">Image…</p>;
  return <img class="live-desk__image" src={previewUrl(media)} alt={alt || media.alt || ""} loading="lazy" />;
}
