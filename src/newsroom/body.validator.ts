import { AppError } from "../errors.js";
import type { BodyDocument, Mark } from "./body.types.js";
import { BODY_MAX_DEPTH, BODY_MAX_NODES } from "./body-limits.js";
import { isNoteId } from "./editorial-notes.shared.js";
import {
  GALLERY_LAYOUTS,
  GALLERY_MAX_ALT,
  GALLERY_MAX_CAPTION,
  GALLERY_MAX_CREDIT,
  GALLERY_MAX_PHOTOS,
  GALLERY_MIN_PHOTOS,
} from "./gallery.shared.js";
import { sortMarks } from "./mark-order.shared.js";
import { AUDIO_TRANSCRIPT_MAX } from "./media-files.shared.js";
import { RELATED_MAX_STORIES } from "./related.shared.js";
import { isSafeHref } from "./safe-url.shared.js";
import { checkSocialPost } from "./social-post.shared.js";
import { isTimelineDate, TIMELINE_MAX_ENTRIES, TIMELINE_MAX_TEXT } from "./timeline.shared.js";
import { VIDEO_ID } from "./video-url.shared.js";

/** The body's link rule lives in safe-url.ts (shared with settings and the admin app). */
export { AUDIO_TRANSCRIPT_MAX, isSafeHref };

export interface BodyIssue {
  /** JSON path of the offending value, e.g. "content[3].content[0].marks[0].attrs.href". */
  path: string;
  message: string;
  /** Set when the document breaks a size limit rather than the shape of one node. */
  code?: "body_too_deep" | "body_too_large" | "gallery_photo_count";
}

const EMBED_ID: Record<string, RegExp> = {
  ...VIDEO_ID,
  map: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
};

const MAX_TEXT = 20_000;

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

class Walker {
  readonly issues: BodyIssue[] = [];

  fail(path: string, message: string, code?: BodyIssue["code"]): void {
    if (this.issues.length < 50) this.issues.push(code ? { path, message, code } : { path, message });
  }

  allowKeys(node: Record<string, Json>, path: string, allowed: string[]): void {
    for (const key of Object.keys(node)) {
      if (!allowed.includes(key)) this.fail(`${path}.${key}`, `unexpected property "${key}"`);
    }
  }

  children(node: Record<string, Json>, path: string, required: boolean): Json[] {
    const content = node.content;
    if (content === undefined) {
      if (required) this.fail(`${path}.content`, "is required");
      return [];
    }
    if (!Array.isArray(content)) {
      this.fail(`${path}.content`, "must be an array");
      return [];
    }
    if (required && content.length === 0) this.fail(`${path}.content`, "must not be empty");
    return content;
  }

  attrs(node: Record<string, Json>, path: string, required: boolean): Record<string, Json> {
    if (node.attrs === undefined || node.attrs === null) {
      if (required) this.fail(`${path}.attrs`, "is required");
      return {};
    }
    if (!isObject(node.attrs)) {
      this.fail(`${path}.attrs`, "must be an object");
      return {};
    }
    return node.attrs;
  }

  optionalString(attrs: Record<string, Json>, key: string, path: string, max: number): void {
    this.optionalValue(attrs[key], `${path}.attrs.${key}`, max);
  }

  optionalValue(value: Json, path: string, max: number): void {
    if (value === undefined || value === null) return;
    if (typeof value !== "string") this.fail(path, "must be a string");
    else if (value.length > max) this.fail(path, `must be at most ${max} characters`);
  }

  requiredString(attrs: Record<string, Json>, key: string, path: string, max: number): void {
    const value = attrs[key];
    if (typeof value !== "string" || value.trim() === "")
      this.fail(`${path}.attrs.${key}`, "must be a non-empty string");
    else if (value.length > max) this.fail(`${path}.attrs.${key}`, `must be at most ${max} characters`);
  }

