/**
 * How the Gazette blocks look and are edited inside the editor: Preact components rendered into
 * ProseMirror node views. Their fields change the node's attributes through transactions, so undo,
 * autosave and `getJSON()` see every edit.
 */
import type { Editor, NodeViewRenderer } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import type { NodeView, ViewMutationRecord } from "@tiptap/pm/view";
import { type ComponentChildren, type ComponentType, render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { AUDIO_TRANSCRIPT_MAX, formatBytes, formatDuration } from "../../../src/newsroom/media-files.shared.js";
import { SOCIAL_AUTHOR_MAX, SOCIAL_TEXT_MAX } from "../../../src/newsroom/social-post.shared.js";
import { SOCIAL_PLATFORM_NAMES, type SocialPlatform } from "../../../src/newsroom/social-url.shared.js";
import { PROVIDER_NAMES, videoPageUrl } from "../../../src/newsroom/video-url.shared.js";
import { api, messageOf } from "../api.js";
import { previewUrl, useMedia } from "../media-cache.js";

type Attrs = Record<string, unknown>;

export interface BlockProps {
  attrs: Attrs;
  setAttrs: (changes: Attrs) => void;
  remove: () => void;
  /** Position in the document, for unique labels. */
  label: string;
}

function nodeActions(editor: Editor, getPos: () => number | undefined, current: () => PmNode) {
  const setAttrs = (changes: Attrs) => {
    const pos = getPos();
    if (typeof pos !== "number") return;
    editor.view.dispatch(editor.view.state.tr.setNodeMarkup(pos, undefined, { ...current().attrs, ...changes }));
  };
  const remove = () => {
    const pos = getPos();
    if (typeof pos !== "number") return;
    editor.view.dispatch(editor.view.state.tr.delete(pos, pos + current().nodeSize));
    editor.view.focus();
  };
  return { setAttrs, remove };
}

/** Events inside the block's own fields belong to the fields, not to ProseMirror. */
function isFieldEvent(event: Event): boolean {
  const target = event.target as HTMLElement | null;
  return Boolean(target?.closest?.("input, textarea, select, button, a, label"));
}

/** A node view for an atom block, drawn by a Preact component. */
export function atomView(Component: ComponentType<BlockProps>, label: string): NodeViewRenderer {
  return ({ node, editor, getPos }) => {
    let current = node;
    const dom = document.createElement("div");
    dom.className = `block block--${node.type.name}`;
    const { setAttrs, remove } = nodeActions(editor, getPos, () => current);
    const draw = () =>
      render(<Component attrs={current.attrs} setAttrs={setAttrs} remove={remove} label={label} />, dom);
    draw();
    const view: NodeView = {
      dom,
      update(updated) {
        if (updated.type !== current.type) return false;
        current = updated;
        draw();
        return true;
      },
      stopEvent: isFieldEvent,
      ignoreMutation: () => true,
      selectNode() {
        dom.classList.add("is-selected");
      },
      deselectNode() {
        dom.classList.remove("is-selected");
      },
      destroy() {
        render(null, dom);
      },
    };
    return view;
  };
}

export function BlockHeader({ title, remove }: { title: string; remove: () => void }) {
  return (
    <div class="block__header">
      {/* ProseMirror moves the block this handle belongs to (its schema marks the block draggable). */}
      <span class="block__drag" draggable title="Drag to move" aria-hidden="true">
        ⠿
      </span>
      <span class="block__kind">{title}</span>
      <button type="button" class="button button--quiet button--small" onClick={remove}>
        Remove<span class="visually-hidden"> {title.toLowerCase()}</span>
      </button>
    </div>
  );
}

export function Field({
  label,
  value,
  onValue,
  maxLength,
  multiline,
}: {
  label: string;
  value: unknown;
  onValue: (value: string) => void;
  maxLength: number;
  multiline?: boolean;
}) {
  // Labels wrap their fields: a node view is a render root of its own, where useId would repeat ids.
  const text = typeof value === "string" ? value : "";
  return (
    <div class="field field--compact">
      {multiline ? (
        <label>
          <span class="field__label">{label}</span>
          <textarea rows={2} maxLength={maxLength} value={text} onInput={(e) => onValue(e.currentTarget.value)} />
        </label>
      ) : (
        <label>
          <span class="field__label">{label}</span>
          <input maxLength={maxLength} value={text} onInput={(e) => onValue(e.currentTarget.value)} />
        </label>
      )}
    </div>
  );
}

export function ImageBlock({ attrs, setAttrs, remove }: BlockProps) {
  const mediaId = typeof attrs.mediaId === "number" ? attrs.mediaId : null;
  const { media, missing } = useMedia(mediaId);
  return (
    <figure class="block__figure">
      <BlockHeader title="Image" remove={remove} />
      {media ? (
        <img src={previewUrl(media)} alt="" width={media.width} height={media.height} />
      ) : (
        <p class="muted">{missing ? `Image ${mediaId ?? "?"} is not in the library.` : "Loading the image…"}</p>
      )}
      <figcaption class="block__fields">
        <Field
          label="Caption"
          value={attrs.caption}
          maxLength={1000}
          multiline
          onValue={(caption) => setAttrs({ caption })}
        />
        <Field label="Credit" value={attrs.credit} maxLength={300} onValue={(credit) => setAttrs({ credit })} />
        <Field label="Alternative text" value={attrs.alt} maxLength={500} onValue={(alt) => setAttrs({ alt })} />
      </figcaption>
    </figure>
  );
}

/** An audio clip or a PDF: what the library knows of the file, its title, and a clip's transcript. */
export function FileBlock({ attrs, setAttrs, remove, kind }: BlockProps & { kind: "audio" | "document" }) {
  const mediaId = typeof attrs.mediaId === "number" ? attrs.mediaId : null;
  const { media, missing } = useMedia(mediaId);
  const facts = media
    ? [
        media.durationMs ? formatDuration(media.durationMs) : null,
        media.pageCount ? `${media.pageCount} pages` : null,
        media.byteSize ? formatBytes(media.byteSize) : null,
      ].filter((fact) => fact !== null)
    : [];
  return (
    <div class="block__embed">
      <BlockHeader title={kind === "audio" ? "Audio" : "Document (PDF)"} remove={remove} />
      <p class="muted">
        {media
          ? `№ ${media.id}${facts.length > 0 ? ` · ${facts.join(" · ")}` : ""}`
          : missing
            ? `Item ${mediaId ?? "?"} is not in the library.`
            : "Loading…"}
      </p>
      <Field label="Title" value={attrs.title} maxLength={300} onValue={(title) => setAttrs({ title })} />
      {kind === "audio" && (
        <Field
          label="Transcript (blank lines between paragraphs)"
          value={attrs.transcript}
          maxLength={AUDIO_TRANSCRIPT_MAX}
          multiline
          onValue={(transcript) => setAttrs({ transcript })}
        />
      )}
    </div>
  );
}

export const AudioBlock = (props: BlockProps) => <FileBlock {...props} kind="audio" />;
export const DocumentBlock = (props: BlockProps) => <FileBlock {...props} kind="document" />;

export function EmbedBlock({ attrs, setAttrs, remove }: BlockProps) {
  if (attrs.provider === "map") {
    const slug = typeof attrs.videoId === "string" ? attrs.videoId : "";
    return (
      <div class="block__embed">
        <BlockHeader title="Map" remove={remove} />
        <p>
          Battle map <code>{slug}</code> · <a href="/admin/maps">maps</a>
        </p>
        <Field
          label="Map title (under the map and for screen readers)"
          value={attrs.title}
          maxLength={300}
          onValue={(title) => setAttrs({ title })}
        />
      </div>
    );
  }
  const provider = attrs.provider === "vimeo" ? "vimeo" : "youtube";
  const videoId = typeof attrs.videoId === "string" ? attrs.videoId : "";
  return (
    <div class="block__embed">
      <BlockHeader title="Video" remove={remove} />
      <p>
        {PROVIDER_NAMES[provider]} video <code>{videoId}</code> ·{" "}
        <a href={videoPageUrl({ provider, videoId })} target="_blank" rel="noopener noreferrer">
          watch on {PROVIDER_NAMES[provider]}
        </a>
      </p>
      <Field
        label="Video title (for the player and screen readers)"
        value={attrs.title}
        maxLength={300}
        onValue={(title) => setAttrs({ title })}
      />
    </div>
  );
}

/** A row's text in a block's list: Enter starts the next row rather than leaving the field. */
function RowTextInput(props: { label: string; value: string; onValue: (value: string) => void; onEnter: () => void }) {
  return (
    <label>
      <span class="visually-hidden">{props.label}</span>
      <input
        maxLength={2000}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            props.onEnter();
          }
        }}
      />
    </label>
  );
}

