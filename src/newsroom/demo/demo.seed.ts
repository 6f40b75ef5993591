import sharp from "sharp";
import type { Database } from "../../platform/db/database.js";
import type { LocalStorage } from "../../platform/storage/local-storage.js";
import { ArticlesRepository } from "../articles.repository.js";
import type { BlockNode, BodyDocument } from "../body.types.js";
import { parseBody } from "../body.validator.js";
import { MediaRepository } from "../media.repository.js";
import { SettingsRepository } from "../settings.repository.js";
import { slugify } from "../slug.js";
import { TaxonomyRepository } from "../taxonomy.repository.js";
import { demoPictureAlt, demoPictureSvg } from "./demo-images.js";
import { demoEditionSettings } from "./demo-settings.js";
import { DEMO_EDITIONS, DEMO_PEOPLE, DEMO_SECTIONS, DEMO_TAGS } from "./demo-taxonomy.js";
import type { DemoStory, DemoStoryText, EditionCode } from "./demo-types.js";

/**
 * All demo stories, newest first: the three themes interleaved, the flagship analysis on top.
 * Their text is most of the server's code by size, so it is loaded only when a database is seeded.
 */
export async function demoStories(): Promise<DemoStory[]> {
  const [{ frontlineStories }, { homeFrontStories }, { worldStories }] = await Promise.all([
    import("./stories-frontline.js"),
    import("./stories-home-front.js"),
    import("./stories-world.js"),
  ]);
  const out: DemoStory[] = [];
  const longest = Math.max(frontlineStories.length, homeFrontStories.length, worldStories.length);
  for (let i = 0; i < longest; i++) {
    for (const list of [frontlineStories, homeFrontStories, worldStories]) {
      const story = list[i];
      if (story) out.push(story);
    }
  }
  return out;
}

function paragraph(text: string): BlockNode {
  return { type: "paragraph", content: [{ type: "text", text }] };
}

/** The Tiptap document of a demo story: paragraphs, a pull quote after the second, then list and takeaways. */
export function demoBody(text: DemoStoryText): BodyDocument {
  const content: BlockNode[] = [];
  text.paragraphs.forEach((p, i) => {
    content.push(paragraph(p));
    if (i === 1 && text.quote) {
      content.push({
        type: "blockquote",
        attrs: { citation: text.quote.cite },
        content: [{ type: "paragraph", content: [{ type: "text", text: text.quote.text }] }],
      });
    }
  });
  if (text.list) {
    content.push({
      type: "bulletList",
      content: text.list.map((item) => ({
        type: "listItem",
        content: [{ type: "paragraph", content: [{ type: "text", text: item }] }],
      })),
    });
  }
  if (text.takeaways)
    content.push({ type: "takeaways", attrs: { title: text.takeaways.title, items: text.takeaways.items } });
  return parseBody({ type: "doc", content });
}

/** Hours between consecutive demo stories, so the archive spans a few weeks. */
const SPACING_HOURS = 7;

export interface SeedResult {
  editions: number;
  articles: number;
}

/**
 * Fills an empty database with the demo newsroom. It runs only when there are no editions and no
 * articles, so it never runs twice and never touches real data; the rows go in one transaction.
 */
export async function seedDemoContent(
  database: Database,
  storage: LocalStorage,
  now: Date,
): Promise<SeedResult | null> {
  const { db } = database;
  const existing = await db.selectFrom("editions").select("code").limit(1).execute();
  const articleCount = await new ArticlesRepository(db).countArticles();
  if (existing.length > 0 || articleCount > 0) return null;

  const stories = await demoStories();
  const fileKeys = stories.map((_, i) => `demo${String(i + 1).padStart(3, "0")}`);
  // Pictures are made before the transaction: files are idempotent, rows are all-or-nothing.
  for (let i = 0; i < stories.length; i += 4) {
    await Promise.all(
      stories.slice(i, i + 4).map(async (story, j) => {
        const key = `${fileKeys[i + j]}/original.jpg`;
        if (await storage.exists(key)) return;
        const jpeg = await sharp(Buffer.from(demoPictureSvg(story.key, story.picture)))
          .jpeg({ quality: 82, mozjpeg: true })
          .toBuffer();
        await storage.write(key, jpeg);
      }),
    );
  }

  let articles = 0;
  await db.transaction().execute(async (trx) => {
    const taxonomy = new TaxonomyRepository(trx);
    const mediaRepo = new MediaRepository(trx);
    const articleRepo = new ArticlesRepository(trx);
    const settingsRepo = new SettingsRepository(trx);
    for (const [position, edition] of DEMO_EDITIONS.entries()) {
      await trx
        .insertInto("editions")
        .values({
          code: edition.code,
          name: edition.name,
          locale: edition.locale,
          time_zone: "Europe/Kyiv",
          base_path: edition.basePath,
          position,
        })
        .execute();
    }
    for (const edition of DEMO_EDITIONS) {
      const code: EditionCode = edition.code;
      const sections = new Map<string, number>();
      for (const [position, s] of DEMO_SECTIONS.entries()) {
        const row = await taxonomy.insertSection({
          edition_code: code,
          slug: s.slugs[code],
          name: s.names[code],
          position,
        });
        sections.set(s.key, row.id);
      }
      const tags = new Map<string, number>();
      for (const tag of DEMO_TAGS) {
        const row = await taxonomy.insertTag({
          edition_code: code,
          slug: code === "en" ? tag.key : slugify(tag.names[code], code),
          name: tag.names[code],
        });
        tags.set(tag.key, row.id);
      }
      const people = new Map<string, number>();
      for (const person of DEMO_PEOPLE) {
        const row = await taxonomy.insertPerson({
          edition_code: code,
          slug: person.key,
          name: person.names[code],
          role: person.roles[code],
          bio: null,
        });
        people.set(person.key, row.id);
      }
      const usedSlugs = new Set<string>();
      for (const [index, story] of stories.entries()) {
        const text = story.text[code];
        const publishedAt = new Date(now.getTime() - (index * SPACING_HOURS + 0.5) * 3_600_000).toISOString();
        const media = await mediaRepo.insert({
          file_key: fileKeys[index]!,
          mime: "image/jpeg",
          width: 1600,
          height: 900,
          alt: demoPictureAlt(story.picture, code),
          caption: text.caption,
          credit: text.credit,
          created_at: publishedAt,
        });
        let slug = slugify(text.title, code);
        for (let n = 2; usedSlugs.has(slug); n++) slug = `${slugify(text.title, code)}-${n}`;
        usedSlugs.add(slug);
        await articleRepo.insert(
          {
            edition_code: code,
            slug,
            status: "published",
            title: text.title,
            dek: text.dek,
            section_id: sections.get(story.section) ?? null,
            lead_media_id: media.id,
            body: JSON.stringify(demoBody(text)),
            source_attribution: text.sourceAttribution ?? null,
            published_at: publishedAt,
            created_at: publishedAt,
            updated_at: publishedAt,
            translation_group: story.key,
            is_breaking: story.breaking ? 1 : 0,
            is_featured: story.featured ? 1 : 0,
          },
          story.tags.map((t) => tags.get(t)).filter((id): id is number => id !== undefined),
          [people.get(story.author)].filter((id): id is number => id !== undefined),
        );
        articles++;
      }
      await settingsRepo.set(code, "edition", JSON.stringify(demoEditionSettings(code)), now.toISOString());
    }
  });
  return { editions: DEMO_EDITIONS.length, articles };
}
