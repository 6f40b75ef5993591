import { describe, expect, it } from "vitest";
import { parseBeacon } from "../../src/analytics/beacon-payload.js";
import { depthStep, engageMessage, viewMessage } from "./beacon-message.js";

const editions = (code: string) => ["uk", "ru", "en"].includes(code);

describe("the beacon's view message", () => {
  it("is read by the server as a view with the referrer's host only, the campaign tags and the device class", () => {
    const body = viewMessage(
      "en",
      "42",
      "https://www.Google.com/search?q=front+line&client=secret",
      "news.example.org",
      "?utm_source=newsletter&utm_medium=email&id=7",
      390,
    );
    expect(parseBeacon(body, editions)).toEqual({
      type: "view",
      edition: "en",
      articleId: 42,
      referrer: "www.google.com",
      utmSource: "newsletter",
      utmMedium: "email",
      device: "m",
    });
    expect(body).not.toContain("front+line");
  });

  it("leaves the article out off articles, which the server reads as article 0", () => {
    const body = viewMessage("uk", undefined, "", "news.example.org", "", 390);
    expect(JSON.parse(body)).not.toHaveProperty("a");
    expect(parseBeacon(body, editions)).toMatchObject({ type: "view", articleId: 0 });
  });

  it("sends no referrer for a link within the site, nor for a page opened directly", () => {
    const internal = viewMessage("uk", undefined, "https://news.example.org/uk/", "news.example.org", "", 1024);
    const direct = viewMessage("uk", undefined, "", "news.example.org", "", 1600);
    expect(parseBeacon(internal, editions)).toMatchObject({ type: "view", articleId: 0, referrer: "", device: "t" });
    expect(parseBeacon(direct, editions)).toMatchObject({ referrer: "", utmSource: "", utmMedium: "", device: "d" });
  });

  it("classes viewports of 767, 768, 1199 and 1200 pixels as mobile, tablet, tablet and desktop", () => {
    const device = (width: number) => JSON.parse(viewMessage("ru", "1", "", "h", "", width)).d;
    expect([767, 768, 1199, 1200].map(device)).toEqual(["m", "t", "t", "d"]);
  });
});

describe("the beacon's engage message", () => {
  it("is read by the server with its depth step and whole seconds", () => {
    expect(parseBeacon(engageMessage("ru", "7", 75, 93.8), editions)).toEqual({
      type: "engage",
      edition: "ru",
      articleId: 7,
      depth: 75,
      seconds: 93,
    });
  });

  it("caps the seconds of a page left open for days at the server's limit of one day", () => {
    expect(parseBeacon(engageMessage("en", "7", 100, 400_000), editions)).toMatchObject({ seconds: 86_400 });
  });
});

describe("the read-depth step", () => {
  it("is the quarter of the article that has come above the viewport's bottom edge, rounded down", () => {
    // An article 2000 px tall starting 100 px down a viewport 800 px high: 700 px seen, 35 %.
    expect(depthStep(100, 2000, 800)).toBe(25);
    expect(depthStep(-900, 2000, 800)).toBe(75);
    expect(depthStep(-1200, 2000, 800)).toBe(100);
    expect(depthStep(-5000, 2000, 800)).toBe(100);
    expect(depthStep(900, 2000, 800)).toBe(0);
  });

  it("is 0 for an article with no height", () => {
    expect(depthStep(0, 0, 800)).toBe(0);
  });

  it("is always one of the steps the server accepts", () => {
    for (let top = -3000; top <= 1000; top += 37) {
      expect([0, 25, 50, 75, 100]).toContain(depthStep(top, 2000, 800));
    }
  });
});