  inline(value: Json, path: string): void {
    if (!isObject(value)) {
      this.fail(path, "must be an object");
      return;
    }
    if (value.type === "hardBreak") {
      this.allowKeys(value, path, ["type"]);
      return;
    }
    if (value.type !== "text") {
      this.fail(`${path}.type`, `unknown inline node "${String(value.type)}"`);
      return;
    }
    this.allowKeys(value, path, ["type", "text", "marks"]);
    if (typeof value.text !== "string" || value.text.length === 0)
      this.fail(`${path}.text`, "must be a non-empty string");
    else if (value.text.length > MAX_TEXT) this.fail(`${path}.text`, `must be at most ${MAX_TEXT} characters`);
    if (value.marks === undefined) return;
    if (!Array.isArray(value.marks)) {
      this.fail(`${path}.marks`, "must be an array");
      return;
    }
    value.marks.forEach((mark, i) => {
      this.mark(mark, `${path}.marks[${i}]`);
    });
  }

  mark(value: Json, path: string): void {
    if (!isObject(value)) {
      this.fail(path, "must be an object");
      return;
    }
    if (value.type === "bold" || value.type === "italic") {
      this.allowKeys(value, path, ["type", "attrs"]);
      return;
    }
    if (value.type === "note") {
      this.allowKeys(value, path, ["type", "attrs"]);
      const attrs = this.attrs(value, path, true);
      this.allowKeys(attrs, `${path}.attrs`, ["noteId"]);
      if (!isNoteId(attrs.noteId))
        this.fail(`${path}.attrs.noteId`, "must be a note id (8–64 letters, digits, - or _)");
      return;
    }
    if (value.type !== "link") {
      this.fail(`${path}.type`, `unknown mark "${String(value.type)}"`);
      return;
    }
    const attrs = this.attrs(value, path, true);
    const href = attrs.href;
    if (typeof href !== "string") this.fail(`${path}.attrs.href`, "must be a string");
    else if (!isSafeHref(href))
      this.fail(`${path}.attrs.href`, `link must be http(s), mailto or a site path, got "${href.slice(0, 80)}"`);
  }

  inlineContent(node: Record<string, Json>, path: string): void {
    this.children(node, path, false).forEach((child, i) => {
      this.inline(child, `${path}.content[${i}]`);
    });
  }

  paragraph(node: Record<string, Json>, path: string): void {
    this.allowKeys(node, path, ["type", "content", "attrs"]);
    this.inlineContent(node, path);
  }

  listItem(value: Json, path: string): void {
    if (!isObject(value) || value.type !== "listItem") {
      this.fail(`${path}.type`, 'must be "listItem"');
      return;
    }
    this.children(value, path, true).forEach((child, i) => {
      const childPath = `${path}.content[${i}]`;
      if (!isObject(child)) {
        this.fail(childPath, "must be an object");
        return;
      }
      if (child.type === "paragraph") this.paragraph(child, childPath);
      else if (child.type === "bulletList" || child.type === "orderedList") this.block(child, childPath);
      else this.fail(`${childPath}.type`, `a list item holds paragraphs and lists, not "${String(child.type)}"`);
    });
  }