export function RemoveRowButton({ what, onRemove }: { what: string; onRemove: () => void }) {
  return (
    <button type="button" class="button button--quiet button--small" onClick={onRemove}>
      Remove<span class="visually-hidden"> {what}</span>
    </button>
  );
}

export function TakeawaysBlock({ attrs, setAttrs, remove }: BlockProps) {
  const items = Array.isArray(attrs.items)
    ? (attrs.items as unknown[]).map((i) => (typeof i === "string" ? i : ""))
    : [];
  const setItem = (index: number, value: string) =>
    setAttrs({ items: items.map((item, i) => (i === index ? value : item)) });
  const removeItem = (index: number) => setAttrs({ items: items.filter((_, i) => i !== index) });
  const addItem = () => setAttrs({ items: [...items, ""] });
  const list = useRef<HTMLOListElement>(null);
  const focusRow = (index: number) =>
    requestAnimationFrame(() => list.current?.querySelectorAll("input")[index]?.focus());
  return (
    <div class="block__takeaways">
      <BlockHeader title="Takeaways" remove={remove} />
      <Field label="Title" value={attrs.title} maxLength={300} onValue={(title) => setAttrs({ title })} />
      <fieldset class="takeaways-items">
        <legend>Points</legend>
        <ol ref={list}>
          {items.map((item, index) => (
            <li key={index} class="takeaways-items__row">
              <RowTextInput
                label={`Point ${index + 1}`}
                value={item}
                onValue={(value) => setItem(index, value)}
                onEnter={() => {
                  addItem();
                  focusRow(index + 1);
                }}
              />
              <RemoveRowButton
                what={`point ${index + 1}`}
                onRemove={() => {
                  removeItem(index);
                  focusRow(Math.max(0, index - 1));
                }}
              />
            </li>
          ))}
        </ol>
        <button
          type="button"
          class="button button--small"
          onClick={() => {
            addItem();
            focusRow(items.length);
          }}
        >
          Add a point
        </button>
      </fieldset>
    </div>
  );
}

