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
import { htmlToText } from "./html-text.js";
import { cleanWordPressContent, uploadsPath, type WordPressAttachment } from "./wordpress-content.js";
import {
  child,
  childrenNamed,
  childText,
  readXmlRecords,
  textOf,
  type XmlNode,
  type XmlPosition,
} from "./xml-records.js";

export interface WxrReaderOptions {
  /** Past this many characters an item is skipped as too large (default 16 M). */
  maxItemChars?: number;
}

/** WordPress's own bookkeeping, never a story: skipped without a word. */
const INTERNAL_TYPES = new Set([
  "attachment",
  "nav_menu_item",
  "revision",
  "custom_css",
  "customize_changeset",
  "oembed_cache",
  "user_request",
  "wp_block",
  "wp_template",
  "wp_template_part",
  "wp_navigation",
  "wp_global_styles",
  "wp_font_family",
  "wp_font_face",
]);

/** Statuses whose posts are not imported at all: deleted ones and WordPress's empty placeholders. */
const SKIPPED_STATUSES = new Set(["trash", "auto-draft", "inherit"]);
const NO_DATE = /^0000-00-00/;
/**
 * The meta this reader uses (ids, slugs, alt text, image metadata) is short; page builders
 * (Elementor, WPBakery) keep megabytes of layout there, which must neither fill memory nor make
 * the post count as too large.
 */
const META_VALUE_CAP = new Map([["wp:meta_value", 256 * 1024]]);

interface Attachment extends WordPressAttachment {
  parent: string;
  order: number;
}

/** What the first pass learns: the file's header, its authors and its attachments (never post bodies). */
interface WxrIndex {
  authors: Map<string, ImportPerson>;
  attachments: Map<string, Attachment>;
  /** Attachment ids by the post they were uploaded to. */
  childrenOf: Map<string, string[]>;
}

function metaOf(item: XmlNode): Map<string, string> {
  const meta = new Map<string, string>();
  for (const entry of childrenNamed(item, "wp:postmeta")) {
    const key = childText(entry, "wp:meta_key");
    if (key !== "" && !meta.has(key)) meta.set(key, textOf(child(entry, "wp:meta_value")));
  }
  return meta;
}

/** Every value of a meta key WordPress may repeat (`_wp_old_slug`). */
function metaValues(item: XmlNode, key: string): string[] {
  return childrenNamed(item, "wp:postmeta")
    .filter((entry) => childText(entry, "wp:meta_key") === key)
    .map((entry) => textOf(child(entry, "wp:meta_value")).trim())
    .filter((value) => value !== "");
}

/** The credit WordPress read from the photo's IPTC data, inside the PHP-serialized attachment metadata. */
export function creditFromMetadata(serialized: string | undefined): string | undefined {
  if (!serialized) return undefined;
  const match = /s:6:"credit";s:(\d+):"/.exec(serialized);
  if (!match) return undefined;
  // PHP counts the string's length in bytes.
  const start = match.index + match[0].length;
  const bytes = Buffer.from(serialized.slice(start), "utf8").subarray(0, Number(match[1]));
  const credit = bytes.toString("utf8").trim();
  return credit === "" ? undefined : credit;
}

/** WordPress's "Y-m-d H:i:s" in UTC (the `_gmt` fields); the all-zero date means "not set". */
export function wordpressGmtDate(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match || NO_DATE.test(value)) return undefined;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function rfc822Date(value: string): string | undefined {
  if (value.trim() === "") return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return undefined;
  const date = new Date(time);
  // Unpublished posts carry "Mon, 30 Nov -0001", WordPress's zero date.
  return date.getUTCFullYear() < 1000 ? undefined : date.toISOString();
}

function plainTitle(raw: string): string {
  return /[<&]/.test(raw) ? htmlToText(raw) : raw.replace(/[ \t\n\f\r]+/g, " ").trim();
}

