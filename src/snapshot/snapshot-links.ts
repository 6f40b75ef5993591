/*
 * Rewrites the links of a rendered page (or style sheet) for the static snapshot. The pages are
 * the server's own output, whose attributes are always double-quoted (preact-render-to-string),
 * so a scan of start tags finds every link without a full HTML parser.
 */

/**
 * What a link becomes: the new value, or undefined to keep it (fragments, other sites). Gets the
 * value as written, with HTML escapes already decoded.
 */
export type LinkRewrite = (value: string) => string | undefined;

const URL_ATTRIBUTES = new Set(["href", "src", "poster", "action", "data-src"]);
const START_TAG = /<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?>/g;
const ATTRIBUTE = /(\s)([a-zA-Z_:][a-zA-Z0-9_:.-]*)="([^"]*)"/g;
const FORM = /<form\b[^>]*>[\s\S]*?<\/form>/g;
const MODULE_SCRIPT = /<script type="module" src="([^"]*)"><\/script>/g;
/** The site's audience beacon and pixel (`data-audience`): a static copy has no server to count. */
const AUDIENCE =
  /<noscript data-audience="[a-z]+">[\s\S]*?<\/noscript>|<(?:script|img)\b[^>]*\sdata-audience="[a-z]+"[^>]*>(?:<\/script>)?/g;
const JSON_BLOCK = /(<script type="application\/json"[^>]*>)([\s\S]*?)(<\/script>)/g;

function decodeAttribute(value: string): string {
  return value.replace(/&(amp|quot|#39|lt|gt);/g, (_all, name: string) =>
    name === "amp" ? "&" : name === "quot" ? '"' : name === "#39" ? "'" : name === "lt" ? "<" : ">",
  );
}

function encodeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
}

/** A `srcset`: each candidate's URL rewritten, its width or density kept. */
function rewriteSrcset(value: string, rewrite: LinkRewrite): string {
  return value
    .split(",")
    .map((candidate) => {
      const [url = "", ...descriptor] = candidate.trim().split(/\s+/);
      return [rewrite(url) ?? url, ...descriptor].join(" ");
    })
    .join(", ");
}

function rewriteTag(tag: string, name: string, attributes: string, rewrite: LinkRewrite): string {
  // The canonical address names the live site on purpose: search engines and readers' apps use it.
  if (name.toLowerCase() === "link" && /\srel="canonical"/.test(attributes)) return tag;
  const rewritten = attributes.replace(ATTRIBUTE, (all, space: string, attribute: string, raw: string) => {
    const lower = attribute.toLowerCase();
    if (lower === "srcset" || lower === "imagesrcset") {
      return `${space}${attribute}="${encodeAttribute(rewriteSrcset(decodeAttribute(raw), rewrite))}"`;
    }
    if (!URL_ATTRIBUTES.has(lower)) return all;
    const next = rewrite(decodeAttribute(raw));
    return next === undefined ? all : `${space}${attribute}="${encodeAttribute(next)}"`;
  });
  return `<${name}${rewritten}>`;
}

/** Every string under a key ending in "url" (`basemapUrl`, a pin's `url`), rewritten. */
function rewriteJsonUrls(value: unknown, rewrite: LinkRewrite): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteJsonUrls(item, rewrite));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      typeof item === "string" && /url$/i.test(key) ? (rewrite(item) ?? item) : rewriteJsonUrls(item, rewrite),
    ]),
  );
}

function rewriteJsonBlock(text: string, rewrite: LinkRewrite): string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return text;
  }
  // As jsonForScript writes it: nothing in it can close the script element.
  return JSON.stringify(rewriteJsonUrls(data, rewrite))
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026");
}

/**
 * The islands are ES modules, which browsers refuse to load from `file://`; there the page stays
 * the server-rendered one (everything is readable without script) instead of logging errors.
 */
function loadModuleUnlessFile(src: string): string {
  const url = JSON.stringify(src).replace(/</g, "\\u003c");
  return `<script>if(location.protocol!=="file:"){var s=document.createElement("script");s.type="module";s.src=${url};document.head.appendChild(s)}</script>`;
}

export interface PageRewrite {
  /** Rewrites one link. */
  link: LinkRewrite;
  /** The HTML that stands where a form was (search, sign-up, donation): the note with mirrors. */
  formNote: string;
}

/** Stands where a form was while links are rewritten: the note's own links name the mirrors. */
const NOTE_MARK = "\u0000snapshot-note\u0000";

/** A rendered page with every link made a snapshot link and each form replaced by the note. */
export function rewritePage(html: string, rewrite: PageRewrite): string {
  return html
    .replace(AUDIENCE, "")
    .replace(FORM, NOTE_MARK)
    .replace(JSON_BLOCK, (_all, open: string, text: string, close: string) => {
      return `${open}${rewriteJsonBlock(text, rewrite.link)}${close}`;
    })
    .replace(START_TAG, (tag, name: string, attributes: string | undefined) =>
      attributes ? rewriteTag(tag, name, attributes, rewrite.link) : tag,
    )
    .replace(MODULE_SCRIPT, (_all, src: string) => loadModuleUnlessFile(decodeAttribute(src)))
    .replaceAll(NOTE_MARK, () => rewrite.formNote);
}

/** A style sheet with its `url(…)`s rewritten (fonts, images); `data:` URLs stay. */
export function rewriteStyleSheet(css: string, rewrite: LinkRewrite): string {
  return css.replace(/url\(\s*(["']?)([^"')]+)\1\s*\)/g, (all, quote: string, url: string) => {
    if (url.startsWith("data:") || url.startsWith("#")) return all;
    const next = rewrite(url);
    return next === undefined ? all : `url(${quote}${next}${quote})`;
  });
}

/** What a link in a snapshot page is for: the live site on purpose (canonical, a mirror), or a file. */
export type LinkKind = "canonical" | "mirror" | "file";

/** Marks the note's links to the outlet's mirrors: they name the live sites on purpose. */
export const MIRROR_LINK_ATTRIBUTE = "data-snapshot-mirror";

/** Every URL an attribute of `html` names (href, src, srcset): what the link checker walks. */
export function linksOf(html: string): { value: string; kind: LinkKind }[] {
  const found: { value: string; kind: LinkKind }[] = [];
  for (const match of html.matchAll(START_TAG)) {
    const [, name = "", attributes = ""] = match;
    const kind: LinkKind =
      name.toLowerCase() === "link" && /\srel="canonical"/.test(attributes)
        ? "canonical"
        : attributes.includes(` ${MIRROR_LINK_ATTRIBUTE}`)
          ? "mirror"
          : "file";
    for (const attribute of attributes.matchAll(ATTRIBUTE)) {
      const lower = (attribute[2] ?? "").toLowerCase();
      const value = decodeAttribute(attribute[3] ?? "");
      if (lower === "srcset" || lower === "imagesrcset") {
        for (const candidate of value.split(",")) {
          const url = candidate.trim().split(/\s+/)[0];
          if (url) found.push({ value: url, kind });
        }
      } else if (URL_ATTRIBUTES.has(lower)) {
        found.push({ value, kind });
      }
    }
  }
  return found;
}