interface TimelineRow {
  date: string;
  text: string;
}

/** The day and the optional time of a stored timeline date ("2026-12-01T09:30" → "2026-12-01", "09:30"). */
function splitTimelineDate(value: string): { day: string; time: string } {
  const [day = "", time = ""] = value.split("T");
  return { day, time };
}

export function TimelineBlock({ attrs, setAttrs, remove }: BlockProps) {
  const entries: TimelineRow[] = Array.isArray(attrs.entries)
    ? (attrs.entries as unknown[]).map((e) => {
        const record = typeof e === "object" && e !== null ? (e as Record<string, unknown>) : {};
        return {
          date: typeof record.date === "string" ? record.date : "",
          text: typeof record.text === "string" ? record.text : "",
        };
      })
    : [];
  const setEntry = (index: number, change: Partial<TimelineRow>) =>
    setAttrs({ entries: entries.map((entry, i) => (i === index ? { ...entry, ...change } : entry)) });
  const setDate = (index: number, day: string, time: string) =>
    setEntry(index, { date: day ? (time ? `${day}T${time}` : day) : "" });
  const removeEntry = (index: number) => setAttrs({ entries: entries.filter((_, i) => i !== index) });
  const addEntry = () => setAttrs({ entries: [...entries, { date: "", text: "" }] });
  const list = useRef<HTMLOListElement>(null);
  const focusRow = (index: number) =>
    requestAnimationFrame(() => list.current?.querySelectorAll<HTMLInputElement>("input[type=date]")[index]?.focus());
  return (
    <div class="block__timeline">
      <BlockHeader title="Timeline" remove={remove} />
      <Field label="Title" value={attrs.title} maxLength={300} onValue={(title) => setAttrs({ title })} />
      <fieldset class="takeaways-items">
        <legend>Entries, in the order readers see them</legend>
        <ol ref={list}>
          {entries.map((entry, index) => {
            const { day, time } = splitTimelineDate(entry.date);
            return (
              <li key={index} class="takeaways-items__row timeline-row">
                <label class="timeline-row__day">
                  <span class="visually-hidden">Date of entry {index + 1}</span>
                  <input type="date" value={day} onInput={(e) => setDate(index, e.currentTarget.value, time)} />
                </label>
                <label class="timeline-row__time">
                  <span class="visually-hidden">Time of entry {index + 1} (optional)</span>
                  <input
                    type="time"
                    value={time}
                    disabled={!day}
                    onInput={(e) => setDate(index, day, e.currentTarget.value)}
                  />
                </label>
                <RowTextInput
                  label={`What happened (entry ${index + 1})`}
                  value={entry.text}
                  onValue={(text) => setEntry(index, { text })}
                  onEnter={() => {
                    addEntry();
                    focusRow(index + 1);
                  }}
                />
                <RemoveRowButton
                  what={`entry ${index + 1}`}
                  onRemove={() => {
                    removeEntry(index);
                    focusRow(Math.max(0, index - 1));
                  }}
                />
              </li>
            );
          })}
        </ol>
        {entries.some((entry) => entry.text.trim() !== "" && entry.date === "") ? (
          <p class="hint">An entry without a date is shown without one.</p>
        ) : null}
        <button
          type="button"
          class="button button--small"
          onClick={() => {
            addEntry();
            focusRow(entries.length);
          }}
        >
          Add an entry
        </button>
      </fieldset>
    </div>
  );
}

