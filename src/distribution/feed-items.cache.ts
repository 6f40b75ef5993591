/**
 * Feed items kept between requests, by article version. A full-text feed is thirty articles'
 * bodies rendered to HTML and escaped into XML on every uncached request; the profile of the
 * uncached RSS feed put most of its time there and in loading those bodies (README, Performance).
 * An item is kept under its article's version stamp (id, live version and time of the last change),
 * so an edited article is a different entry, and dropped by any purge naming what it shows (the
 * article, its section, tags and bylines, its images, the edition's settings): a renamed tag or an
 * author's new name reaches the next feed. The renderers keep each kept item's markup by object
 * identity, so an item is rendered once per format while it stays here.
 */
export class FeedItemCache<T extends object> {
  private readonly entries = new Map<string, { item: T; keys: readonly string[]; keySet: ReadonlySet<string> }>();
  /** Bumped by `forget`, so an item read before a change is not kept after it. */
  private epoch = 0;

  constructor(readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** Where a reader starts: hand it back to `set`, which keeps nothing read before a purge. */
  get generation(): number {
    return this.epoch;
  }

  /** The kept item and the purge keys of what it shows. */
  get(stamp: string): { item: T; keys: readonly string[] } | undefined {
    const entry = this.entries.get(stamp);
    if (!entry) return undefined;
    // Least recently used goes first: a read moves the entry to the end of the map's order.
    this.entries.delete(stamp);
    this.entries.set(stamp, entry);
    return entry;
  }

  /** Keeps an item unless a purge came after `generation`; the least recently used goes when full. */
  set(stamp: string, item: T, keys: readonly string[], generation: number): void {
    if (generation !== this.epoch) return;
    this.entries.delete(stamp);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.entries.set(stamp, { item, keys, keySet: new Set(keys) });
  }

  /** Drops every item that shows something a purge names. */
  forget(keys: readonly string[]): void {
    if (keys.length === 0) return;
    this.epoch++;
    for (const [stamp, entry] of this.entries) {
      if (keys.some((key) => entry.keySet.has(key))) this.entries.delete(stamp);
    }
  }
}
