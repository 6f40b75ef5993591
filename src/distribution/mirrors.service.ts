import { createHash } from "node:crypto";
import type { MirrorsConfig } from "../config.js";
import { AppError } from "../errors.js";
import type { Edition } from "../newsroom/editions.service.js";
import type { MirrorHostRow } from "../platform/db/schema.js";
import { canonicalHost, isOnionHost } from "../platform/http/host-names.js";
import type { SigningKey } from "../platform/security/signing-key.js";
import type { HostDirectory, ServedHost } from "../site/reader-routes.js";
import type { MirrorsRepository } from "./mirrors.repository.js";
import type { MirrorDto, MirrorList } from "./mirrors.schemas.js";

/** The surrogate key of the mirror list: purged on every change, which also reloads other processes. */
export const MIRRORS_KEY = "mirrors";

/** What a mirror serves when it is not one edition. */
export const ALL_EDITIONS = "all";

export interface MirrorsDeps {
  /** The editions as they are now (they can be added while the site runs). */
  editions: () => readonly Edition[];
  /** PUBLIC_URL. */
  publicUrl: string;
  /** MIRROR_HOSTS and ONION_HOST. */
  settings: MirrorsConfig;
  signingKey: SigningKey;
  now?: () => Date;
}

interface MirrorEntry {
  host: string;
  edition: string;
  onion: boolean;
}

/** The list and its detached signature, made once per change. */
export interface SignedMirrorList {
  body: string;
  signature: string;
  etag: string;
}

/**
 * The hosts that serve the site besides its own: mirrors from the settings and from the newsroom
 * app, and the onion address. Held in memory (every request asks) and loaded again on a change,
 * here or, through the purge relay, in another process.
 */
export class MirrorsService implements HostDirectory {
  private rows: MirrorHostRow[] = [];
  private byHost = new Map<string, MirrorEntry>();
  private changedAt = new Date(0).toISOString();
  private signed: SignedMirrorList | null = null;
  private readonly listeners: ((keys: string[]) => void)[] = [];
  private readonly scheme: string;
  readonly primaryHost: string;

