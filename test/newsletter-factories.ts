import type { Services } from "../src/app.js";
import type { NewsletterList } from "../src/newsletters/newsletters.shared.js";
import type { ListInput } from "../src/newsletters/newsletters.types.js";
import type { Database } from "../src/platform/db/database.js";

let counter = 0;

/** A newsletter list; a manual English list unless told otherwise. */
export function createList(services: Services, overrides: Partial<ListInput> = {}): Promise<NewsletterList> {
  const n = ++counter;
  return services.newsletters.lists.createList({
    slug: `list-${n}`,
    edition: "en",
    language: "en",
    name: `Briefing ${n}`,
    description: "The news that matters, briefly.",
    cadence: "Daily",
    fromName: "The Newsroom",
    fromAddress: "newsletter@news.example",
    kind: "manual",
    ...overrides,
  });
}

/** Mail kept by the dev outbox, oldest first. */
export async function outbox(
  database: Database,
): Promise<{ to: string; subject: string; text: string; html: string | null; headers: string | null }[]> {
  return database.db
    .selectFrom("mail_outbox")
    .select(["to", "subject", "text", "html", "headers"])
    .orderBy("id")
    .execute();
}

/** The first link in a text that leads to the given newsletter page. */
export function linkTo(text: string, page: "confirm" | "preferences" | "unsubscribe"): string {
  const match = text.match(new RegExp(`https?://\\S+/newsletters/${page}\\?token=[^\\s"<]+`));
  if (!match) throw new Error(`No ${page} link in: ${text.slice(0, 300)}`);
  return match[0];
}

/** The path and query of an absolute URL, for app.inject. */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}
