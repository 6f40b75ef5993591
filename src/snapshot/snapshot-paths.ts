import { createHash } from "node:crypto";
import path from "node:path";

/*
 * Where each address of the site lands in a static snapshot, and how one file links to another.
 * Pages become `.html` files (`/news/slug` → `news/slug.html`, `/ru/` → `ru/index.html`) and links
 * name those files, never a folder: opened from `file://` there is no directory index, and a static
 * host serves the same names as they are.
 */

/** Query parameters that change a reader page: the "show more" cursor and a map's day. */
const PAGE_PARAMETERS = ["after", "date"] as const;

/** Files served with an extension keep their name; anything else is a page. */
const KEEPS_NAME = /\.(?:xml|json|svg|png|jpe?g|webp|avif|gif|ico|css|js|mjs|map|txt|woff2?|pdf|webmanifest)$/i;

/** A site address reduced to what decides its file: the path and the query parameters pages read. */
export interface SiteAddress {
  path: string;
  /** The kept query parameters, in a fixed order: `?after=…` or `?date=…`, or "". */
  query: string;
}

/** The address of `url` (already known to be on the site) as the snapshot files it. */
export function addressOf(url: URL): SiteAddress {
  const kept = new URLSearchParams();
  for (const name of PAGE_PARAMETERS) {
    const value = url.searchParams.get(name);
    if (value !== null && value !== "") kept.set(name, value);
  }
  const query = kept.toString();
  return { path: url.pathname, query: query ? `?${query}` : "" };
}

/** The address as a request line: path and kept query. */
export function requestPathOf(address: SiteAddress): string {
  return `${address.path}${address.query}`;
}

/** A query value safe in a file name: as it is when short and plain, else a stable digest. */
function fileSafe(value: string): string {
  if (/^[A-Za-z0-9_-]{1,64}$/.test(value)) return value;
  return createHash("sha256").update(value).digest("hex").slice(0, 20);
}

/**
 * The snapshot file (POSIX, relative to the folder) for an address: `/` → `index.html`,
 * `/ru/` → `ru/index.html`, `/news/a` → `news/a.html`, `/news/a?after=X` → `news/a.after-X.html`,
 * `/feed.xml` → `feed.xml`. Percent-escapes are decoded so the file has the name readers see.
 */
export function fileOf(address: SiteAddress): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(address.path);
  } catch {
    decoded = address.path;
  }
  const segments = decoded.split("/").filter((segment) => segment !== "" && segment !== "." && segment !== "..");
  const directory = decoded.endsWith("/") || segments.length === 0;
  const suffix = Array.from(new URLSearchParams(address.query), ([name, value]) => `.${name}-${fileSafe(value)}`).join(
    "",
  );
  if (directory) return [...segments, `index${suffix}.html`].join("/");
  const last = segments.pop() as string;
  if (!suffix && KEEPS_NAME.test(last)) return [...segments, last].join("/");
  return [...segments, `${last}${suffix}.html`].join("/");
}

/** The link from file `from` to file `to` (both snapshot paths), e.g. `../section/war.html`. */
export function relativeLink(from: string, to: string): string {
  const link = path.posix.relative(path.posix.dirname(from), to);
  // A file name with a colon would read as a URL scheme; `./` keeps it a path.
  const safe = /^[^/]*:/.test(link) ? `./${link}` : link;
  return safe
    .split("/")
    .map((segment) => encodeURIComponent(segment).replace(/%40/g, "@"))
    .join("/");
}
