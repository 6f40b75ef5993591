import { createReadStream } from "node:fs";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { ImportFormatError } from "../import-item.types.js";

/**
 * A small element tree, built only for the elements a reader asks for (one `<item>` at a time),
 * so a file of any size is read while holding one story in memory.
 */
export interface XmlNode {
  /** `prefix:local` with a canonical prefix for the namespaces readers know (`wp`, `content`, `atom`…). */
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Text and child elements in document order (Atom's xhtml content needs both). */
  content: (XmlNode | string)[];
  /** The line where the element opened (1-based), for failure messages. */
  line: number;
  /** Set when the element held more text than a story may: its text was not kept. */
  oversize?: boolean;
}

export type XmlDecision = "record" | "descend" | "skip";

export interface XmlWalk {
  /**
   * Called for each element outside a record: "record" builds its subtree and yields it,
   * "descend" streams on into its children, "skip" ignores it and everything inside.
   * `path` lists the canonical names from the root down to this element.
   */
  decide(path: readonly string[], attrs: Record<string, string>, at: XmlPosition): XmlDecision;
  /** Elements not kept inside a record (WordPress comments, a body the first pass does not need). */
  drop?: ReadonlySet<string>;
  /** Past this many characters a record keeps its element names but not its text (default 16 M). */
  maxRecordChars?: number;
  /**
   * Elements whose text is cut at a length (the rest is not kept, the record is not failed):
   * WordPress page builders store megabytes of layout in post meta no reader needs.
   */
  fieldCaps?: ReadonlyMap<string, number>;
}

export interface XmlPosition {
  /** Throws an ImportFormatError naming the current line and column. */
  fail(message: string): never;
}

export interface XmlRecord {
  node: XmlNode;
  /** Canonical names of the record's ancestors. */
  path: readonly string[];
}

const KNOWN_NAMESPACES: [RegExp, string][] = [
  [/^https?:\/\/wordpress\.org\/export\/1\.\d\/excerpt\/?$/, "excerpt"],
  [/^https?:\/\/wordpress\.org\/export\/1\.\d\/?$/, "wp"],
  [/^http:\/\/purl\.org\/rss\/1\.0\/modules\/content\/?$/, "content"],
  [/^http:\/\/purl\.org\/dc\/elements\/1\.1\/?$/, "dc"],
  [/^http:\/\/www\.w3\.org\/2005\/Atom\/?$/, "atom"],
  [/^http:\/\/search\.yahoo\.com\/mrss\/?$/, "media"],
  [/^http:\/\/www\.w3\.org\/1999\/02\/22-rdf-syntax-ns#$/, "rdf"],
  // RSS 1.0 elements read like RSS 2.0 ones.
  [/^http:\/\/purl\.org\/rss\/1\.0\/?$/, ""],
  [/^http:\/\/www\.w3\.org\/1999\/xhtml\/?$/, "xhtml"],
];
const KNOWN_PREFIXES = new Set(["wp", "excerpt", "content", "dc", "atom", "media", "rdf"]);

/**
 * Named HTML entities that feeds written by hand or by sloppy generators use without declaring
 * them; strict XML would reject the whole file for one `&nbsp;`.
 */
const LENIENT_ENTITIES: Record<string, string> = {
  nbsp: "\u00a0",
  ndash: "\u2013",
  mdash: "\u2014",
  hellip: "\u2026",
  lsquo: "\u2018",
  rsquo: "\u2019",
  ldquo: "\u201c",
  rdquo: "\u201d",
  laquo: "\u00ab",
  raquo: "\u00bb",
  copy: "\u00a9",
  reg: "\u00ae",
  trade: "\u2122",
  euro: "\u20ac",
  pound: "\u00a3",
  deg: "\u00b0",
  middot: "\u00b7",
  bull: "\u2022",
  times: "\u00d7",
  shy: "\u00ad",
};

/** C0 controls XML forbids; Word pastes them into WordPress posts, and saxes would stop the file on them. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding these characters is the point.
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const DEFAULT_MAX_RECORD_CHARS = 16 * 1024 * 1024;
const SMALL_FIELD_CHARS = 4096;

function canonicalPrefix(uri: string | undefined, prefix: string): string | null {
  if (uri !== undefined) {
    for (const [pattern, key] of KNOWN_NAMESPACES) if (pattern.test(uri)) return key;
    return null;
  }
  return KNOWN_PREFIXES.has(prefix) ? prefix : null;
}

/** Picks the decoder from a byte-order mark or the XML declaration; UTF-8 when neither says. */
function sniffEncoding(head: Buffer): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8";
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  const declared = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head.toString("latin1", 0, 300));
  return declared?.[1]?.toLowerCase() ?? "utf-8";
}

function makeDecoder(label: string): TextDecoder {
  try {
    return new TextDecoder(label);
  } catch {
    throw new ImportFormatError(`The file declares the text encoding "${label}", which cannot be read`, "line 1");
  }
}

function where(line: number, column: number): string {
  return `line ${line}, column ${column}`;
}

/** The text directly inside an element (CDATA sections included, split ones joined). */
export function textOf(node: XmlNode | undefined): string {
  if (node === undefined) return "";
  let text = "";
  for (const part of node.content) if (typeof part === "string") text += part;
  return text;
}

export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

export function childText(node: XmlNode, name: string): string {
  return textOf(child(node, name)).trim();
}

export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/**
 * Streams an XML file and yields the records `walk.decide` asks for, in document order. Any
 * well-formedness error, a truncated file or a file that is not XML at all throws an
 * ImportFormatError naming the line and column.
 */