/**
 * A social-post card. A new card asks the server for the post (`fetch: "pending"`); when that
 * fails (no network, a deleted post) the editor types the text and author, and readers are told
 * it is the post as quoted on that day.
 */
export function SocialPostBlock({ attrs, setAttrs, remove }: BlockProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const asked = useRef(false);
  const pending = attrs.fetch === "pending";
  useEffect(() => {
    if (!pending || asked.current) return;
    asked.current = true;
    setProblem(null);
    api
      .post<Attrs>("/social-cards", { url: attrs.url })
      .then((card) => setAttrs({ ...card, fetch: null }))
      .catch((error: unknown) => {
        setProblem(`${messageOf(error)}`);
        setAttrs({ fetch: null, source: "manual" });
      })
      .finally(() => {
        asked.current = false;
      });
  }, [pending]);
  const platform = SOCIAL_PLATFORM_NAMES[attrs.platform as SocialPlatform] ?? String(attrs.platform);
  const mediaId = typeof attrs.mediaId === "number" ? attrs.mediaId : null;
  const { media } = useMedia(mediaId);
  const postedDay = typeof attrs.postedAt === "string" ? attrs.postedAt.slice(0, 10) : "";
  return (
    <div class="block__social">
      <BlockHeader title={`${platform} post`} remove={remove} />
      <p class="block__source">
        <a href={String(attrs.url)} target="_blank" rel="noopener noreferrer">
          {String(attrs.url)}
        </a>
      </p>
      {pending ? (
        <p class="muted" role="status">
          Fetching the post from {platform}…
        </p>
      ) : null}
      {problem ? (
        <p class="message message--error" role="alert">
          {problem}
        </p>
      ) : null}
      {media ? <img src={previewUrl(media)} alt="" width={media.width} height={media.height} /> : null}
      <Field
        label="Author"
        value={attrs.author}
        maxLength={SOCIAL_AUTHOR_MAX}
        onValue={(author) => setAttrs({ author })}
      />
      <Field
        label="Text of the post (as quoted)"
        value={attrs.text}
        maxLength={SOCIAL_TEXT_MAX}
        multiline
        onValue={(text) => setAttrs({ text })}
      />
      <div class="field field--compact">
        <label>
          <span class="field__label">Posted on (optional)</span>
          <input
            type="date"
            value={postedDay}
            onInput={(e) =>
              setAttrs({
                postedAt: e.currentTarget.value
                  ? `${e.currentTarget.value}${String(attrs.postedAt ?? "").slice(10)}`
                  : "",
              })
            }
          />
        </label>
      </div>
      <p class="hint">
        {attrs.source === "fetched"
          ? `Fetched from ${platform}; readers see this card and load nothing from ${platform} unless they ask.`
          : `Typed by hand: readers are told this is the post as quoted on ${String(attrs.quotedOn)}.`}
      </p>
      <div class="block__actions">
        {mediaId !== null ? (
          <button type="button" class="button button--small" onClick={() => setAttrs({ mediaId: null })}>
            Remove the image
          </button>
        ) : null}
        <button
          type="button"
          class="button button--small"
          disabled={pending}
          onClick={() => setAttrs({ fetch: "pending" })}
        >
          Fetch again from {platform}
        </button>
      </div>
    </div>
  );
}

