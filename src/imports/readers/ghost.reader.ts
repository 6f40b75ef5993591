import { readFile, stat } from "node:fs/promises";
import {
  type ImportEntry,
  type ImportFileInfo,
  ImportFormatError,
  type ImportImage,
  type ImportItem,
  type ImportPerson,
  type ImportReader,
  type ImportStatus,
} from "../import-item.types.js";
import { renderLexical, renderMobiledoc } from "./ghost-content.js";
import { collectBodyImages } from "./html-images.js";
import { htmlToText } from "./html-text.js";

export interface GhostReaderOptions {
  /**
   * JSON cannot be read a story at a time without a streaming JSON parser, so the export is read
   * whole: past this size it is refused (default 200 MB; a Ghost export is rarely over 50 MB).
   */
  maxBytes?: number;
  /**
   * The Ghost site's address. Exports write `__GHOST_URL__` instead of it; without it image and
   * link addresses stay root-relative (`/content/images/…`), which `--media-dir` can still match.
   */
  siteUrl?: string;
}

export const GHOST_MAX_BYTES = 200 * 1024 * 1024;

type Json = Record<string, unknown>;

const GHOST_URL = /__GHOST_URL__/g;
const CONTENT_IMAGES = /\/content\/images\/(?:size\/w\d+\/)?(.+)$/;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function rows(data: Json, table: string): Json[] {
  const value = data[table];
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function groupBy(list: Json[], key: string): Map<string, Json[]> {
  const groups = new Map<string, Json[]>();
  for (const row of list) {
    const id = str(row[key]);
    const group = groups.get(id) ?? [];
    group.push(row);
    groups.set(id, group);
  }
  for (const group of groups.values()) group.sort((a, b) => Number(a.sort_order ?? 0) - Number(b.sort_order ?? 0));
  return groups;
}

function isoDate(value: unknown): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Line and column of a JSON.parse error, which V8 reports as a character position. */
function jsonErrorPlace(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : text.length;
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

export function ghostLocalPath(url: string): string | undefined {
  let path = url;
  try {
    path = new URL(url, "http://placeholder.invalid").pathname;
  } catch {
    return undefined;
  }
  const match = CONTENT_IMAGES.exec(path);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1];
  }
}

/**
 * Reads a Ghost 4 or 5 JSON export (Settings → Labs → Export): posts and pages with their tags,
 * authors and feature images. The file is read whole (see `maxBytes`); each post is then mapped
 * on its own, so one broken post is reported and the rest still come through.
 */
export class GhostReader implements ImportReader {
  readonly info: ImportFileInfo = { source: "ghost" };

  constructor(
    private readonly filePath: string,
    private readonly options: GhostReaderOptions = {},
  ) {
    if (options.siteUrl) this.info.siteUrl = options.siteUrl.replace(/\/+$/, "");
  }

  async *entries(): AsyncIterable<ImportEntry> {
    const { data, path } = await this.load();
    const posts = data.posts;
    if (!Array.isArray(posts)) throw new ImportFormatError("This Ghost export has no list of posts", `${path}.posts`);

    const settings = rows(data, "settings");
    const setting = (key: string): string => str(settings.find((row) => row.key === key)?.value);
    this.info.title = setting("title") || undefined;
    this.info.language = setting("locale") || setting("lang") || undefined;

    const tags = new Map(rows(data, "tags").map((tag) => [str(tag.id), tag]));
    const users = new Map(rows(data, "users").map((user) => [str(user.id), user]));
    const postsTags = groupBy(rows(data, "posts_tags"), "post_id");
    const postsAuthors = groupBy(rows(data, "posts_authors"), "post_id");
    const postsMeta = new Map(rows(data, "posts_meta").map((meta) => [str(meta.post_id), meta]));

    for (let i = 0; i < posts.length; i++) {
      const where = `${path}.posts[${i}]`;
      const post: unknown = posts[i];
      const sourceId = isObject(post) ? str(post.id) || null : null;
      const title = isObject(post) ? str(post.title) || null : null;
      try {
        if (!isObject(post)) throw new Error("it is not an object");
        yield this.item(post, { tags, users, postsTags, postsAuthors, postsMeta });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        yield { failure: { sourceId, title, reason: `The post at ${where} could not be read: ${reason}` } };
      }
    }
  }

  private async load(): Promise<{ data: Json; path: string }> {
    const maxBytes = this.options.maxBytes ?? GHOST_MAX_BYTES;
    const { size } = await stat(this.filePath);
    if (size > maxBytes) {
      throw new ImportFormatError(
        `The Ghost export is ${Math.ceil(size / 1024 / 1024)} MB, over the ${Math.floor(maxBytes / 1024 / 1024)} MB this importer reads at once`,
        null,
      );
    }
    const text = (await readFile(this.filePath, "utf8")).replace(/^\ufeff/, "");
    if (text.trim() === "") throw new ImportFormatError("The file is empty", null);
    if (/^\s*</.test(text)) {
      throw new ImportFormatError(
        "The file is XML, not a Ghost JSON export (import WordPress or feeds with their source)",
        "line 1, column 1",
      );
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new ImportFormatError(
        `The file is not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, "")}`,
        jsonErrorPlace(text, message),
      );
    }
    if (isObject(doc) && Array.isArray(doc.db)) {
      const first: unknown = doc.db[0];
      if (isObject(first) && isObject(first.data)) return { data: first.data, path: "db[0].data" };
      throw new ImportFormatError("This is not a Ghost export: it has no data", "db[0].data");
    }
    // Older exports, and files trimmed by hand, leave out the db wrapper.
    if (isObject(doc) && isObject(doc.data) && isObject(doc.meta)) return { data: doc.data, path: "data" };
    throw new ImportFormatError("This is not a Ghost export: it has no db[0].data", "db[0].data");
  }