function decodeSlug(slug: string): string | undefined {
  if (slug === "") return undefined;
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

function wxrRoot(path: readonly string[], at: XmlPosition): void {
  const root = path[0];
  if (root === "rss") return;
  if (root === "atom:feed" || root === "feed")
    at.fail("This is an Atom feed, not a WordPress export: import it as a feed");
  at.fail(`This is not a WordPress export: its root element is <${root}>, not <rss>`);
}

/**
 * Reads a WordPress eXtended RSS export (WXR 1.0 to 1.2, either namespace spelling) in two
 * streaming passes: the first checks the whole file and collects authors and attachments, which
 * WordPress may write after the posts that use them; the second yields the posts and pages.
 */
export class WxrReader implements ImportReader {
  readonly info: ImportFileInfo = { source: "wordpress" };

  constructor(
    private readonly filePath: string,
    private readonly options: WxrReaderOptions = {},
  ) {}

  async *entries(): AsyncIterable<ImportEntry> {
    const index = await this.scan();
    const records = readXmlRecords(this.filePath, {
      decide: (path) => {
        if (path.length === 1) return "descend";
        if (path.length === 2) return path[1] === "channel" ? "descend" : "skip";
        return path[2] === "item" ? "record" : "skip";
      },
      drop: new Set(["wp:comment"]),
      maxRecordChars: this.options.maxItemChars,
      fieldCaps: META_VALUE_CAP,
    });
    for await (const { node } of records) {
      const entry = this.entry(node, index);
      if (entry !== null) yield entry;
    }
  }

  private async scan(): Promise<WxrIndex> {
    const index: WxrIndex = { authors: new Map(), attachments: new Map(), childrenOf: new Map() };
    let isWxr = false;
    const header = new Set(["title", "link", "language", "wp:base_site_url", "wp:author"]);
    const records = readXmlRecords(this.filePath, {
      decide: (path, _attrs, at) => {
        if (path.length === 1) {
          wxrRoot(path, at);
          return "descend";
        }
        if (path.length === 2) return path[1] === "channel" ? "descend" : "skip";
        const name = path[2]!;
        if (name === "wp:wxr_version") isWxr = true;
        if (name === "item" && !isWxr) {
          at.fail("This RSS file is not a WordPress export (it has no wp:wxr_version): import it as a feed");
        }
        return name === "item" || header.has(name) ? "record" : "skip";
      },
      // Bodies are read in the second pass only.
      drop: new Set(["content:encoded", "wp:comment"]),
      maxRecordChars: this.options.maxItemChars,
      fieldCaps: META_VALUE_CAP,
    });
    for await (const { node } of records) {
      switch (node.name) {
        case "title":
          this.info.title = plainTitle(textOf(node));
          break;
        case "link":
          this.info.siteUrl ??= textOf(node).trim() || undefined;
          break;
        case "wp:base_site_url":
          // The blog's address (link) is where posts live; base_site_url is only a fallback.
          this.info.siteUrl ??= textOf(node).trim() || undefined;
          break;
        case "language":
          this.info.language = textOf(node).trim() || undefined;
          break;
        case "wp:author":
          this.addAuthor(node, index);
          break;
        case "item":
          this.addAttachment(node, index);
          break;
      }
    }
    if (!isWxr) throw new ImportFormatError("This is not a WordPress export: it has no wp:wxr_version", null);
    return index;
  }

  private addAuthor(node: XmlNode, index: WxrIndex): void {
    const login = childText(node, "wp:author_login");
    if (login === "") return;
    const display = childText(node, "wp:author_display_name");
    const full = [childText(node, "wp:author_first_name"), childText(node, "wp:author_last_name")].join(" ").trim();
    const person: ImportPerson = { key: login, name: display || full || login };
    const email = childText(node, "wp:author_email");
    if (email !== "") person.email = email;
    index.authors.set(login, person);
  }

  private addAttachment(node: XmlNode, index: WxrIndex): void {
    if (childText(node, "wp:post_type") !== "attachment") return;
    const id = childText(node, "wp:post_id");
    const url = childText(node, "wp:attachment_url") || childText(node, "guid");
    if (id === "" || url === "") return;
    const meta = metaOf(node);
    const attachment: Attachment = {
      id,
      url,
      parent: childText(node, "wp:post_parent"),
      order: Number(childText(node, "wp:menu_order")) || 0,
    };
    const localPath = meta.get("_wp_attached_file")?.trim() || uploadsPath(url);
    if (localPath) attachment.localPath = localPath;
    const caption = htmlToText(textOf(child(node, "excerpt:encoded")));
    if (caption !== "") attachment.caption = caption;
    const alt = meta.get("_wp_attachment_image_alt")?.trim();
    if (alt) attachment.alt = alt;
    const credit = creditFromMetadata(meta.get("_wp_attachment_metadata"));
    if (credit) attachment.credit = credit;
    index.attachments.set(id, attachment);
    if (attachment.parent !== "" && attachment.parent !== "0") {
      const siblings = index.childrenOf.get(attachment.parent) ?? [];
      siblings.push(id);
      index.childrenOf.set(attachment.parent, siblings);
    }
  }

  private entry(node: XmlNode, index: WxrIndex): ImportEntry | null {
    const sourceId = childText(node, "wp:post_id") || null;
    const rawTitle = childText(node, "title");
    const title = rawTitle === "" ? null : plainTitle(rawTitle);
    if (node.oversize) {
      return { failure: { sourceId, title, reason: `The item at line ${node.line} is too large to import.` } };
    }
    try {
      return this.item(node, index);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { failure: { sourceId, title, reason: `The item at line ${node.line} could not be read: ${reason}` } };
    }
  }

  private item(node: XmlNode, index: WxrIndex): ImportEntry | null {
    const type = childText(node, "wp:post_type") || "post";
    const wpStatus = childText(node, "wp:status") || "publish";
    if (INTERNAL_TYPES.has(type) || SKIPPED_STATUSES.has(wpStatus)) return null;
    const id = childText(node, "wp:post_id");
    const rawTitle = childText(node, "title");
    const title = plainTitle(rawTitle);
    if (type !== "post" && type !== "page") {
      return {
        failure: {
          sourceId: id || null,
          title: title || null,
          reason: `WordPress content of type "${type}" is not a post or a page, so it was not imported.`,
        },
      };
    }
    if (!/^\d+$/.test(id)) {
      return {
        failure: { sourceId: null, title: title || null, reason: `The item at line ${node.line} has no wp:post_id.` },
      };
    }
    const warnings: string[] = [];
    const status = this.status(wpStatus, node, warnings);
    const meta = metaOf(node);
    const siteUrl = this.info.siteUrl;
    const body = cleanWordPressContent(textOf(child(node, "content:encoded")), {
      siteUrl,
      attachment: (attachmentId) => index.attachments.get(attachmentId),
      childAttachments: () =>
        (index.childrenOf.get(id) ?? [])
          .map((childId) => index.attachments.get(childId)!)
          .sort((a, b) => a.order - b.order),
    });
    warnings.push(...body.warnings);

    const item: ImportItem = {
      sourceId: id,
      kind: type,
      status,
      title: title || "Untitled",
      html: body.html,
      authors: [],
      categories: [],
      tags: [],
      bodyImages: body.images,
      oldUrls: [],
      warnings,
    };
    if (title === "") warnings.push("The post had no title; it was imported as “Untitled”.");
    const slug = decodeSlug(childText(node, "wp:post_name"));
    if (slug) item.slug = slug;
    const dek = htmlToText(textOf(child(node, "excerpt:encoded")));
    if (dek !== "") item.dek = dek;
    const publishedAt = wordpressGmtDate(childText(node, "wp:post_date_gmt")) ?? rfc822Date(childText(node, "pubDate"));
    // A private or password-protected post was published, and keeps its date even as a draft.
    if (publishedAt && wpStatus !== "draft" && wpStatus !== "pending") item.publishedAt = publishedAt;
    const updatedAt = wordpressGmtDate(childText(node, "wp:post_modified_gmt"));
    if (updatedAt) item.updatedAt = updatedAt;

    const login = childText(node, "dc:creator");
    if (login !== "") item.authors.push(index.authors.get(login) ?? { key: login, name: login });

    for (const term of childrenNamed(node, "category")) {
      const name = plainTitle(textOf(term));
      const domain = term.attrs.domain ?? "category";
      const nicename = term.attrs.nicename ?? "";
      if (name === "") continue;
      if (domain === "category") {
        // WordPress files every post without a category under "Uncategorized": that is no section.
        if (nicename !== "uncategorized" && !item.categories.includes(name)) item.categories.push(name);
      } else if (domain === "post_tag") {
        if (!item.tags.includes(name)) item.tags.push(name);
      } else if (domain === "language") {
        item.language = nicename || name;
      }
    }
    const wpmlLanguage = meta.get("_wpml_language") ?? meta.get("wpml_language");
    if (!item.language && wpmlLanguage) item.language = wpmlLanguage.trim();

    const lead = this.leadImage(meta.get("_thumbnail_id"), index, warnings);
    if (lead) item.leadImage = lead;

    const link = childText(node, "link");
    const urls = new Set<string>();
    if (link !== "") urls.add(link);
    // WordPress keeps answering at a post's earlier slugs; so should the new site.
    const currentSlug = childText(node, "wp:post_name");
    if (link !== "" && currentSlug !== "" && link.includes(`/${currentSlug}/`)) {
      for (const old of metaValues(node, "_wp_old_slug")) {
        if (/^[^/?#\s]+$/.test(old)) urls.add(link.replace(`/${currentSlug}/`, `/${old}/`));
      }
    }
    urls.add(type === "page" ? `/?page_id=${id}` : `/?p=${id}`);
    item.oldUrls = [...urls];
    return { item };
  }

  private status(wpStatus: string, node: XmlNode, warnings: string[]): ImportStatus {
    let status: ImportStatus;
    switch (wpStatus) {
      case "publish":
        status = "published";
        break;
      case "future":
        status = "scheduled";
        break;
      case "draft":
      case "pending":
        status = "draft";
        break;
      case "private":
        warnings.push("The post was private on WordPress; it was imported as a draft.");
        status = "draft";
        break;
      default:
        warnings.push(`WordPress status "${wpStatus}" is unknown; the post was imported as a draft.`);
        status = "draft";
    }
    if (status !== "draft" && childText(node, "wp:post_password") !== "") {
      warnings.push("The post was password-protected on WordPress; it was imported as a draft.");
      status = "draft";
    }
    return status;
  }

  private leadImage(thumbnailId: string | undefined, index: WxrIndex, warnings: string[]): ImportImage | undefined {
    const id = thumbnailId?.trim();
    if (!id) return undefined;
    const attachment = index.attachments.get(id);
    if (attachment === undefined) {
      warnings.push(`The featured image (attachment ${id}) is not in the export; the post was imported without it.`);
      return undefined;
    }
    const image: ImportImage = { url: attachment.url };
    if (attachment.localPath) image.localPath = attachment.localPath;
    if (attachment.caption) image.caption = attachment.caption;
    if (attachment.alt) image.alt = attachment.alt;
    if (attachment.credit) image.credit = attachment.credit;
    return image;
  }
}
