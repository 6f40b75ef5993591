/**
 * The slash menu: typing "/" at the start of an empty top-level paragraph lists the blocks the
 * toolbar inserts (the same tools, so both stay one list), filtered by the words typed after the
 * slash. Focus stays in the body; the arrow keys move the choice, Enter inserts, Esc closes.
 */
import type { EditorState } from "@tiptap/pm/state";

/** Letters, digits and spaces after the slash; anything else means the writer is typing a path or a fraction. */
const QUERY = /^\/([\p{L}\p{N} ]{0,24})$/u;

/** Toolbar tools that change text rather than insert or turn the paragraph into a block. */
const NOT_BLOCKS = new Set(["bold", "italic", "link", "note", "undo", "redo"]);

export interface SlashTool {
  key: string;
  label: string;
  run: () => void;
}

/**
 * The words typed after "/" when the cursor ends a top-level paragraph holding only "/words", with
 * the paragraph's position (so Esc can close the menu for that paragraph only); null otherwise.
 */
export function slashQuery(state: EditorState): { query: string; at: number } | null {
  const { selection } = state;
  if (!selection.empty) return null;
  const { $from } = selection;
  if ($from.depth !== 1 || $from.parent.type.name !== "paragraph") return null;
  if ($from.parentOffset !== $from.parent.content.size) return null;
  const match = QUERY.exec($from.parent.textContent);
  return match ? { query: (match[1] ?? "").trim().toLowerCase(), at: $from.before(1) } : null;
}

/** The block tools whose name holds every typed word, in toolbar order. */
export function slashChoices<T extends SlashTool>(tools: readonly T[], query: string): T[] {
  const words = query.split(/\s+/).filter(Boolean);
  return tools.filter(
    (tool) =>
      !NOT_BLOCKS.has(tool.key) &&
      words.every((word) => tool.label.toLowerCase().includes(word) || tool.key.includes(word)),
  );
}

export function SlashMenu({
  id,
  choices,
  active,
  top,
  left,
  onChoose,
}: {
  id: string;
  choices: readonly SlashTool[];
  active: number;
  top: number;
  left: number;
  onChoose: (tool: SlashTool) => void;
}) {
  return (
    <div
      class="slash-menu"
      id={id}
      role="listbox"
      aria-label="Insert a block"
      style={{ top: `${top}px`, left: `${left}px` }}
    >
      {choices.map((tool, index) => (
        <div
          key={tool.key}
          tabIndex={-1}
          id={`${id}-${tool.key}`}
          role="option"
          aria-selected={index === active}
          class={index === active ? "slash-menu__item is-active" : "slash-menu__item"}
          // The mouse must not take focus from the body, or the menu would close before the click.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onChoose(tool)}
          onKeyDown={(event) => {
            if (event.key === "Enter") onChoose(tool);
          }}
        >
          {tool.label.replace(/^Insert /, "")}
        </div>
      ))}
    </div>
  );
}