  constructor(
    private readonly repository: MirrorsRepository,
    private readonly deps: MirrorsDeps,
  ) {
    const url = new URL(deps.publicUrl);
    this.scheme = url.protocol;
    this.primaryHost = url.host;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Reads the app's hosts and the list's change stamp. */
  async load(): Promise<void> {
    const { hosts, onionHost } = this.deps.settings;
    const digest = createHash("sha256").update(JSON.stringify({ hosts, onionHost })).digest("hex");
    const [rows, changedAt] = await Promise.all([
      this.repository.list(),
      this.repository.changedAt(digest, this.now().toISOString()),
    ]);
    const byHost = new Map<string, MirrorEntry>();
    for (const { host, edition } of hosts) byHost.set(host, { host, edition, onion: false });
    for (const row of rows) {
      if (!byHost.has(row.host)) byHost.set(row.host, { host: row.host, edition: row.edition, onion: false });
    }
    if (onionHost) byHost.set(onionHost, { host: onionHost, edition: ALL_EDITIONS, onion: true });
    this.rows = rows;
    this.byHost = byHost;
    this.changedAt = changedAt;
    this.signed = null;
  }

  onChange(listener: (keys: string[]) => void): void {
    this.listeners.push(listener);
  }

  get onionHost(): string | null {
    return this.deps.settings.onionHost;
  }

  get publicKey(): string {
    return this.deps.signingKey.publicKey;
  }

  /** The public key as PEM (SubjectPublicKeyInfo), what `openssl pkeyutl -verify -pubin` reads. */
  get publicKeyPem(): string {
    return this.deps.signingKey.publicKeyPem;
  }

  /** Every mirror host, the settings' first, then the app's (the onion address is apart). */
  list(): MirrorDto[] {
    const fromSettings: MirrorDto[] = this.deps.settings.hosts.map(({ host, edition }) => ({
      id: null,
      host,
      edition,
      source: "settings",
      createdAt: null,
    }));
    const fromApp: MirrorDto[] = this.rows.map((row) => ({
      id: row.id,
      host: row.host,
      edition: row.edition,
      source: "app",
      createdAt: row.created_at,
    }));
    return [...fromSettings, ...fromApp];
  }

  async add(input: { host: string; edition: string }, createdBy: number | null): Promise<MirrorDto> {
    const host = canonicalHost(input.host);
    if (!host) {
      throw new AppError(
        "validation_failed",
        `“${input.host}” is not a host name: give a bare name like mirror.example, without https:// or a path.`,
      );
    }
    if (isOnionHost(host.split(":")[0] ?? "")) {
      throw new AppError("validation_failed", "An onion address is set with the ONION_HOST setting, not as a mirror.");
    }
    const edition = input.edition.trim().toLowerCase();
    if (edition !== ALL_EDITIONS && !this.deps.editions().some((e) => e.code === edition)) {
      throw new AppError("validation_failed", `There is no edition “${input.edition}”.`);
    }
    const taken = new Set([this.primaryHost, ...this.editionHosts()]);
    if (taken.has(host)) throw new AppError("conflict", `${host} is already the site's own host or an edition's.`);
    if (this.byHost.has(host) || (await this.repository.findByHost(host))) {
      throw new AppError("conflict", `${host} is already a mirror.`);
    }
    const row = await this.repository.insert({
      host,
      edition,
      created_by: createdBy,
      created_at: this.now().toISOString(),
    });
    await this.changed();
    return { id: row.id, host: row.host, edition: row.edition, source: "app", createdAt: row.created_at };
  }

  async remove(id: number): Promise<MirrorDto> {
    const row = await this.repository.delete(id, this.now().toISOString());
    if (!row) throw new AppError("not_found", "There is no such mirror in the app's list.");
    await this.changed();
    return { id: row.id, host: row.host, edition: row.edition, source: "app", createdAt: row.created_at };
  }

  private async changed(): Promise<void> {
    await this.load();
    for (const listener of this.listeners) listener([MIRRORS_KEY]);
  }

  private editionHosts(): string[] {
    return this.deps.editions().flatMap((e) => (e.origin ? [new URL(e.origin).host] : []));
  }

  servedAs(host: string | undefined): ServedHost | undefined {
    const entry = host ? this.byHost.get(host.toLowerCase()) : undefined;
    if (!entry) return undefined;
    const origin = `${entry.onion ? "http:" : this.scheme}//${entry.host}`;
    const edition = this.editionOf(entry);
    // A mirror of an edition on a host of its own mirrors that host: the edition at "/".
    if (edition?.origin) return { origin, mirrors: edition.origin, editionHost: new URL(edition.origin).host };
    return { origin, mirrors: this.deps.publicUrl, editionHost: undefined };
  }

  /**
   * Where a mirror of one edition sends a reader who opens its front door ("/"): that edition's
   * front page when it lives under a path of the site ("/ru/"); null when "/" is already it.
   */
  entryPath(host: string | undefined): string | null {
    const entry = host ? this.byHost.get(host.toLowerCase()) : undefined;
    const edition = entry ? this.editionOf(entry) : undefined;
    if (!edition || edition.origin || edition.basePath === "/") return null;
    return edition.basePath;
  }

  private editionOf(entry: MirrorEntry): Edition | undefined {
    return entry.edition === ALL_EDITIONS ? undefined : this.deps.editions().find((e) => e.code === entry.edition);
  }

  /** Whether `host` is the onion address: served over plain http. */
  isOnion(host: string | undefined): boolean {
    return !!host && this.byHost.get(host.toLowerCase())?.onion === true;
  }

  /** The public list and its signature; the same bytes until the list changes. */
  signedList(): SignedMirrorList {
    if (!this.signed) {
      const body = `${JSON.stringify(this.document(), null, 2)}\n`;
      this.signed = {
        body,
        signature: this.deps.signingKey.sign(body),
        etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
      };
    }
    return this.signed;
  }

  private document(): MirrorList {
    const editions = this.deps.editions();
    const onSite = editions.filter((e) => !e.origin);
    const entry = (origin: string, served: readonly Edition[]) => ({
      url: `${origin}/`,
      editions: served.map((e) => ({ code: e.code, url: `${origin}${e.basePath}` })),
    });
    const mirrors = [...this.byHost.values()]
      .filter((m) => !m.onion)
      .sort((a, b) => a.host.localeCompare(b.host))
      .map((m) => {
        const origin = `${this.scheme}//${m.host}`;
        const edition = this.editionOf(m);
        if (m.edition === ALL_EDITIONS || !edition) return entry(origin, onSite);
        return {
          url: `${origin}/`,
          editions: [{ code: edition.code, url: `${origin}${edition.origin ? "/" : edition.basePath}` }],
        };
      });
    const onion = this.onionHost ? entry(`http://${this.onionHost}`, onSite) : null;
    return {
      generatedAt: this.changedAt,
      primary: {
        url: `${this.deps.publicUrl}/`,
        editions: editions.map((e) => ({ code: e.code, url: e.homeUrl ?? `${this.deps.publicUrl}${e.basePath}` })),
      },
      mirrors,
      onion,
    };
  }
}
