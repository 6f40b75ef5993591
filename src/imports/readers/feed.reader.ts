import type {
  ImportEntry,
  ImportFileInfo,
  ImportImage,
  ImportItem,
  ImportPerson,
  ImportReader,
} from "../import-item.types.js";
import { absoluteUrl, collectBodyImages } from "./html-images.js";
import { escapeHtml, htmlToText } from "./html-text.js";
import {
  child,
  childrenNamed,
  childText,
  readXmlRecords,
  textOf,
  type XmlDecision,
  type XmlNode,
  type XmlPosition,
} from "./xml-records.js";

export interface FeedReaderOptions {
  /** Past this many characters an item is skipped as too large (default 16 M). */
  maxItemChars?: number;
}

type Dialect = "rss" | "rdf" | "atom";

const IMAGE_EXTENSION = /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i;

function dialectOf(root: string, at: XmlPosition): Dialect {
  if (root === "rss") return "rss";
  if (root === "rdf:RDF") return "rdf";
  if (root === "atom:feed") return "atom";
  return at.fail(`This is not an RSS or Atom feed: its root element is <${root}>`);
}

/** RSS says titles are text, but many feeds escape HTML in them twice; either way the reader sees text. */
function plainText(raw: string): string {
  return /[<&]/.test(raw) ? htmlToText(raw) : raw.replace(/[ \t\n\f\r]+/g, " ").trim();
}

function feedDate(value: string, warnings: string[]): string | undefined {
  if (value === "") return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    warnings.push(`The date "${value}" could not be read; the story has no publication date.`);
    return undefined;
  }
  return new Date(time).toISOString();
}

/** Plain text (an Atom text construct, an RSS description without markup) as paragraphs. */
function textToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "")
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}

/** The inner markup of Atom xhtml content, without the wrapping div the format requires. */
function xhtmlToHtml(node: XmlNode): string {
  const wrapper = node.children.length === 1 && node.children[0]!.name.endsWith("div") ? node.children[0]! : node;
  const serializeNode = (part: XmlNode | string): string => {
    if (typeof part === "string") return escapeHtml(part);
    const tag = part.name.replace(/^xhtml:/, "");
    const attrs = Object.entries(part.attrs)
      .filter(([name]) => name !== "xmlns" && !name.startsWith("xmlns:"))
      .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
      .join("");
    return `<${tag}${attrs}>${part.content.map(serializeNode).join("")}</${tag}>`;
  };
  return wrapper.content.map(serializeNode).join("");
}

function atomText(node: XmlNode | undefined): { html: string; text: string } | undefined {
  if (node === undefined) return undefined;
  const type = node.attrs.type ?? "text";
  if (type === "xhtml") {
    const html = xhtmlToHtml(node);
    return { html, text: htmlToText(html) };
  }
  const raw = textOf(node);
  if (type === "html" || type === "text/html") return { html: raw.trim(), text: htmlToText(raw) };
  return { html: textToHtml(raw), text: raw.replace(/[ \t\n\f\r]+/g, " ").trim() };
}

/** The last path segment of the story's address, when it reads like a slug. */
function slugFromLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    const segment = new URL(link).pathname
      .split("/")
      .filter((part) => part !== "")
      .at(-1)
      ?.replace(/\.(?:html?|php)$/i, "");
    if (!segment || /^\d+$/.test(segment)) return undefined;
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** "editor@example.com (Taras Melnyk)", RSS's author form, or a bare name. */
function rssPerson(raw: string): ImportPerson | undefined {
  const text = raw.trim();
  if (text === "") return undefined;
  const withName = /^(\S+@\S+)\s*\((.+)\)$/.exec(text);
  if (withName) return { key: withName[2]!.trim(), name: withName[2]!.trim(), email: withName[1]! };
  if (/^\S+@\S+$/.test(text)) return { key: text, name: text, email: text };
  return { key: text, name: text };
}

/** The Media RSS image of an item (media:content, media:thumbnail, inside a media:group or not). */
function mediaImage(item: XmlNode, base: string | undefined): ImportImage | undefined {
  const candidates = [...item.children, ...childrenNamed(item, "media:group").flatMap((group) => group.children)];
  const content = candidates.find(
    (node) =>
      node.name === "media:content" &&
      node.attrs.url &&
      (node.attrs.medium === "image" ||
        node.attrs.type?.startsWith("image/") ||
        (!node.attrs.medium && !node.attrs.type && IMAGE_EXTENSION.test(node.attrs.url))),
  );
  const found = content ?? candidates.find((node) => node.name === "media:thumbnail" && node.attrs.url);
  if (!found) return undefined;
  const image: ImportImage = { url: absoluteUrl(found.attrs.url!, base) };
  const caption = plainText(childText(found, "media:description") || childText(item, "media:description"));
  if (caption) image.caption = caption;
  const credit = childText(found, "media:credit") || childText(item, "media:credit");
  if (credit) image.credit = credit;
  const alt = plainText(childText(found, "media:title"));
  if (alt) image.alt = alt;
  return image;
}

