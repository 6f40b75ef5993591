import { describe, expect, it } from "vitest";
import { addressOf, fileOf, relativeLink } from "./snapshot-paths.js";

const file = (url: string) => fileOf(addressOf(new URL(url, "https://news.example")));

describe("snapshot paths", () => {
  it("files the front pages as index.html", () => {
    expect(file("/")).toBe("index.html");
    expect(file("/ru/")).toBe("ru/index.html");
  });

  it("files pages as .html files, so links never need a directory index", () => {
    expect(file("/news/a-story")).toBe("news/a-story.html");
    expect(file("/ru/section/war")).toBe("ru/section/war.html");
    expect(file("/ru")).toBe("ru.html");
  });

  it("keeps the names of files that have an extension", () => {
    expect(file("/feed.xml")).toBe("feed.xml");
    expect(file("/maps/bakhmut/preview.svg")).toBe("maps/bakhmut/preview.svg");
    expect(file("/media/abcd1234/800.webp")).toBe("media/abcd1234/800.webp");
    expect(file("/geo/basemap.topo.json")).toBe("geo/basemap.topo.json");
  });

  it("gives each 'show more' page and map day a file of its own", () => {
    expect(file("/?after=aG9tZQ")).toBe("index.after-aG9tZQ.html");
    expect(file("/section/war?after=abc_-1")).toBe("section/war.after-abc_-1.html");
    expect(file("/maps/bakhmut?date=2023-02-20")).toBe("maps/bakhmut.date-2023-02-20.html");
  });

  it("names a cursor that is not file-safe by its digest, the same every time", () => {
    const first = file("/?after=a%2Fb%3Dc");
    expect(first).toMatch(/^index\.after-[0-9a-f]{20}\.html$/);
    expect(file("/?after=a%2Fb%3Dc")).toBe(first);
  });

  it("drops query parameters that do not change the page", () => {
    expect(file("/news/a?utm_source=x&fbclid=y")).toBe("news/a.html");
    expect(addressOf(new URL("https://news.example/news/a?utm_source=x&after=1")).query).toBe("?after=1");
  });

  it("decodes escaped names and never climbs out of the folder", () => {
    expect(file("/tag/%D0%B2%D1%96%D0%B9%D0%BD%D0%B0")).toBe("tag/війна.html");
    expect(file("/news/../../etc/passwd")).toBe("etc/passwd.html");
  });

  it("links from one file to another relatively", () => {
    expect(relativeLink("news/a.html", "section/war.html")).toBe("../section/war.html");
    expect(relativeLink("index.html", "news/a.html")).toBe("news/a.html");
    expect(relativeLink("ru/news/a.html", "ru/index.html")).toBe("../index.html");
    expect(relativeLink("ru/news/a.html", "assets/site.css")).toBe("../../assets/site.css");
    expect(relativeLink("news/a.html", "news/a.html")).toBe("a.html");
  });

  it("escapes what a URL would misread and keeps names with a colon paths", () => {
    expect(relativeLink("index.html", "tag/a b#c.html")).toBe("tag/a%20b%23c.html");
    expect(relativeLink("index.html", "a:b.html")).toBe("./a%3Ab.html");
  });
});