  block(value: Json, path: string): void {
    if (!isObject(value)) {
      this.fail(path, "must be an object");
      return;
    }
    switch (value.type) {
      case "paragraph":
        this.paragraph(value, path);
        return;
      case "heading": {
        const attrs = this.attrs(value, path, true);
        if (attrs.level !== 2 && attrs.level !== 3 && attrs.level !== 4)
          this.fail(`${path}.attrs.level`, "must be 2, 3 or 4");
        this.inlineContent(value, path);
        return;
      }
      case "blockquote": {
        const attrs = this.attrs(value, path, false);
        this.optionalString(attrs, "citation", path, 300);
        this.children(value, path, true).forEach((child, i) => {
          const childPath = `${path}.content[${i}]`;
          if (!isObject(child) || child.type !== "paragraph") this.fail(`${childPath}.type`, 'must be "paragraph"');
          else this.paragraph(child, childPath);
        });
        return;
      }
      case "factbox": {
        const attrs = this.attrs(value, path, true);
        this.requiredString(attrs, "title", path, 300);
        const children = this.children(value, path, true);
        if (children.length > FACTBOX_MAX_BLOCKS) {
          this.fail(`${path}.content`, `a factbox holds at most ${FACTBOX_MAX_BLOCKS} paragraphs and lists`);
          return;
        }
        children.forEach((child, i) => {
          const childPath = `${path}.content[${i}]`;
          if (isObject(child) && child.type === "paragraph") this.paragraph(child, childPath);
          else if (isObject(child) && child.type === "bulletList") this.block(child, childPath);
          else this.fail(`${childPath}.type`, 'a factbox holds "paragraph" and "bulletList" blocks');
        });
        return;
      }
      case "bulletList":
      case "orderedList":
        if (value.type === "orderedList") {
          const start = this.attrs(value, path, false).start;
          if (start !== undefined && start !== null && (!Number.isInteger(start) || (start as number) < 0)) {
            this.fail(`${path}.attrs.start`, "must be a whole number");
          }
        }
        this.children(value, path, true).forEach((child, i) => {
          this.listItem(child, `${path}.content[${i}]`);
        });
        return;
      case "horizontalRule":
        this.allowKeys(value, path, ["type"]);
        return;
      case "image": {
        const attrs = this.attrs(value, path, true);
        if (!Number.isInteger(attrs.mediaId) || (attrs.mediaId as number) <= 0) {
          this.fail(`${path}.attrs.mediaId`, "must be the id of an uploaded image");
        }
        this.optionalString(attrs, "caption", path, 1000);
        this.optionalString(attrs, "credit", path, 300);
        this.optionalString(attrs, "alt", path, 500);
        return;
      }
      case "gallery": {
        const attrs = this.attrs(value, path, true);
        this.allowKeys(attrs, `${path}.attrs`, ["layout", "photos"]);
        if (!GALLERY_LAYOUTS.includes(attrs.layout as never)) {
          this.fail(`${path}.attrs.layout`, `must be one of ${GALLERY_LAYOUTS.join(", ")}`);
        }
        const photos = attrs.photos;
        if (!Array.isArray(photos) || photos.length < GALLERY_MIN_PHOTOS || photos.length > GALLERY_MAX_PHOTOS) {
          this.fail(
            `${path}.attrs.photos`,
            `a gallery holds ${GALLERY_MIN_PHOTOS} to ${GALLERY_MAX_PHOTOS} photos`,
            "gallery_photo_count",
          );
          return;
        }
        photos.forEach((photo, i) => {
          const photoPath = `${path}.attrs.photos[${i}]`;
          if (!isObject(photo)) {
            this.fail(photoPath, "must be an object with a mediaId");
            return;
          }
          this.allowKeys(photo, photoPath, ["mediaId", "caption", "credit", "alt"]);
          if (!Number.isInteger(photo.mediaId) || (photo.mediaId as number) <= 0) {
            this.fail(`${photoPath}.mediaId`, "must be the id of an uploaded image");
          }
          this.optionalValue(photo.caption, `${photoPath}.caption`, GALLERY_MAX_CAPTION);
          this.optionalValue(photo.credit, `${photoPath}.credit`, GALLERY_MAX_CREDIT);
          this.optionalValue(photo.alt, `${photoPath}.alt`, GALLERY_MAX_ALT);
        });
        return;
      }
      case "related": {
        const attrs = this.attrs(value, path, true);
        this.allowKeys(attrs, `${path}.attrs`, ["title", "articleIds"]);
        this.requiredString(attrs, "title", path, 300);
        const ids = attrs.articleIds;
        if (!Array.isArray(ids) || ids.length === 0 || ids.length > RELATED_MAX_STORIES) {
          this.fail(`${path}.attrs.articleIds`, `must list 1 to ${RELATED_MAX_STORIES} article ids`);
          return;
        }
        ids.forEach((id, i) => {
          if (!Number.isInteger(id) || (id as number) <= 0) {
            this.fail(`${path}.attrs.articleIds[${i}]`, "must be the id of an article");
          } else if (ids.indexOf(id) !== i) this.fail(`${path}.attrs.articleIds[${i}]`, "is listed twice");
        });
        return;
      }
      case "embed": {
        const attrs = this.attrs(value, path, true);
        const provider = attrs.provider;
        const pattern = typeof provider === "string" ? EMBED_ID[provider] : undefined;
        if (!pattern) {
          this.fail(`${path}.attrs.provider`, `unknown provider "${String(provider)}"; allowed: youtube, vimeo, map`);
        } else if (typeof attrs.videoId !== "string" || !pattern.test(attrs.videoId)) {
          this.fail(
            `${path}.attrs.videoId`,
            provider === "map" ? "is not a map address (slug)" : `is not a valid ${provider} video id`,
          );
        }
        this.requiredString(attrs, "title", path, 300);
        return;
      }
      case "takeaways": {
        const attrs = this.attrs(value, path, true);
        this.requiredString(attrs, "title", path, 300);
        const items = attrs.items;
        if (!Array.isArray(items) || items.length === 0) {
          this.fail(`${path}.attrs.items`, "must be a non-empty list of strings");
          return;
        }
        items.forEach((item, i) => {
          if (typeof item !== "string" || item.trim() === "")
            this.fail(`${path}.attrs.items[${i}]`, "must be a non-empty string");
          else if (item.length > 2000) this.fail(`${path}.attrs.items[${i}]`, "must be at most 2000 characters");
        });
        return;
      }
      case "timeline": {
        const attrs = this.attrs(value, path, true);
        this.requiredString(attrs, "title", path, 300);
        const entries = attrs.entries;
        if (!Array.isArray(entries) || entries.length === 0 || entries.length > TIMELINE_MAX_ENTRIES) {
          this.fail(`${path}.attrs.entries`, `must be a list of 1 to ${TIMELINE_MAX_ENTRIES} dated entries`);
          return;
        }
        entries.forEach((entry, i) => {
          const entryPath = `${path}.attrs.entries[${i}]`;
          if (!isObject(entry)) {
            this.fail(entryPath, "must be an object with a date and a text");
            return;
          }
          this.allowKeys(entry, entryPath, ["date", "text"]);
          // Empty while the reporter has not dated the step yet: an autosave never loses its text.
          if (typeof entry.date !== "string" || (entry.date !== "" && !isTimelineDate(entry.date))) {
            this.fail(`${entryPath}.date`, 'must be a real date such as "2026-12-01" or "2026-12-01T09:30", or empty');
          }
          if (typeof entry.text !== "string" || entry.text.trim() === "")
            this.fail(`${entryPath}.text`, "must be a non-empty string");
          else if (entry.text.length > TIMELINE_MAX_TEXT)
            this.fail(`${entryPath}.text`, `must be at most ${TIMELINE_MAX_TEXT} characters`);
        });
        return;
      }
      case "socialPost":
        this.allowKeys(value, path, ["type", "attrs"]);
        for (const [key, message] of checkSocialPost(this.attrs(value, path, true))) {
          this.fail(`${path}.attrs${key ? `.${key}` : ""}`, message);
        }
        return;
      case "audio":
      case "document": {
        this.allowKeys(value, path, ["type", "attrs"]);
        const attrs = this.attrs(value, path, true);
        if (!Number.isInteger(attrs.mediaId) || (attrs.mediaId as number) <= 0) {
          this.fail(
            `${path}.attrs.mediaId`,
            `must be the id of an uploaded ${value.type === "audio" ? "clip" : "PDF"}`,
          );
        }
        this.requiredString(attrs, "title", path, 300);
        if (value.type === "audio") this.optionalString(attrs, "transcript", path, AUDIO_TRANSCRIPT_MAX);
        return;
      }
      default:
        this.fail(`${path}.type`, `unknown block "${String(value.type)}"`);
        return;
    }
  }
}

