import { getSchema } from "@tiptap/core";
import { Node } from "@tiptap/pm/model";
import { EditorState, TextSelection } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import { bodyExtensions } from "./schema.js";
import { slashChoices, slashQuery } from "./slash-menu.js";

const schema = getSchema(bodyExtensions());

/** A state with the cursor at the end of top-level block `index` (or at `offset` inside it). */
function stateOf(content: unknown[], index = 0, offset?: number): EditorState {
  const doc = Node.fromJSON(schema, { type: "doc", content });
  let pos = 0;
  for (let i = 0; i < index; i++) pos += doc.child(i).nodeSize;
  const block = doc.child(index);
  const state = EditorState.create({ doc });
  return state.apply(state.tr.setSelection(TextSelection.create(doc, pos + 1 + (offset ?? block.content.size))));
}
const para = (text?: string) =>
  text ? { type: "paragraph", content: [{ type: "text", text }] } : { type: "paragraph" };

describe("slashQuery", () => {
  it("opens on a slash alone or with words at the end of a top-level paragraph, with the paragraph's position", () => {
    expect(slashQuery(stateOf([para("/")]))).toEqual({ query: "", at: 0 });
    expect(slashQuery(stateOf([para("Intro."), para("/Gal")], 1))).toEqual({ query: "gal", at: 8 });
  });

  it("stays closed for a slash inside text, a path, a fraction, a cursor before the end, or inside a list", () => {
    expect(slashQuery(stateOf([para("and/or")]))).toBeNull();
    expect(slashQuery(stateOf([para("/admin/maps")]))).toBeNull();
    expect(slashQuery(stateOf([para("1/2")]))).toBeNull();
    expect(slashQuery(stateOf([para("/gal")], 0, 1))).toBeNull();
    const list = { type: "bulletList", content: [{ type: "listItem", content: [para("/")] }] };
    expect(slashQuery(EditorState.create({ doc: Node.fromJSON(schema, { type: "doc", content: [list] }) }))).toBeNull();
  });
});

describe("slashChoices", () => {
  const tools = ["bold", "h2", "image", "gallery", "related", "undo"].map((key) => ({
    key,
    label: key === "h2" ? "H2 heading" : key === "bold" || key === "undo" ? key : `Insert ${key}`,
    run: () => undefined,
  }));

  it("offers the block tools only, in toolbar order, narrowed by every typed word", () => {
    expect(slashChoices(tools, "").map((tool) => tool.key)).toEqual(["h2", "image", "gallery", "related"]);
    expect(slashChoices(tools, "gal").map((tool) => tool.key)).toEqual(["gallery"]);
    expect(slashChoices(tools, "insert re").map((tool) => tool.key)).toEqual(["related"]);
    expect(slashChoices(tools, "bold")).toEqual([]);
  });
});
