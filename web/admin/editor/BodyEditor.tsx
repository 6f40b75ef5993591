/** The article body editor: Tiptap limited to the body model, with a keyboard-usable toolbar. */
import { Editor, type JSONContent } from "@tiptap/core";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { DEFAULT_RELATED_TITLE } from "../../../src/newsroom/related.shared.js";
import { PROVIDER_NAMES, parseVideoUrl } from "../../../src/newsroom/video-url.shared.js";
import { DEFAULT_FACTBOX_TITLE, DEFAULT_TIMELINE_TITLE, isSafeHref } from "../body-mapping.js";
import { MediaPicker } from "../pickers.js";
import type { Media } from "../types.js";
import { Dialog, TextField } from "../ui.js";
import { FileBlockDialog } from "./file-dialog.js";
import { MapDialog } from "./map-dialog.js";
import {
  AudioBlock,
  atomView,
  blockquoteView,
  DocumentBlock,
  EmbedBlock,
  factboxView,
  ImageBlock,
  SocialPostBlock,
  TakeawaysBlock,
  TimelineBlock,
} from "./node-views.js";
import { GalleryBlock, RelatedBlock } from "./PickerBlocks.js";
import {
  AudioNode,
  bodyExtensions,
  DocumentNode,
  EmbedNode,
  FactboxNode,
  GalleryNode,
  GazetteBlockquote,
  ImageNode,
  newSocialPostAttrs,
  RelatedNode,
  SocialPostNode,
  TakeawaysNode,
  TimelineNode,
} from "./schema.js";
import { SlashMenu, type SlashTool, slashChoices, slashQuery } from "./slash-menu.js";

function createEditor(
  element: HTMLElement,
  content: JSONContent,
  labelledBy: string,
  editable: boolean,
  lang: string | undefined,
  onKey: (event: KeyboardEvent) => boolean,
): Editor {
  return new Editor({
    element,
    content,
    editable,
    // Tiptap's injected <style> would break the page's CSP (style-src 'self'); admin.css has the rules.
    injectCSS: false,
    extensions: bodyExtensions({
      blockquote: GazetteBlockquote.extend({ addNodeView: () => blockquoteView }),
      image: ImageNode.extend({ addNodeView: () => atomView(ImageBlock, "Image") }),
      embed: EmbedNode.extend({ addNodeView: () => atomView(EmbedBlock, "Video") }),
      takeaways: TakeawaysNode.extend({ addNodeView: () => atomView(TakeawaysBlock, "Takeaways") }),
      timeline: TimelineNode.extend({ addNodeView: () => atomView(TimelineBlock, "Timeline") }),
      factbox: FactboxNode.extend({ addNodeView: () => factboxView }),
      socialPost: SocialPostNode.extend({ addNodeView: () => atomView(SocialPostBlock, "Social post") }),
      gallery: GalleryNode.extend({ addNodeView: () => atomView(GalleryBlock, "Gallery") }),
      related: RelatedNode.extend({ addNodeView: () => atomView(RelatedBlock, "Related stories") }),
      audio: AudioNode.extend({ addNodeView: () => atomView(AudioBlock, "Audio") }),
      document: DocumentNode.extend({ addNodeView: () => atomView(DocumentBlock, "Document") }),
    }),
    editorProps: {
      handleKeyDown: (_view, event) => onKey(event),
      attributes: {
        class: "prose",
        "aria-labelledby": labelledBy,
        "aria-multiline": "true",
        ...(lang ? { lang } : {}),
      },
    },
  });
}

/**
 * Puts a block after the top-level block holding the cursor, or in place of it when that is an
 * empty paragraph: images, videos and takeaways live at the top of the document, never in lists.
 */
function insertBlock(editor: Editor, node: JSONContent): void {
  const { selection } = editor.state;
  const { $from } = selection;
  if ($from.depth === 0) {
    editor.chain().focus().insertContentAt(selection.to, node).run();
    return;
  }
  const top = $from.node(1);
  const range =
    top.type.name === "paragraph" && top.content.size === 0
      ? { from: $from.before(1), to: $from.after(1) }
      : $from.after(1);
  editor.chain().focus().insertContentAt(range, node).run();
}

