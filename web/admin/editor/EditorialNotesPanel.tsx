/**
 * The editor's side panel of editorial notes: the desk's margin comments on the draft, in threads
 * in the order of the text. Clicking a thread selects its words; each has a reply box and
 * Resolve/Reopen; resolved threads fold away; a thread whose words were deleted says so.
 */
import type { Editor } from "@tiptap/core";
import { useEffect, useId, useState } from "preact/hooks";
import { api } from "../api.js";
import {
  type NoteAnchor,
  type NotesList,
  type NoteThread,
  newNoteId,
  noteAnchors,
  orderThreads,
} from "../editorial-notes.js";
import { ErrorMessage, formatDateTime, Loading, StatusMessage, TextArea, useAction, useAsync } from "../ui.js";
import type { NoteRange } from "./BodyEditor.js";

export function EditorialNotesPanel({
  articleId,
  editor,
  pending,
  onPendingDone,
}: {
  articleId: number;
  editor: Editor | null;
  /** Words chosen with "Add note", waiting for the note's text. */
  pending: NoteRange | null;
  onPendingDone: () => void;
}) {
  const headingId = useId();
  const list = useAsync(() => api.get<NotesList>(`/articles/${articleId}/editorial-notes`), [articleId]);
  const [anchors, setAnchors] = useState<Map<string, NoteAnchor>>(new Map());
  const [status, setStatus] = useState("");

  // The order and the "text removed" state follow the document as it is edited.
  useEffect(() => {
    if (!editor) return;
    const read = () => setAnchors(noteAnchors(editor.state.doc));
    read();
    editor.on("update", read);
    return () => {
      editor.off("update", read);
    };
  }, [editor]);

  // Colleagues reply and resolve from their own tabs: coming back to this one shows their changes.
  const { reload } = list;
  useEffect(() => {
    window.addEventListener("focus", reload);
    return () => window.removeEventListener("focus", reload);
  }, [reload]);

  const replace = (thread: NoteThread) => {
    if (!list.data) return;
    const known = list.data.threads.some((t) => t.id === thread.id);
    list.setData({
      ...list.data,
      threads: known ? list.data.threads.map((t) => (t.id === thread.id ? thread : t)) : [...list.data.threads, thread],
    });
  };

  const select = (anchor: NoteAnchor) => {
    editor?.chain().focus().setTextSelection(anchor).scrollIntoView().run();
  };

  const threads = list.data ? orderThreads(list.data.threads, anchors) : [];
  const open = threads.filter((entry) => entry.thread.resolvedAt === null);
  const resolved = threads.filter((entry) => entry.thread.resolvedAt !== null);
  const handles = list.data?.mentionable.map((member) => `@${member.handle}`).join(", ") ?? "";

  return (
    <section class="panel editor-notes" aria-labelledby={headingId}>
      <h2 id={headingId}>Notes</h2>
      <p class="field__hint">
        Comments for the newsroom, never published. Select words in the body and press “Add note” (Ctrl+Alt+M).
      </p>
      {status && <StatusMessage>{status}</StatusMessage>}
      {pending && (
        <NewNote
          articleId={articleId}
          editor={editor}
          range={pending}
          handles={handles}
          onDone={(thread) => {
            if (thread) {
              replace(thread);
              setStatus("Note added.");
            }
            onPendingDone();
          }}
        />
      )}
      {list.loading && !list.data && <Loading what="notes" />}
      <ErrorMessage error={list.error} />
      {list.data && threads.length === 0 && !pending && <p>No notes on this story.</p>}
      {open.length > 0 && (
        <ol class="note-threads" aria-label="Open notes">
          {open.map(({ thread, removed }) => (
            <li key={thread.id}>
              <Thread
                articleId={articleId}
                thread={thread}
                anchor={removed ? null : (anchors.get(thread.id) ?? null)}
                handles={handles}
                onSelect={select}
                onChanged={(next, message) => {
                  replace(next);
                  setStatus(message);
                }}
              />
            </li>
          ))}
        </ol>
      )}
      {resolved.length > 0 && (
        <details class="note-threads__resolved">
          <summary>Resolved ({resolved.length})</summary>
          <ol class="note-threads" aria-label="Resolved notes">
            {resolved.map(({ thread, removed }) => (
              <li key={thread.id}>
                <Thread
                  articleId={articleId}
                  thread={thread}
                  anchor={removed ? null : (anchors.get(thread.id) ?? null)}
                  handles={handles}
                  onSelect={select}
                  onChanged={(next, message) => {
                    replace(next);
                    setStatus(message);
                  }}
                />
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

function NewNote({
  articleId,
  editor,
  range,
  handles,
  onDone,
}: {
  articleId: number;
  editor: Editor | null;
  range: NoteRange;
  handles: string;
  onDone: (thread: NoteThread | null) => void;
}) {
  const [text, setText] = useState("");
  const action = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    const noteId = newNoteId();
    const thread = await action.run(() =>
      api.post<NoteThread>(`/articles/${articleId}/editorial-notes`, { noteId, quote: range.quote, body: text.trim() }),
    );
    if (!thread) return;
    // The mark goes on the words only if they are still where they were; otherwise the thread
    // shows as "text removed" rather than marking whatever moved into their place.
    if (editor && editor.state.doc.textBetween(range.from, range.to, " ").trim() === range.quote) {
      editor.chain().setTextSelection(range).setMark("note", { noteId }).run();
    }
    onDone(thread);
  };
  return (
    <form class="stack note-new" onSubmit={submit} aria-label="New note">
      <blockquote class="note-quote">{range.quote}</blockquote>
      <ErrorMessage error={action.error} />
      <TextArea
        label="Note"
        rows={3}
        maxLength={4000}
        required
        value={text}
        onValue={setText}
        {...(handles ? { hint: `Mention a colleague to mail them: ${handles}` } : {})}
      />
      <div class="form__actions">
        <button type="submit" class="button button--primary" disabled={action.busy || text.trim() === ""}>
          Save note
        </button>
        <button type="button" class="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Thread({
  articleId,
  thread,
  anchor,
  handles,
  onSelect,
  onChanged,
}: {
  articleId: number;
  thread: NoteThread;
  anchor: NoteAnchor | null;
  handles: string;
  onSelect: (anchor: NoteAnchor) => void;
  onChanged: (thread: NoteThread, message: string) => void;
}) {
  const [reply, setReply] = useState("");
  const action = useAction();
  const base = `/articles/${articleId}/editorial-notes/${encodeURIComponent(thread.id)}`;
  const resolved = thread.resolvedAt !== null;

  const sendReply = async (event: Event) => {
    event.preventDefault();
    const next = await action.run(() => api.post<NoteThread>(`${base}/replies`, { body: reply.trim() }));
    if (next) {
      setReply("");
      onChanged(next, "Reply added.");
    }
  };
  const toggle = async () => {
    const next = await action.run(() => api.post<NoteThread>(`${base}/${resolved ? "reopen" : "resolve"}`));
    if (next) onChanged(next, resolved ? "Note reopened." : "Note resolved.");
  };

  return (
    <article class={`note-thread${resolved ? " note-thread--resolved" : ""}`} aria-label={`Note on “${thread.quote}”`}>
      {anchor ? (
        <button type="button" class="note-thread__quote" onClick={() => onSelect(anchor)} title="Select these words">
          “{thread.quote}”
        </button>
      ) : (
        <p class="note-thread__quote note-thread__quote--removed">
          “{thread.quote}” <em>(text removed)</em>
        </p>
      )}
      <ol class="note-comments">
        {thread.comments.map((comment) => (
          <li key={comment.id}>
            <strong>{comment.author.name}</strong> · <span class="muted">{formatDateTime(comment.createdAt)}</span>
            <p class="note-comment__body">{comment.body}</p>
          </li>
        ))}
      </ol>
      {resolved && thread.resolvedBy && (
        <p class="muted">
          Resolved by {thread.resolvedBy.name} · {formatDateTime(thread.resolvedAt)}
        </p>
      )}
      <ErrorMessage error={action.error} />
      <form class="stack" onSubmit={sendReply} aria-label={`Reply to the note on “${thread.quote}”`}>
        <TextArea
          label="Reply"
          rows={2}
          maxLength={4000}
          value={reply}
          onValue={setReply}
          {...(handles ? { hint: `Mention: ${handles}` } : {})}
        />
        <div class="form__actions">
          <button type="submit" class="button" disabled={action.busy || reply.trim() === ""}>
            Reply
          </button>
          <button
            type="button"
            class="button"
            disabled={action.busy}
            aria-label={`${resolved ? "Reopen" : "Resolve"} the note on “${thread.quote}”`}
            onClick={() => void toggle()}
          >
            {resolved ? "Reopen" : "Resolve"}
          </button>
        </div>
      </form>
    </article>
  );
}