/**
 * Reads an RSS 2.0 (or 0.9x, or 1.0/RDF) or Atom feed in two streaming passes: the first checks
 * the whole file and reads the feed's header, the second yields one story per item or entry.
 */
export class FeedReader implements ImportReader {
  readonly info: ImportFileInfo = { source: "feed" };
  private dialect: Dialect = "rss";
  private feedAuthors: ImportPerson[] = [];

  constructor(
    private readonly filePath: string,
    private readonly options: FeedReaderOptions = {},
  ) {}

  async *entries(): AsyncIterable<ImportEntry> {
    await this.scan();
    const records = readXmlRecords(this.filePath, {
      decide: (path) => this.walk(path, false),
      maxRecordChars: this.options.maxItemChars,
    });
    for await (const { node } of records) {
      const title = plainText(childText(node, this.dialect === "atom" ? "atom:title" : "title")) || null;
      if (node.oversize) {
        yield { failure: { sourceId: null, title, reason: `The item at line ${node.line} is too large to import.` } };
        continue;
      }
      try {
        yield this.dialect === "atom" ? this.atomEntry(node) : this.rssItem(node);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        yield {
          failure: { sourceId: null, title, reason: `The item at line ${node.line} could not be read: ${reason}` },
        };
      }
    }
  }

  /** Where the stories are in each dialect; `header` asks for the feed's own fields instead. */
  private walk(path: readonly string[], header: boolean): XmlDecision {
    const name = path[path.length - 1]!;
    if (path.length === 1) return "descend";
    const story = this.dialect === "atom" ? "atom:entry" : "item";
    const storyDepth = this.dialect === "rss" ? 3 : 2;
    if (path.length === 2 && this.dialect !== "atom" && name === "channel") return "descend";
    if (path.length === storyDepth && name === story) return header ? "skip" : "record";
    if (!header) return "skip";
    const inHeader = this.dialect === "atom" ? path.length === 2 : path.length === 3 && path[1] === "channel";
    return inHeader ? "record" : "skip";
  }

  private async scan(): Promise<void> {
    const records = readXmlRecords(this.filePath, {
      decide: (path, attrs, at) => {
        if (path.length === 1) {
          this.dialect = dialectOf(path[0]!, at);
          if (this.dialect === "atom" && attrs["xml:lang"]) this.info.language = attrs["xml:lang"];
        }
        return this.walk(path, true);
      },
      maxRecordChars: 1024 * 1024,
    });
    for await (const { node } of records) {
      switch (node.name) {
        case "title":
        case "atom:title":
          this.info.title = plainText(textOf(node)) || undefined;
          break;
        case "link":
          this.info.siteUrl ??= textOf(node).trim() || undefined;
          break;
        case "atom:link":
          if (this.dialect === "atom" && (node.attrs.rel ?? "alternate") === "alternate" && node.attrs.href) {
            this.info.siteUrl ??= node.attrs.href;
          }
          break;
        case "language":
        case "dc:language":
          this.info.language = textOf(node).trim() || undefined;
          break;
        case "atom:author": {
          const name = childText(node, "atom:name");
          if (name) this.feedAuthors.push(this.atomPerson(node));
          break;
        }
      }
    }
  }

  private finish(
    item: ImportItem,
    rawHtml: string,
    base: string | undefined,
    lead: ImportImage | undefined,
  ): ImportEntry {
    const { html, images } = collectBodyImages(rawHtml, base);
    item.html = html;
    item.bodyImages = images;
    if (lead) item.leadImage = lead;
    const slug = slugFromLink(item.oldUrls[0]);
    if (slug) item.slug = slug;
    if (this.info.language && !item.language) item.language = this.info.language;
    return { item };
  }

