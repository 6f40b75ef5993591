import { expect } from "vitest";

/** What every lite page must be: no script, no font, no stylesheet file, one inline style under 2 KB. */
export function expectLitePage(html: string): void {
  expect(html.startsWith("<!doctype html>")).toBe(true);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/@font-face|\.woff2?|\.ttf|\.otf|fonts\.googleapis/i);
  expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/i);
  expect(html).not.toMatch(/<img|<picture|<iframe|<video/i);
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? "");
  expect(styles).toHaveLength(1);
  expect(Buffer.byteLength(styles[0] ?? "")).toBeLessThan(2048);
  expect(html).not.toMatch(/ style="/);
}
