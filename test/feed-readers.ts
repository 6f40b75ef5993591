import { Readable } from "node:stream";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import FeedParser from "feedparser";

/**
 * Independent readers of what Gazette publishes, for tests: feedparser (a feed reader's parser)
 * for RSS and Atom, feedsmith for JSON Feed and RSS extensions, fast-xml-parser for XML
 * well-formedness and for sitemaps.
 */

export interface ParsedFeed {
  meta: FeedParser.Meta;
  items: FeedParser.Item[];
}

/** Reads an RSS or Atom document as a feed reader would (feedparser, normalized). */
export async function readWithFeedparser(xml: string, feedurl?: string): Promise<ParsedFeed> {
  const parser = new FeedParser(feedurl ? { feedurl } : {});
  const items: FeedParser.Item[] = [];
  let meta: FeedParser.Meta | undefined;
  await new Promise<void>((resolve, reject) => {
    parser.on("error", reject);
    parser.on("meta", (m: FeedParser.Meta) => {
      meta = m;
    });
    parser.on("readable", function (this: FeedParser) {
      for (let item = this.read(); item; item = this.read()) items.push(item);
    });
    parser.on("end", () => resolve());
    Readable.from([xml]).pipe(parser);
  });
  if (!meta) throw new Error("feedparser found no feed");
  return { meta, items };
}

/** Throws with the parser's message unless the text is well-formed XML. */
export function assertWellFormedXml(xml: string): void {
  const result = XMLValidator.validate(xml);
  if (result !== true) throw new Error(`Not well-formed XML: ${result.err.msg} at line ${result.err.line}`);
}

export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | number | boolean | XmlNode | XmlValue[];

/** Parses XML into plain objects: attributes as `@_name`, text as `#text`; the named elements always arrays. */
export function parseXml(xml: string, arrays: readonly string[] = []): XmlNode {
  assertWellFormedXml(xml);
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (name) => arrays.includes(name),
  });
  return parser.parse(xml) as XmlNode;
}

/** Text of an element that fast-xml-parser gave as a string or as `{ "#text": … }`. */
export function textOf(value: XmlValue | undefined): string | undefined {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const text = value["#text"];
    return typeof text === "string" ? text : undefined;
  }
  return undefined;
}