  private url(value: string): string {
    return value.replace(GHOST_URL, this.info.siteUrl ?? "");
  }

  private item(
    post: Json,
    maps: {
      tags: Map<string, Json>;
      users: Map<string, Json>;
      postsTags: Map<string, Json[]>;
      postsAuthors: Map<string, Json[]>;
      postsMeta: Map<string, Json>;
    },
  ): ImportEntry {
    const id = str(post.id);
    if (id === "") throw new Error("it has no id");
    if (typeof post.title !== "string" || post.title.trim() === "") throw new Error("it has no title");
    const warnings: string[] = [];
    const kind = post.type === "page" || post.page === true || post.page === 1 ? "page" : "post";
    const status = this.status(str(post.status), warnings);
    if (str(post.visibility) !== "" && post.visibility !== "public") {
      warnings.push(`The ${kind} was for ${str(post.visibility)} readers on Ghost; it is imported without that limit.`);
    }

    let html = str(post.html);
    if (html.trim() === "" && str(post.lexical) !== "") {
      const rendered = renderLexical(str(post.lexical));
      html = rendered.html;
      warnings.push(...rendered.warnings);
    } else if (html.trim() === "" && str(post.mobiledoc) !== "") {
      const rendered = renderMobiledoc(str(post.mobiledoc));
      html = rendered.html;
      warnings.push(...rendered.warnings);
    }
    const body = collectBodyImages(this.url(html), this.info.siteUrl, { localPath: ghostLocalPath });

    const item: ImportItem = {
      sourceId: id,
      kind,
      status,
      title: post.title.trim(),
      html: body.html,
      authors: [],
      categories: [],
      tags: [],
      bodyImages: body.images,
      oldUrls: [],
      warnings,
    };
    const slug = str(post.slug);
    if (slug !== "") {
      item.slug = slug;
      item.oldUrls.push(`/${slug}/`);
    }
    const excerpt = str(post.custom_excerpt).trim();
    if (excerpt !== "") item.dek = excerpt;
    const publishedAt = isoDate(post.published_at);
    if (publishedAt) item.publishedAt = publishedAt;
    const updatedAt = isoDate(post.updated_at);
    if (updatedAt) item.updatedAt = updatedAt;
    if (str(post.locale) !== "") item.language = str(post.locale);

    const authorIds = (maps.postsAuthors.get(id) ?? []).map((row) => str(row.author_id));
    if (authorIds.length === 0 && str(post.author_id) !== "") authorIds.push(str(post.author_id));
    for (const authorId of authorIds) {
      const user = maps.users.get(authorId);
      if (!user) continue;
      const person: ImportPerson = { key: authorId, name: str(user.name) || str(user.slug) || authorId };
      if (str(user.email)) person.email = str(user.email);
      if (str(user.bio)) person.bio = str(user.bio);
      item.authors.push(person);
    }

    // Internal tags (#name) steer Ghost themes; they are not topics.
    const tagNames = (maps.postsTags.get(id) ?? [])
      .map((row) => maps.tags.get(str(row.tag_id)))
      .filter(
        (tag): tag is Json => tag !== undefined && tag.visibility !== "internal" && !str(tag.name).startsWith("#"),
      )
      .map((tag) => str(tag.name).trim())
      .filter((name) => name !== "");
    // Ghost's primary tag (the first) is what its themes show as the story's section.
    const [primary, ...rest] = tagNames;
    if (primary) item.categories.push(primary);
    item.tags.push(...rest);

    const lead = this.leadImage(post, maps.postsMeta.get(id));
    if (lead) item.leadImage = lead;
    return { item };
  }

  private status(status: string, warnings: string[]): ImportStatus {
    switch (status) {
      case "published":
        return "published";
      case "scheduled":
        return "scheduled";
      case "draft":
        return "draft";
      case "sent":
        warnings.push("The post was sent by email only on Ghost, never shown on the site; it was imported as a draft.");
        return "draft";
      default:
        warnings.push(`Ghost status "${status}" is unknown; the post was imported as a draft.`);
        return "draft";
    }
  }

  private leadImage(post: Json, meta: Json | undefined): ImportImage | undefined {
    const src = str(post.feature_image);
    if (src === "") return undefined;
    const url = this.url(src);
    const image: ImportImage = { url };
    const localPath = ghostLocalPath(url);
    if (localPath) image.localPath = localPath;
    const alt = str(meta?.feature_image_alt) || str(post.feature_image_alt);
    if (alt) image.alt = alt;
    const caption = htmlToText(str(meta?.feature_image_caption) || str(post.feature_image_caption));
    if (caption) image.caption = caption;
    return image;
  }
}
