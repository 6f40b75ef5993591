import type { PageCache } from "./page-cache.js";

/** What a memo drops for one purged surrogate key: one entry, every entry, or nothing. */
export const EVERY_ENTRY = Symbol("every entry");
export type MemoDrop = string | typeof EVERY_ENTRY | undefined;

/**
 * Values read from the database on every uncached page (an edition's settings, its sections, the
 * head of its home list), kept in memory until a page-cache purge names what they show. Purges
 * are the one signal: a save in this process purges the pages that show it, and a save in another
 * reaches this one as a relayed purge, so a memo that follows the page cache is never staler than
 * the pages.
 */
export class PurgeableMemo<V> {
  private readonly kept = new Map<string, V>();
  /** Bumped by every drop, so a value read before a change is not kept after it. */
  private generation = 0;

  /** `dropFor` says which entry a purged surrogate key makes stale. */
  constructor(private readonly dropFor: (surrogateKey: string) => MemoDrop) {}

  /** The kept value of `key`, or what `load` reads, kept unless a purge came while it read. */
  async get(key: string, load: () => Promise<V>): Promise<V> {
    const kept = this.kept.get(key);
    if (kept !== undefined) return kept;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation) this.kept.set(key, value);
    return value;
  }

  /** Drops the entries the purged surrogate keys name. */
  forget(surrogateKeys: readonly string[]): void {
    for (const surrogateKey of surrogateKeys) {
      const drop = this.dropFor(surrogateKey);
      if (drop === undefined) continue;
      this.generation++;
      if (drop === EVERY_ENTRY) this.kept.clear();
      else this.kept.delete(drop);
    }
  }

  /** Follows every purge of the page cache, relayed ones from other processes too. */
  followPurges(pageCache: Pick<PageCache, "onPurge">): void {
    pageCache.onPurge((keys) => this.forget(keys));
  }
}

/** The part after `{kind}:` of a surrogate key of one of these kinds (`settings:uk` → `uk`). */
export function keySuffix(surrogateKey: string, kinds: readonly string[]): string | undefined {
  const colon = surrogateKey.indexOf(":");
  if (colon < 0 || !kinds.includes(surrogateKey.slice(0, colon))) return undefined;
  return surrogateKey.slice(colon + 1);
}