export async function* readXmlRecords(filePath: string, walk: XmlWalk): AsyncGenerator<XmlRecord> {
  const maxChars = walk.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  const parser = new SaxesParser({ xmlns: false, position: true });
  Object.assign(parser.ENTITIES, LENIENT_ENTITIES);

  const fail = (message: string): never => {
    throw new ImportFormatError(message, where(parser.line, parser.column + 1));
  };
  const position: XmlPosition = { fail };
  parser.on("error", (error) => {
    const message = error.message.replace(/^\d+:\d+: /, "");
    const unclosed = /^unclosed tag: (.+)$/.exec(message);
    if (unclosed) fail(`The file ends too early (<${unclosed[1]}> is never closed): it may be truncated`);
    fail(`The file is not well-formed XML: ${message}`);
  });

  const done: XmlRecord[] = [];
  const scopes: Map<string, string>[] = [new Map()];
  const path: string[] = [];
  /** Depth inside a skipped element, or 0. */
  let skipping = 0;
  /** The open elements of the record being built, outermost first. */
  const building: XmlNode[] = [];
  let recordPath: readonly string[] = [];
  let recordChars = 0;
  let sawRoot = false;

  const nameOf = (raw: string, scope: Map<string, string>): string => {
    const colon = raw.indexOf(":");
    const prefix = colon === -1 ? "" : raw.slice(0, colon);
    const local = colon === -1 ? raw : raw.slice(colon + 1);
    const key = canonicalPrefix(scope.get(prefix), prefix);
    if (key === null) return raw;
    return key === "" ? local : `${key}:${local}`;
  };

  parser.on("opentag", (tag: SaxesTagPlain) => {
    sawRoot = true;
    const parentScope = scopes[scopes.length - 1]!;
    let scope = parentScope;
    for (const [attr, value] of Object.entries(tag.attributes)) {
      if (attr === "xmlns" || attr.startsWith("xmlns:")) {
        if (scope === parentScope) scope = new Map(parentScope);
        scope.set(attr === "xmlns" ? "" : attr.slice(6), value);
      }
    }
    scopes.push(scope);
    const name = nameOf(tag.name, scope);
    if (skipping > 0) {
      skipping++;
      return;
    }
    const parent = building[building.length - 1];
    if (parent !== undefined) {
      if (walk.drop?.has(name)) {
        skipping = 1;
        return;
      }
      const node: XmlNode = { name, attrs: tag.attributes, children: [], content: [], line: parser.line };
      parent.children.push(node);
      parent.content.push(node);
      building.push(node);
      return;
    }
    path.push(name);
    const decision = walk.decide(path, tag.attributes, position);
    if (decision === "skip") {
      path.pop();
      skipping = 1;
    } else if (decision === "record") {
      path.pop();
      recordPath = [...path];
      recordChars = 0;
      building.push({ name, attrs: tag.attributes, children: [], content: [], line: parser.line });
    }
  });

  /** Characters held per element, so that an oversize record can still keep its small fields. */
  const held = new WeakMap<XmlNode, number>();
  const onText = (text: string): void => {
    if (skipping > 0) return;
    const node = building[building.length - 1];
    if (node === undefined) return;
    const root = building[0]!;
    const size = (held.get(node) ?? 0) + text.length;
    if (root.oversize && size > SMALL_FIELD_CHARS) return;
    const cap = walk.fieldCaps?.get(node.name);
    if (cap !== undefined && size > cap) {
      const room = cap - (held.get(node) ?? 0);
      if (room > 0) {
        node.content.push(text.slice(0, room));
        held.set(node, cap);
      }
      return;
    }
    recordChars += text.length;
    if (!root.oversize && recordChars > maxChars) {
      root.oversize = true;
      // The huge field goes; ids and titles stay so the reader can still name what it skips.
      node.content = node.content.filter((part) => typeof part !== "string");
      held.set(node, Number.POSITIVE_INFINITY);
      return;
    }
    held.set(node, size);
    node.content.push(text);
  };
  parser.on("text", onText);
  parser.on("cdata", onText);

  parser.on("closetag", () => {
    scopes.pop();
    if (skipping > 0) {
      skipping--;
      return;
    }
    if (building.length > 0) {
      const node = building.pop()!;
      if (building.length === 0) done.push({ node, path: recordPath });
      return;
    }
    path.pop();
  });

  const stream = createReadStream(filePath, { highWaterMark: 256 * 1024 });
  let decoder: TextDecoder | null = null;
  let checkedStart = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      decoder ??= makeDecoder(sniffEncoding(chunk));
      const text = decoder.decode(chunk, { stream: true });
      if (!checkedStart) checkedStart = checkStart(text);
      parser.write(text.replace(FORBIDDEN_CONTROLS, " "));
      while (done.length > 0) yield done.shift()!;
    }
    const rest = decoder?.decode() ?? "";
    if (!checkedStart && rest.trim() !== "") checkStart(rest);
    parser.write(rest.replace(FORBIDDEN_CONTROLS, " "));
    if (!sawRoot && decoder !== null) fail("The file is not XML: it has no elements");
    if (decoder === null) throw new ImportFormatError("The file is empty", null);
    parser.close();
    while (done.length > 0) yield done.shift()!;
  } finally {
    stream.destroy();
  }
}

/** A friendlier message than the parser's when the file is plainly something else. Returns whether it could tell. */
function checkStart(text: string): boolean {
  const first = /\S/.exec(text);
  if (first === null) return false;
  const char = first[0];
  if (char === "<") return true;
  const before = text.slice(0, first.index);
  const line = before.split("\n").length;
  const column = first.index - before.lastIndexOf("\n");
  const kind =
    char === "{" || char === "["
      ? "it looks like JSON (a Ghost export is read with the ghost source)"
      : "it starts with text, not with a tag";
  throw new ImportFormatError(`The file is not XML: ${kind}`, where(line, column));
}
