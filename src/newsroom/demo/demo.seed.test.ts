import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../test/harness.js";
import { LocalStorage } from "../../platform/storage/local-storage.js";
import { demoStories, seedDemoContent } from "./demo.seed.js";
import { demoPictureAlt } from "./demo-images.js";

const stories = await demoStories();

describe("demo stories", () => {
  it("has about sixty stories, each in all three languages, with unique keys", () => {
    expect(stories.length).toBeGreaterThanOrEqual(55);
    expect(new Set(stories.map((s) => s.key)).size).toBe(stories.length);
    for (const story of stories) {
      for (const edition of ["uk", "ru", "en"] as const) {
        expect(story.text[edition].title.length, story.key).toBeGreaterThan(10);
        expect(story.text[edition].paragraphs.length, story.key).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it("describes each generated picture as the drawing it is, in every edition's language", () => {
    const lead = { uk: "Ілюстрація: ", ru: "Иллюстрация: ", en: "Illustration: " } as const;
    for (const theme of new Set(stories.map((story) => story.picture))) {
      for (const language of ["uk", "ru", "en"] as const) {
        expect(demoPictureAlt(theme, language).startsWith(lead[language]), `${theme} ${language}`).toBe(true);
      }
    }
    expect(demoPictureAlt("sea", "en")).toContain("boat with a red cabin");
  });

  it("leads with the full analysis page: quote, source and ten or more takeaways in every edition", () => {
    const flagship = stories[0]!;
    expect(flagship.featured).toBe(true);
    for (const edition of ["uk", "ru", "en"] as const) {
      const text = flagship.text[edition];
      expect(text.quote).toBeDefined();
      expect(text.sourceAttribution).toBeTruthy();
      expect(text.takeaways?.items.length).toBeGreaterThanOrEqual(10);
      expect(text.paragraphs.length).toBeGreaterThanOrEqual(4);
    }
  });
});

describe.each(DIALECTS)("demo seeding on %s", (dialect) => {
  let database: TestDatabase;
  let mediaDir: string;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-seed-"));
  });
  afterEach(async () => {
    await database.cleanup();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  it("seeds three editions of published articles once, with generated lead photos", async () => {
    const storage = new LocalStorage(mediaDir);
    const result = await seedDemoContent(database, storage, new Date("2026-03-21T12:00:00Z"));
    expect(result).toEqual({ editions: 3, articles: stories.length * 3 });
    const editions = await database.db
      .selectFrom("editions")
      .select(["code", "base_path", "time_zone"])
      .orderBy("position")
      .execute();
    expect(editions).toEqual([
      { code: "uk", base_path: "/", time_zone: "Europe/Kyiv" },
      { code: "ru", base_path: "/ru/", time_zone: "Europe/Kyiv" },
      { code: "en", base_path: "/en/", time_zone: "Europe/Kyiv" },
    ]);
    const published = await database.db.selectFrom("articles").select("id").where("status", "=", "published").execute();
    expect(published).toHaveLength(stories.length * 3);
    expect(await storage.exists("demo001/original.jpg")).toBe(true);
    expect(await seedDemoContent(database, storage, new Date())).toBeNull();
    const again = await database.db.selectFrom("articles").select("id").execute();
    expect(again).toHaveLength(stories.length * 3);
  });

  it("never seeds over a database that already has an edition", async () => {
    await database.db
      .insertInto("editions")
      .values({ code: "en", name: "English", locale: "en-GB", time_zone: "Europe/London", base_path: "/", position: 0 })
      .execute();
    expect(await seedDemoContent(database, new LocalStorage(mediaDir), new Date())).toBeNull();
    expect(await database.db.selectFrom("articles").select("id").execute()).toHaveLength(0);
  });
});
