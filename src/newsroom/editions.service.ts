import type { EditionRow } from "../platform/db/schema.js";
import type { EditionsRepository } from "./editions.repository.js";

export interface Edition {
  code: string;
  name: string;
  /** BCP 47 locale used for dates and `lang`, e.g. "uk-UA". */
  locale: string;
  /** Language of the reader-facing strings: the locale's primary subtag. */
  language: string;
  timeZone: string;
  /** "/" for the root edition and for one on its own host, "/ru/" for the others. */
  basePath: string;
  /** The edition's own origin when it has a host of its own (EDITION_HOSTS); null: the site's. */
  origin?: string | null;
  /** The absolute URL of the edition's front page, for links from a page on another host. */
  homeUrl?: string;
}

function toEdition(row: EditionRow, hosts: Readonly<Record<string, string>>, publicUrl?: string): Edition {
  const origin = hosts[row.code] ?? null;
  const basePath = origin ? "/" : row.base_path;
  return {
    ...((origin ?? publicUrl) ? { homeUrl: `${origin ?? publicUrl}${basePath}` } : {}),
    code: row.code,
    name: row.name,
    locale: row.locale,
    language: row.locale.split("-")[0] ?? row.locale,
    timeZone: row.time_zone,
    basePath,
    origin,
  };
}

/**
 * A link from a page of `from` to `path` of `to`: site-relative on one host, absolute when either
 * edition has a host of its own.
 */
export function editionHref(from: Edition, to: Edition, path: string): string {
  if ((from.origin || to.origin) && to.homeUrl) return `${to.homeUrl}${path.slice(to.basePath.length)}`;
  return path;
}

/** A page-cache key for a path of the edition: an edition on its own host shares paths ("/") with the root. */
export function pageKeyOf(edition: Pick<Edition, "origin">, path: string): string {
  return edition.origin ? `${edition.origin}${path}` : path;
}

/** The absolute origin of an edition's pages. */
export function originOf(edition: Pick<Edition, "origin">, publicUrl: string): string {
  return edition.origin ?? publicUrl;
}

/** Editions are few and read on every request, so they are held in memory and reloaded on change. */
export class EditionsService {
  private editions: Edition[] = [];

  constructor(
    private readonly repository: EditionsRepository,
    /** Editions on hosts of their own (config EDITION_HOSTS): code → origin. */
    private readonly hosts: Readonly<Record<string, string>> = {},
    /** The site's origin (PUBLIC_URL), for the absolute links between hosts. */
    private readonly publicUrl?: string,
  ) {}

  async load(): Promise<void> {
    this.editions = (await this.repository.listAll()).map((row) => toEdition(row, this.hosts, this.publicUrl));
  }

  list(): readonly Edition[] {
    return this.editions;
  }

  byCode(code: string): Edition | undefined {
    return this.editions.find((e) => e.code === code);
  }

  /** The edition served at "/" of the site's own host: the one whose base path is the root. */
  root(): Edition | undefined {
    return this.editions.find((e) => e.basePath === "/" && !e.origin);
  }

  /** The edition whose base path is "/<segment>/" on the site's own host. */
  bySegment(segment: string): Edition | undefined {
    return this.editions.find((e) => e.basePath === `/${segment}/` && !e.origin);
  }

  /** The edition served on this host name (with port, as in the Host header), if it has its own. */
  byHost(host: string | undefined): Edition | undefined {
    if (!host) return undefined;
    const wanted = host.toLowerCase();
    return this.editions.find((e) => !!e.origin && new URL(e.origin).host === wanted);
  }

  /**
   * The edition a request is for: on an edition's own host, that edition (at "/" only); on the
   * site's host, the root edition or the one named by the first path segment.
   */
  resolve(host: string | undefined, segment: string | undefined): Edition | undefined {
    const own = this.byHost(host);
    if (own) return segment === undefined ? own : undefined;
    return segment === undefined ? this.root() : this.bySegment(segment);
  }

  async create(row: EditionRow): Promise<Edition> {
    await this.repository.insert(row);
    await this.load();
    return toEdition(row, this.hosts, this.publicUrl);
  }
}
