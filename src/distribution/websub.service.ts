import type { EditionsService } from "../newsroom/editions.service.js";
import type { TaxonomyService, VocabularyKind } from "../newsroom/taxonomy.service.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import type { ListKind } from "../site/site.service.js";
import { urls } from "../site/urls.js";
import { distributionUrls, FEED_FORMATS } from "./urls.js";

declare module "../platform/jobs/job-queue.js" {
  interface JobPayloads {
    /** Queued by releases before domain events (now an `article.*` listener); still honoured. */
    "distribution.websub-changed": { keys: string[] };
    /** Tell the hub that one feed (the topic) has new content. */
    "distribution.websub-ping": { topic: string };
  }
}

export interface WebSubOptions {
  hubUrl: string;
  publicUrl: string;
  /** For tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Surrogate-key prefixes of the lists that have feeds: their vocabulary and their list page. */
const LIST_OF_KEY: Readonly<Record<string, { vocabulary: VocabularyKind; list: ListKind }>> = {
  section: { vocabulary: "section", list: "section" },
  tag: { vocabulary: "tag", list: "tag" },
  author: { vocabulary: "person", list: "author" },
};

/**
 * WebSub publisher (W3C WebSub §7): when articles change, the hub is told which feeds changed,
 * and fetches them and pushes them to subscribers at once instead of waiting for their polls.
 * Both steps are durable jobs, so a ping survives a restart and a failing hub is retried.
 */
export class WebSubService {
  private readonly fetch: typeof fetch;
  constructor(
    private readonly editions: EditionsService,
    private readonly taxonomy: TaxonomyService,
    private readonly jobs: JobQueue,
    private readonly options: WebSubOptions,
  ) {
    this.fetch = options.fetch ?? fetch;
    jobs.register("distribution.websub-changed", async ({ keys }) => this.feedsChanged(keys));
    jobs.register("distribution.websub-ping", async ({ topic }) => this.ping(topic));
  }

  /**
   * Queues one ping per feed that lists the changed pages (the listener of the public article
   * events). One pending ping per feed: a burst of edits to one story makes one ping, not many; a
   * change while the ping runs is already in the database, so the hub's fetch sees it.
   */
  async feedsChanged(keys: readonly string[]): Promise<void> {
    for (const topic of await this.topicsFor(keys)) {
      await this.jobs.enqueue("distribution.websub-ping", { topic }, { dedupeKey: `websub:${topic}` });
    }
  }

  /** Feed URLs (all three formats) of the lists the surrogate keys name. */
  async topicsFor(keys: readonly string[]): Promise<string[]> {
    const paths: string[] = [];
    for (const key of keys) {
      const [kind, id] = key.split(":") as [string, string | undefined];
      if (kind === "home" && id) {
        const edition = this.editions.byCode(id);
        if (edition) paths.push(urls.home(edition.basePath));
        continue;
      }
      const list = LIST_OF_KEY[kind];
      if (!list || !id || !/^\d+$/.test(id)) continue;
      const term = await this.taxonomy.findById(list.vocabulary, Number(id));
      const edition = term ? this.editions.byCode(term.edition) : undefined;
      if (!term || !edition) continue;
      paths.push(urls.list(edition.basePath, list.list, term.slug));
    }
    return [...new Set(paths)].flatMap((path) =>
      FEED_FORMATS.map((format) => `${this.options.publicUrl}${distributionUrls.feed(path, format)}`),
    );
  }

  /** POSTs `hub.mode=publish&hub.url=<topic>`; anything but a 2xx answer fails the job, which is retried. */
  async ping(topic: string): Promise<void> {
    const response = await this.fetch(this.options.hubUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ "hub.mode": "publish", "hub.url": topic }).toString(),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`The WebSub hub answered ${response.status} for ${topic}`);
  }
}
