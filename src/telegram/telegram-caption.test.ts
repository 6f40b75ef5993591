import { describe, expect, it } from "vitest";
import {
  CAPTION_LIMIT,
  composeBreaking,
  composeCaption,
  escapeTelegramHtml,
  visibleLength,
} from "./telegram-caption.js";

const url = "https://news.example/en/news/a-story";

describe("Telegram caption", () => {
  it("puts the headline in bold, then the dek and the link, escaped for HTML parse mode", () => {
    const caption = composeCaption({ headline: "A <b> & c", dek: "Dek > all", url, corrected: false, language: "en" });
    expect(caption).toBe(`<b>A &lt;b&gt; &amp; c</b>\n\nDek &gt; all\n\n${url}`);
  });

  it("says a correction was appended, in the edition's language", () => {
    const caption = composeCaption({ headline: "Міст закрито", dek: null, url, corrected: true, language: "uk" });
    expect(caption).toBe(`<b>Міст закрито</b>\n\nДодано виправлення\n${url}`);
  });

  it("shortens the dek, not the link, to stay within 1024 visible characters", () => {
    const caption = composeCaption({
      headline: "Long read",
      dek: "word ".repeat(400),
      url,
      corrected: true,
      language: "en",
    });
    expect(visibleLength(caption)).toBeLessThanOrEqual(CAPTION_LIMIT);
    expect(visibleLength(caption)).toBeGreaterThan(CAPTION_LIMIT - 10);
    expect(caption).toMatch(/word…\n\nCorrection appended\nhttps:\/\/news\.example\/en\/news\/a-story$/);
  });

  it("counts an escaped character once, as Telegram does", () => {
    const caption = composeCaption({ headline: "H", dek: "&".repeat(2000), url, corrected: false, language: "en" });
    expect(visibleLength(caption)).toBeLessThanOrEqual(CAPTION_LIMIT);
    expect(caption.length).toBeGreaterThan(CAPTION_LIMIT);
  });

  it("shortens even the headline when it alone would not fit", () => {
    const caption = composeCaption({ headline: "x".repeat(1500), dek: "Dek", url, corrected: false, language: "en" });
    expect(visibleLength(caption)).toBeLessThanOrEqual(CAPTION_LIMIT);
    expect(caption.endsWith(url)).toBe(true);
  });

  it("never splits an emoji in two", () => {
    const caption = composeCaption({ headline: "H", dek: "🔥".repeat(600), url, corrected: false, language: "en" });
    expect(caption).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it("escapes only what Telegram's HTML needs", () => {
    expect(escapeTelegramHtml(`"quoted" <tag> & 'single'`)).toBe(`"quoted" &lt;tag&gt; &amp; 'single'`);
  });

  it("labels a breaking post in the edition's language", () => {
    expect(composeBreaking({ text: "Тривога <у> Києві", url: null, language: "uk" })).toBe(
      "<b>Терміново: Тривога &lt;у&gt; Києві</b>",
    );
  });
});
