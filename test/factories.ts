import type { Kysely } from "kysely";
import type { ArticleInput, ArticlesService } from "../src/newsroom/articles.service.js";
import type { BlockNode, BodyDocument, BulletListNode, SocialPostNode } from "../src/newsroom/body.types.js";
import type { ArticleRow, DB, EditionRow, MediaRow, PersonRow, SectionRow, TagRow } from "../src/platform/db/schema.js";

let counter = 0;
const next = () => ++counter;

export async function createEdition(db: Kysely<DB>, overrides: Partial<EditionRow> = {}): Promise<EditionRow> {
  const code = overrides.code ?? "en";
  const row: EditionRow = {
    code,
    name: code.toUpperCase(),
    locale: code === "uk" ? "uk-UA" : code === "ru" ? "ru-RU" : "en-GB",
    time_zone: "Europe/Kyiv",
    base_path: code === "uk" ? "/" : `/${code}/`,
    position: 0,
    ...overrides,
  };
  await db.insertInto("editions").values(row).execute();
  return row;
}

export function createSection(
  db: Kysely<DB>,
  edition: string,
  overrides: Partial<SectionRow> = {},
): Promise<SectionRow> {
  const n = next();
  return db
    .insertInto("sections")
    .values({ edition_code: edition, slug: `section-${n}`, name: `Section ${n}`, position: n, ...overrides })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function createTag(db: Kysely<DB>, edition: string, overrides: Partial<TagRow> = {}): Promise<TagRow> {
  const n = next();
  return db
    .insertInto("tags")
    .values({ edition_code: edition, slug: `tag-${n}`, name: `Tag ${n}`, ...overrides })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function createPerson(db: Kysely<DB>, edition: string, overrides: Partial<PersonRow> = {}): Promise<PersonRow> {
  const n = next();
  return db
    .insertInto("people")
    .values({ edition_code: edition, slug: `person-${n}`, name: `Person ${n}`, role: null, bio: null, ...overrides })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A media row without a file: enough for pages and feeds, which only link to the image. */
export function createMedia(db: Kysely<DB>, overrides: Partial<MediaRow> = {}): Promise<MediaRow> {
  const n = next();
  return db
    .insertInto("media")
    .values({
      file_key: `media${String(n).padStart(4, "0")}`,
      mime: "image/jpeg",
      width: 1600,
      height: 900,
      alt: `Picture ${n}`,
      caption: null,
      credit: null,
      created_at: new Date().toISOString(),
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function paragraphs(...texts: string[]): BodyDocument {
  return { type: "doc", content: texts.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) };
}

/**
 * A body of `levels` lists, each inside the one before, with some text at every level. Built by a
 * loop, since tests use it with thousands of levels to prove nothing walks it recursively.
 */
export function nestedLists(levels: number): BodyDocument {
  let inner: BlockNode = {
    type: "bulletList",
    content: [
      { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: `Level ${levels}` }] }] },
    ],
  };
  for (let level = levels - 1; level >= 1; level--) {
    inner = {
      type: "bulletList",
      content: [
        {
          type: "listItem",
          content: [
            { type: "paragraph", content: [{ type: "text", text: `Level ${level}` }] },
            inner as BulletListNode,
          ],
        },
      ],
    };
  }
  return { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Opening." }] }, inner] };
}

/** The JSON text of nestedLists(levels), built by string concatenation: JSON.stringify overflows long before. */
export function nestedListsJson(levels: number): string {
  const open = (level: number) =>
    `{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"Level ${level}"}]}`;
  let json = "";
  for (let level = 1; level <= levels; level++) json += `${level > 1 ? "," : ""}${open(level)}`;
  json += "]}]}".repeat(levels);
  return `{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Opening."}]},${json}]}`;
}

/** Creates an article through the service and, unless told otherwise, publishes it. */
export async function createArticle(
  articles: ArticlesService,
  input: Partial<ArticleInput> & { edition: string },
  options: { publishAt?: Date; publish?: boolean } = {},
): Promise<ArticleRow> {
  const n = next();
  const created = await articles.create({
    title: `Story number ${n}`,
    body: paragraphs(`First paragraph of story ${n}.`, "Second paragraph.", "Third paragraph.", "Fourth paragraph."),
    ...input,
  });
  if (options.publish === false) return created;
  return articles.publish(created.id, options.publishAt);
}

/** A social-post block as the fetch-card API leaves it (a Telegram post, typed by hand unless overridden). */
export function socialPostNode(attrs: Partial<SocialPostNode["attrs"]> = {}): SocialPostNode {
  return {
    type: "socialPost",
    attrs: {
      platform: "telegram",
      url: "https://t.me/frontline_news/4821",
      author: "Frontline News",
      text: "Air defence is working over the city. Stay in shelters.",
      postedAt: "2026-12-01T06:15",
      mediaId: null,
      quotedOn: "2026-12-02",
      source: "manual",
      ...attrs,
    },
  };
}