/** A factbox is a short aside: more than this belongs in the story itself. */
export const FACTBOX_MAX_BLOCKS = 20;

/** Objects nested inside one node (attrs, marks): far fewer than this in any real document. */
const MAX_JSON_DEPTH = 2 * BODY_MAX_DEPTH + 10;
/** Every JSON object and array of the document, marks and attributes included. */
const MAX_JSON_VALUES = 10 * BODY_MAX_NODES;

/**
 * The size limits, checked with a loop over an explicit stack before anything walks the tree
 * recursively: a document nested thousands deep must be refused, not overflow the stack.
 */
function findSizeIssue(value: unknown): BodyIssue | undefined {
  const tooLarge: BodyIssue = {
    path: "",
    message: `the body has more than ${BODY_MAX_NODES} nodes; split it into several articles`,
    code: "body_too_large",
  };
  const stack: { value: unknown; depth: number; json: number; path: string }[] = [
    { value, depth: 0, json: 0, path: "" },
  ];
  let nodes = 0;
  let values = 0;
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const current = item.value;
    if (typeof current !== "object" || current === null) continue;
    values += 1;
    if (item.json > MAX_JSON_DEPTH) {
      return { path: item.path, message: "is nested too deeply", code: "body_too_deep" };
    }
    if (Array.isArray(current)) {
      if (values + current.length > MAX_JSON_VALUES) return tooLarge;
      current.forEach((child, i) => {
        stack.push({ value: child, depth: item.depth, json: item.json + 1, path: `${item.path}[${i}]` });
      });
      continue;
    }
    const prefix = item.path === "" ? "" : `${item.path}.`;
    for (const [key, child] of Object.entries(current)) {
      if (key !== "content" || !Array.isArray(child)) {
        stack.push({ value: child, depth: item.depth, json: item.json + 1, path: `${prefix}${key}` });
        continue;
      }
      const depth = item.depth + 1;
      if (depth > BODY_MAX_DEPTH) {
        return {
          path: `${prefix}content`,
          message: `nodes may be nested at most ${BODY_MAX_DEPTH} deep (about ${(BODY_MAX_DEPTH - 2) / 2} levels of lists)`,
          code: "body_too_deep",
        };
      }
      nodes += child.length;
      if (nodes > BODY_MAX_NODES || values + child.length > MAX_JSON_VALUES) return tooLarge;
      child.forEach((node, i) => {
        stack.push({ value: node, depth, json: item.json + 2, path: `${prefix}content[${i}]` });
      });
    }
  }
  return undefined;
}