interface Tool {
  key: string;
  /** The accessible name; it contains the visible text, so speech users can say what they see. */
  label: string;
  /** Short text on the button. */
  text: string;
  /** Keys that do the same in the body, announced by screen readers (aria-keyshortcuts). */
  keys?: string;
  run: () => void;
  active?: () => boolean;
  disabled?: () => boolean;
  separatorBefore?: boolean;
}

/** Selected words a new editorial note is about. */
export interface NoteRange {
  from: number;
  to: number;
  quote: string;
}

/** The selection as a note's range, or null when nothing (or no text) is selected. */
function selectedRange(editor: Editor): NoteRange | null {
  const { from, to, empty } = editor.state.selection;
  if (empty) return null;
  const quote = editor.state.doc.textBetween(from, to, " ").trim();
  return quote === "" ? null : { from, to, quote };
}

export function BodyEditor({
  initial,
  labelledBy,
  editable,
  lang,
  onChange,
  onAddNote,
  onEditor,
}: {
  initial: JSONContent;
  labelledBy: string;
  editable: boolean;
  lang?: string | undefined;
  onChange: (json: JSONContent) => void;
  /** Offers "Add note" (toolbar and Ctrl+Alt+M) on selected words; without it there is none. */
  onAddNote?: ((range: NoteRange) => void) | undefined;
  /** Hands the editor to the notes panel (null once it is gone). */
  onEditor?: ((editor: Editor | null) => void) | undefined;
}) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const [, redraw] = useState(0);
  const [dialog, setDialog] = useState<null | "link" | "image" | "video" | "map" | "social" | "audio" | "document">(
    null,
  );
  const [focusIndex, setFocusIndex] = useState(0);
  const [slashActive, setSlashActive] = useState(0);
  /** The paragraph whose slash menu the writer closed with Esc. */
  const [slashClosedAt, setSlashClosedAt] = useState<number | null>(null);
  const slashKeys = useRef<(event: KeyboardEvent) => boolean>(() => false);
  const onAddNoteRef = useRef(onAddNote);
  onAddNoteRef.current = onAddNote;
  const addNote = () => {
    const editor = editorRef.current;
    const range = editor ? selectedRange(editor) : null;
    if (range) onAddNoteRef.current?.(range);
  };
  const addNoteRef = useRef(addNote);
  addNoteRef.current = addNote;
  const slashId = useId();

  useEffect(() => {
    if (!host.current) return;
    const editor = createEditor(host.current, initial, labelledBy, editable, lang, (event) => {
      if (onAddNoteRef.current && event.ctrlKey && event.altKey && event.code === "KeyM") {
        addNoteRef.current();
        return true;
      }
      return slashKeys.current(event);
    });
    editorRef.current = editor;
    onEditor?.(editor);
    editor.on("update", () => onChangeRef.current(editor.getJSON()));
    editor.on("transaction", () => redraw((n) => n + 1));
    // Draw the toolbar now: without this it waited for the first transaction, i.e. the first focus.
    redraw((n) => n + 1);
    return () => {
      onEditor?.(null);
      editor.destroy();
      editorRef.current = null;
    };
  }, []);

  useEffect(() => {
    editorRef.current?.setEditable(editable);
  }, [editable]);

  const editor = editorRef.current;
  const chain = () => editor!.chain().focus();
  const can = () => Boolean(editor?.isEditable);

  const tools: Tool[] = editor
    ? [
        {
          key: "p",
          label: "Paragraph",
          text: "¶",
          run: () => chain().setParagraph().run(),
          active: () => editor.isActive("paragraph"),
        },
        ...([2, 3, 4] as const).map((level) => ({
          key: `h${level}`,
          label: `H${level} heading`,
          text: `H${level}`,
          run: () => chain().toggleHeading({ level }).run(),
          active: () => editor.isActive("heading", { level }),
        })),
        {
          key: "bold",
          label: "Bold",
          text: "B",
          keys: "Control+B",
          separatorBefore: true,
          run: () => chain().toggleBold().run(),
          active: () => editor.isActive("bold"),
        },
        {
          key: "italic",
          label: "Italic",
          text: "I",
          keys: "Control+I",
          run: () => chain().toggleItalic().run(),
          active: () => editor.isActive("italic"),
        },
        {
          key: "link",
          label: "Link",
          text: "Link",
          run: () => setDialog("link"),
          active: () => editor.isActive("link"),
        },
        ...(onAddNote
          ? [
              {
                key: "note",
                label: "Add note",
                text: "Add note",
                keys: "Control+Alt+M",
                run: addNote,
                disabled: () => selectedRange(editor) === null,
              },
            ]
          : []),
        {
          key: "ul",
          label: "Bulleted list",
          text: "• List",
          separatorBefore: true,
          run: () => chain().toggleBulletList().run(),
          active: () => editor.isActive("bulletList"),
        },
        {
          key: "ol",
          label: "1. List (numbered)",
          text: "1. List",
          run: () => chain().toggleOrderedList().run(),
          active: () => editor.isActive("orderedList"),
        },
        {
          key: "quote",
          label: "Quote",
          text: "“ Quote",
          run: () => chain().toggleBlockquote().run(),
          active: () => editor.isActive("blockquote"),
        },
        { key: "hr", label: "Divider line", text: "—", run: () => chain().setHorizontalRule().run() },
        { key: "image", label: "Insert image", text: "Image", separatorBefore: true, run: () => setDialog("image") },
        {
          key: "gallery",
          label: "Insert gallery",
          text: "Gallery",
          run: () => insertBlock(editor, { type: "gallery", attrs: { layout: "grid", photos: [] } }),
        },
        { key: "video", label: "Insert video", text: "Video", run: () => setDialog("video") },
        { key: "map", label: "Insert map", text: "Map", run: () => setDialog("map") },
        { key: "social", label: "Insert social post", text: "Social post", run: () => setDialog("social") },
        { key: "audio", label: "Insert audio", text: "Audio", run: () => setDialog("audio") },
        { key: "document", label: "Insert PDF document", text: "PDF", run: () => setDialog("document") },
        {
          key: "takeaways",
          label: "Insert takeaways",
          text: "Takeaways",
          run: () => insertBlock(editor, { type: "takeaways", attrs: { title: "Key takeaways", items: [""] } }),
        },
        {
          key: "factbox",
          label: "Insert factbox",
          text: "Factbox",
          run: () =>
            insertBlock(editor, {
              type: "factbox",
              attrs: { title: DEFAULT_FACTBOX_TITLE },
              content: [{ type: "paragraph" }],
            }),
        },
        {
          key: "timeline",
          label: "Insert timeline",
          text: "Timeline",
          run: () =>
            insertBlock(editor, {
              type: "timeline",
              attrs: { title: DEFAULT_TIMELINE_TITLE, entries: [{ date: "", text: "" }] },
            }),
        },
        {
          key: "related",
          label: "Insert related stories",
          text: "Related",
          run: () => insertBlock(editor, { type: "related", attrs: { title: DEFAULT_RELATED_TITLE, articleIds: [] } }),
        },
        {
          key: "undo",
          label: "Undo",
          text: "Undo",
          keys: "Control+Z",
          separatorBefore: true,
          run: () => chain().undo().run(),
          disabled: () => !editor.can().undo(),
        },
        {
          key: "redo",
          label: "Redo",
          text: "Redo",
          keys: "Control+Shift+Z",
          run: () => chain().redo().run(),
          disabled: () => !editor.can().redo(),
        },
      ]
    : [];

  const slash = editor && editable ? slashQuery(editor.state) : null;
  const slashOpen = slash !== null && slash.at !== slashClosedAt;
  const choices = slashOpen ? slashChoices(tools, slash.query) : [];
  const active = Math.min(slashActive, Math.max(choices.length - 1, 0));
  const chooseSlash = (tool: SlashTool) => {
    const { $from } = editor!.state.selection;
    editor!.chain().focus().deleteRange({ from: $from.start(), to: $from.end() }).run();
    setSlashActive(0);
    tool.run();
  };
  slashKeys.current = (event) => {
    if (!slashOpen || choices.length === 0) {
      if (slash === null && slashClosedAt !== null) setSlashClosedAt(null);
      return false;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      setSlashActive((active + (event.key === "ArrowDown" ? 1 : choices.length - 1)) % choices.length);
    } else if (event.key === "Enter") {
      const tool = choices[active];
      if (tool) chooseSlash(tool);
    } else if (event.key === "Escape") {
      setSlashClosedAt(slash.at);
    } else return false;
    return true;
  };
  const dom = editor && slashOpen && choices.length > 0 ? editor.view.dom : null;
  useEffect(() => {
    if (!dom) return;
    dom.setAttribute("aria-controls", slashId);
    dom.setAttribute("aria-activedescendant", `${slashId}-${choices[active]?.key ?? ""}`);
    return () => {
      dom.removeAttribute("aria-controls");
      dom.removeAttribute("aria-activedescendant");
    };
  });
  const menuAt = (): { top: number; left: number } => {
    const frame = host.current?.parentElement?.getBoundingClientRect();
    const caret = editor!.view.coordsAtPos(editor!.state.selection.from);
    return { top: caret.bottom - (frame?.top ?? 0) + 4, left: caret.left - (frame?.left ?? 0) };
  };

  // A toolbar is one tab stop; arrow keys move between its buttons.
  const onToolbarKey = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1 };
    let next = focusIndex;
    if (event.key in moves) next = (focusIndex + moves[event.key]! + tools.length) % tools.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = tools.length - 1;
    else return;
    event.preventDefault();
    setFocusIndex(next);
    (event.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>("button")[next]?.focus();
  };

  return (
    <div class="body-editor">
      {editable && (
        <div class="toolbar" role="toolbar" aria-label="Body formatting" onKeyDown={onToolbarKey}>
          {tools.map((tool, index) => (
            <button
              key={tool.key}
              type="button"
              class={`toolbar__button${tool.separatorBefore ? " toolbar__button--group" : ""}`}
              aria-label={tool.label}
              aria-keyshortcuts={tool.keys}
              title={tool.keys ? `${tool.label} (${tool.keys.replace("Control", "Ctrl")})` : tool.label}
              aria-pressed={tool.active ? tool.active() : undefined}
              disabled={!can() || tool.disabled?.()}
              tabIndex={index === focusIndex ? 0 : -1}
              onFocus={() => setFocusIndex(index)}
              onMouseDown={(event) => event.preventDefault()}
              onClick={tool.run}
            >
              {tool.text}
            </button>
          ))}
        </div>
      )}
      <div ref={host} class="body-editor__surface" />
      {dom && <SlashMenu id={slashId} choices={choices} active={active} {...menuAt()} onChoose={chooseSlash} />}
      {editor && (
        <>
          <LinkDialog open={dialog === "link"} editor={editor} onClose={() => setDialog(null)} />
          <Dialog open={dialog === "image"} title="Insert an image" wide onClose={() => setDialog(null)}>
            <MediaPicker
              onPick={(media: Media) => {
                setDialog(null);
                insertBlock(editor, {
                  type: "image",
                  attrs: { mediaId: media.id, caption: media.caption, credit: media.credit, alt: media.alt || null },
                });
              }}
            />
          </Dialog>
          <VideoDialog
            open={dialog === "video"}
            onClose={() => setDialog(null)}
            onInsert={(attrs) => {
              setDialog(null);
              insertBlock(editor, { type: "embed", attrs });
            }}
          />
          <SocialPostDialog
            open={dialog === "social"}
            onClose={() => setDialog(null)}
            onInsert={(attrs) => {
              setDialog(null);
              insertBlock(editor, { type: "socialPost", attrs });
            }}
          />
          {(dialog === "audio" || dialog === "document") && (
            <FileBlockDialog
              open
              kind={dialog}
              onClose={() => setDialog(null)}
              onInsert={(attrs) => {
                insertBlock(editor, { type: dialog, attrs });
                setDialog(null);
              }}
            />
          )}
          <MapDialog
            open={dialog === "map"}
            lang={lang}
            onClose={() => setDialog(null)}
            onInsert={(attrs) => {
              setDialog(null);
              insertBlock(editor, { type: "embed", attrs });
            }}
          />
        </>
      )}
    </div>
  );
}