  private rssItem(node: XmlNode): ImportEntry {
    const warnings: string[] = [];
    const title = plainText(childText(node, "title"));
    const guidNode = child(node, "guid");
    const guid = textOf(guidNode).trim();
    const guidIsLink = /^https?:\/\//i.test(guid) && guidNode?.attrs.isPermaLink !== "false";
    const link = childText(node, "link") || (guidIsLink ? guid : "") || node.attrs["rdf:about"] || "";
    const sourceId = guid || link;
    if (sourceId === "") {
      return {
        failure: {
          sourceId: null,
          title: title || null,
          reason: `The item at line ${node.line} has neither a guid nor a link, so it cannot be told apart from the others.`,
        },
      };
    }
    const base = link ? absoluteUrl(link, this.info.siteUrl) : this.info.siteUrl;
    const encoded = textOf(child(node, "content:encoded"));
    const description = textOf(child(node, "description"));
    const bodySource = encoded.trim() !== "" ? encoded : description;
    const rawHtml = /<[a-z!/]/i.test(bodySource) ? bodySource.trim() : textToHtml(bodySource);

    const item = emptyItem(sourceId, title, link ? [absoluteUrl(link, this.info.siteUrl)] : [], warnings);
    if (!title) warnings.push("The item had no title; it was imported as “Untitled”.");
    if (encoded.trim() !== "") {
      const dek = htmlToText(description);
      if (dek) item.dek = dek;
    }
    const publishedAt = feedDate(childText(node, "pubDate") || childText(node, "dc:date"), warnings);
    if (publishedAt) item.publishedAt = publishedAt;
    const creators = childrenNamed(node, "dc:creator").map((creator) => textOf(creator));
    for (const raw of creators.length > 0 ? creators : [childText(node, "author")]) {
      const person = rssPerson(raw);
      if (person && !item.authors.some((a) => a.key === person.key)) item.authors.push(person);
    }
    for (const category of [...childrenNamed(node, "category"), ...childrenNamed(node, "dc:subject")]) {
      const name = plainText(textOf(category));
      if (name && !item.tags.includes(name)) item.tags.push(name);
    }
    const language = childText(node, "dc:language");
    if (language) item.language = language;
    return this.finish(item, rawHtml, base, this.rssLead(node, base));
  }

  private rssLead(node: XmlNode, base: string | undefined): ImportImage | undefined {
    const enclosure = childrenNamed(node, "enclosure").find(
      (e) => e.attrs.url && (e.attrs.type?.startsWith("image/") || IMAGE_EXTENSION.test(e.attrs.url)),
    );
    if (enclosure) return { url: absoluteUrl(enclosure.attrs.url!, base) };
    return mediaImage(node, base);
  }

  private atomPerson(author: XmlNode): ImportPerson {
    const name = childText(author, "atom:name");
    const person: ImportPerson = { key: name, name };
    const email = childText(author, "atom:email");
    if (email) person.email = email;
    return person;
  }

  private atomEntry(node: XmlNode): ImportEntry {
    const warnings: string[] = [];
    const title = atomText(child(node, "atom:title"))?.text ?? "";
    const base = node.attrs["xml:base"] ? absoluteUrl(node.attrs["xml:base"], this.info.siteUrl) : this.info.siteUrl;
    const links = childrenNamed(node, "atom:link");
    const alternate = links.find((l) => (l.attrs.rel ?? "alternate") === "alternate" && l.attrs.href);
    const link = alternate ? absoluteUrl(alternate.attrs.href!, base) : "";
    const sourceId = childText(node, "atom:id") || link;
    if (sourceId === "") {
      return {
        failure: {
          sourceId: null,
          title: title || null,
          reason: `The entry at line ${node.line} has neither an id nor a link, so it cannot be told apart from the others.`,
        },
      };
    }
    const content = child(node, "atom:content");
    const body = content?.attrs.src ? undefined : atomText(content);
    const summary = atomText(child(node, "atom:summary"));
    if (content?.attrs.src) warnings.push("The entry's content is stored elsewhere; only its summary was imported.");

    const item = emptyItem(sourceId, title, link ? [link] : [], warnings);
    if (!title) warnings.push("The entry had no title; it was imported as “Untitled”.");
    if (body && summary?.text) item.dek = summary.text;
    const publishedAt = feedDate(childText(node, "atom:published") || childText(node, "atom:updated"), warnings);
    if (publishedAt) item.publishedAt = publishedAt;
    const updated = childText(node, "atom:updated");
    if (updated && !Number.isNaN(Date.parse(updated))) item.updatedAt = new Date(Date.parse(updated)).toISOString();
    const authors = childrenNamed(node, "atom:author").filter((a) => childText(a, "atom:name") !== "");
    item.authors = authors.length > 0 ? authors.map((a) => this.atomPerson(a)) : [...this.feedAuthors];
    for (const category of childrenNamed(node, "atom:category")) {
      const name = (category.attrs.label ?? category.attrs.term ?? "").trim();
      if (name && !item.tags.includes(name)) item.tags.push(name);
    }
    const language = node.attrs["xml:lang"];
    if (language) item.language = language;
    const enclosure = links.find(
      (l) => l.attrs.rel === "enclosure" && l.attrs.href && l.attrs.type?.startsWith("image/"),
    );
    const lead = enclosure ? { url: absoluteUrl(enclosure.attrs.href!, base) } : mediaImage(node, base);
    return this.finish(item, (body ?? summary)?.html ?? "", link || base, lead);
  }
}

/** A feed entry before its body, dates, people and images are read: a published post. */
function emptyItem(sourceId: string, title: string, oldUrls: string[], warnings: string[]): ImportItem {
  return {
    sourceId,
    kind: "post",
    status: "published",
    title: title || "Untitled",
    html: "",
    authors: [],
    categories: [],
    tags: [],
    bodyImages: [],
    oldUrls,
    warnings,
  };
}