/** Checks a body document; returns every problem found (up to 50), each with its JSON path. */
export function findBodyIssues(value: unknown): BodyIssue[] {
  const sizeIssue = findSizeIssue(value);
  if (sizeIssue) return [sizeIssue];
  const walker = new Walker();
  if (!isObject(value) || value.type !== "doc") {
    walker.fail("type", 'the body must be a document of type "doc"');
    return walker.issues;
  }
  walker.children(value, "", false).forEach((child, i) => {
    walker.block(child, `content[${i}]`);
  });
  return walker.issues;
}

/**
 * Puts every text node's marks in the editor's order (see mark-order.ts), in place. Runs only on
 * a validated body, so its walk is short; an explicit stack keeps it flat all the same.
 */
function normalizeMarkOrder(body: BodyDocument): void {
  const stack: unknown[] = [...body.content];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (!isObject(node)) continue;
    if (Array.isArray(node.marks) && node.marks.length > 1) node.marks = sortMarks(node.marks as Mark[]);
    if (Array.isArray(node.content)) stack.push(...node.content);
  }
}

/**
 * Returns the body typed, with marks in the editor's order, or throws a 400 (`invalid_body`,
 * `body_too_deep` or `body_too_large`) whose details list each problem.
 */
export function parseBody(value: unknown): BodyDocument {
  const issues = findBodyIssues(value);
  if (issues.length > 0) {
    const first = issues[0]!;
    if (first.code === "body_too_large") {
      throw new AppError(first.code, `The article body is too large: ${first.message}.`, { issues });
    }
    throw new AppError(
      first.code ?? "invalid_body",
      `The article body is invalid at ${first.path || "the top"}: ${first.message}`,
      {
        issues,
      },
    );
  }
  const body = value as BodyDocument;
  normalizeMarkOrder(body);
  return body;
}

/** Media ids referenced by image, gallery, social-post, audio and document nodes, so the renderer can load them in one query. */
export function collectMediaIds(body: BodyDocument): number[] {
  return body.content.flatMap((node) =>
    node.type === "image" || node.type === "audio" || node.type === "document"
      ? [node.attrs.mediaId]
      : node.type === "socialPost" && node.attrs.mediaId !== null
        ? [node.attrs.mediaId]
        : node.type === "gallery"
          ? node.attrs.photos.map((photo) => photo.mediaId)
          : [],
  );
}