function LinkDialog({ open, editor, onClose }: { open: boolean; editor: Editor; onClose: () => void }) {
  const [href, setHref] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      setHref((editor.getAttributes("link").href as string | undefined) ?? "");
      setProblem(null);
    }
  }, [open, editor]);
  const apply = (event: Event) => {
    event.preventDefault();
    let value = href.trim();
    if (!value) {
      editor.chain().focus().extendMarkRange("link").unsetLink().run();
      onClose();
      return;
    }
    if (!/^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith("/") && !value.startsWith("#")) {
      value = `https://${value}`;
    }
    if (!isSafeHref(value)) {
      setProblem("Links may go to web pages (https://…), email addresses (mailto:…) or pages of this site (/…).");
      return;
    }
    editor.chain().focus().extendMarkRange("link").setLink({ href: value }).run();
    onClose();
  };
  return (
    <Dialog open={open} title="Link" onClose={onClose}>
      <form class="form" onSubmit={apply}>
        {problem && (
          <div class="message message--error" role="alert">
            <p>{problem}</p>
          </div>
        )}
        <TextField
          label="Address"
          hint="Leave empty to remove the link."
          type="text"
          inputMode="url"
          value={href}
          onValue={setHref}
          autoFocus
        />
        <div class="form__actions">
          <button class="button button--primary" type="submit">
            Apply
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * The address of a post, and, for a post that cannot be fetched (deleted, or no network), its text
 * and author typed by hand. With neither typed, the card is fetched from the platform.
 */
function SocialPostDialog({
  open,
  onClose,
  onInsert,
}: {
  open: boolean;
  onClose: () => void;
  onInsert: (attrs: Record<string, unknown>) => void;
}) {
  const [address, setAddress] = useState("");
  const [author, setAuthor] = useState("");
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      setAddress("");
      setAuthor("");
      setText("");
      setProblem(null);
    }
  }, [open]);
  const submit = (event: Event) => {
    event.preventDefault();
    const attrs = newSocialPostAttrs(address);
    if (!attrs) {
      setProblem(
        "Paste the address of one post on Telegram, X, Instagram, Facebook, TikTok, Bluesky or Mastodon, e.g. https://t.me/channel/123",
      );
      return;
    }
    const typed = author.trim() !== "" || text.trim() !== "";
    onInsert(typed ? { ...attrs, author: author.trim(), text: text.trim(), fetch: null } : attrs);
  };
  return (
    <Dialog open={open} title="Insert a social post" onClose={onClose}>
      <form class="form" onSubmit={submit}>
        {problem && (
          <div class="message message--error" role="alert">
            <p>{problem}</p>
          </div>
        )}
        <TextField
          label="Address of the post"
          inputMode="url"
          required
          value={address}
          onValue={setAddress}
          autoFocus
        />
        <TextField
          label="Author (optional)"
          hint="Only for a post that cannot be fetched: leave both empty to fetch the card from the platform."
          value={author}
          onValue={setAuthor}
        />
        <TextField label="Text of the post (optional)" value={text} onValue={setText} />
        <div class="form__actions">
          <button class="button button--primary" type="submit">
            Insert
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function VideoDialog({
  open,
  onClose,
  onInsert,
}: {
  open: boolean;
  onClose: () => void;
  onInsert: (attrs: { provider: string; videoId: string; title: string }) => void;
}) {
  const [address, setAddress] = useState("");
  const [title, setTitle] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      setAddress("");
      setTitle("");
      setProblem(null);
    }
  }, [open]);
  const submit = (event: Event) => {
    event.preventDefault();
    const ref = parseVideoUrl(address);
    if (!ref) {
      setProblem("Paste the address of a YouTube or Vimeo video, e.g. https://www.youtube.com/watch?v=…");
      return;
    }
    onInsert({ ...ref, title: title.trim() || `${PROVIDER_NAMES[ref.provider]} video` });
  };
  return (
    <Dialog open={open} title="Insert a video" onClose={onClose}>
      <form class="form" onSubmit={submit}>
        {problem && (
          <div class="message message--error" role="alert">
            <p>{problem}</p>
          </div>
        )}
        <TextField
          label="YouTube or Vimeo address"
          inputMode="url"
          required
          value={address}
          onValue={setAddress}
          autoFocus
        />
        <TextField label="Title" hint="Read by screen readers on the player." value={title} onValue={setTitle} />
        <div class="form__actions">
          <button class="button button--primary" type="submit">
            Insert
          </button>
        </div>
      </form>
    </Dialog>
  );
}
