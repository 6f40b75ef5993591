import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ImportEntry, ImportSource } from "../import-item.types.js";
import { openImportReader } from "./open-reader.js";

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

async function first(source: ImportSource, name: string): Promise<ImportEntry | undefined> {
  for await (const entry of openImportReader(source, fixture(name)).entries()) return entry;
  return undefined;
}

describe("openImportReader", () => {
  it("picks the reader for each source", async () => {
    expect(openImportReader("wordpress", fixture("wordpress-1.2.xml")).info.source).toBe("wordpress");
    expect(openImportReader("ghost", fixture("ghost-5.json")).info.source).toBe("ghost");
    expect(openImportReader("feed", fixture("feed-rss.xml")).info.source).toBe("feed");
    expect(await first("wordpress", "wordpress-1.2.xml")).toMatchObject({ item: { sourceId: "101" } });
    expect(await first("ghost", "ghost-5.json")).toMatchObject({ item: { slug: "council-budget" } });
    expect(await first("feed", "feed-atom.xml")).toMatchObject({ item: { title: "Метро знову працює" } });
  });

  it("passes the site address to the Ghost reader", () => {
    const reader = openImportReader("ghost", fixture("ghost-5.json"), { siteUrl: "https://g.example.org" });
    expect(reader.info.siteUrl).toBe("https://g.example.org");
  });
});