function Citation({ value, onValue }: { value: unknown; onValue: (value: string) => void }) {
  return <Field label="Who is quoted (optional)" value={value} maxLength={300} onValue={onValue} />;
}

/**
 * A block whose text stays editable in ProseMirror (`content`) next to a panel of fields the
 * app draws itself (`panel`): the panel's own events and changes are kept out of the editor.
 */
function fieldsAndTextView(options: {
  className: string;
  content: "blockquote" | "div";
  contentClass?: string;
  panelFirst: boolean;
  drawPanel: (node: PmNode, actions: ReturnType<typeof nodeActions>) => ComponentChildren;
}): NodeViewRenderer {
  return ({ node, editor, getPos }) => {
    let current = node;
    const dom = document.createElement("div");
    dom.className = `block ${options.className}`;
    const contentDOM = document.createElement(options.content);
    if (options.contentClass) contentDOM.className = options.contentClass;
    const panel = document.createElement("div");
    panel.contentEditable = "false";
    if (options.panelFirst) dom.append(panel, contentDOM);
    else dom.append(contentDOM, panel);
    const actions = nodeActions(editor, getPos, () => current);
    const draw = () => render(options.drawPanel(current, actions), panel);
    draw();
    const view: NodeView = {
      dom,
      contentDOM,
      update(updated) {
        if (updated.type !== current.type) return false;
        current = updated;
        draw();
        return true;
      },
      // A drag from the panel's handle is ProseMirror's: it moves the whole block.
      stopEvent: (event) => event.type !== "dragstart" && panel.contains(event.target as globalThis.Node),
      ignoreMutation: (mutation: ViewMutationRecord) =>
        mutation.type !== "selection" && panel.contains(mutation.target as globalThis.Node),
      destroy() {
        render(null, panel);
      },
    };
    return view;
  };
}

/** A quote keeps its editable text in ProseMirror and adds a field for who is quoted. */
export const blockquoteView = fieldsAndTextView({
  className: "block--quote",
  content: "blockquote",
  panelFirst: false,
  drawPanel: (node, { setAttrs }) => (
    <div class="block__citation">
      <Citation value={node.attrs.citation} onValue={(text) => setAttrs({ citation: text || null })} />
    </div>
  ),
});

/** A factbox keeps its paragraphs and lists in ProseMirror, under a field for its title. */
export const factboxView = fieldsAndTextView({
  className: "block--factbox",
  content: "div",
  contentClass: "block__factbox-body",
  panelFirst: true,
  drawPanel: (node, { setAttrs, remove }) => (
    <>
      <BlockHeader title="Factbox" remove={remove} />
      <Field label="Factbox title" value={node.attrs.title} maxLength={300} onValue={(title) => setAttrs({ title })} />
    </>
  ),
});
