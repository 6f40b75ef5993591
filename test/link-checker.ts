import fs from "node:fs";
import path from "node:path";
import { linksOf } from "../src/snapshot/snapshot-links.js";
import { walkFiles } from "../src/snapshot/snapshot-manifest.js";

export interface BrokenLink {
  file: string;
  link: string;
  why: string;
}

/**
 * Every link of every HTML file (href, src, srcset) and style sheet (`url(…)`) in a snapshot folder
 * that does not lead to a file in it. Canonical links and other sites are allowed; a link to
 * `site` other than the canonical one and the note's mirrors is broken (the copy must not send
 * readers to the live site).
 */
export function checkSnapshotLinks(dir: string, site: string, allowLive: (url: URL) => boolean = () => false) {
  const broken: BrokenLink[] = [];
  let checked = 0;
  const origin = new URL(site).origin;
  for (const file of walkFiles(dir)) {
    const text = file.endsWith(".html") || file.endsWith(".css") ? fs.readFileSync(path.join(dir, file), "utf8") : "";
    const links = file.endsWith(".html")
      ? linksOf(text)
      : file.endsWith(".css")
        ? [...text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => ({
            value: m[1] ?? "",
            kind: "file" as const,
          }))
        : [];
    for (const { value, kind } of links) {
      checked++;
      if (value.startsWith("#") || /^(data|mailto|tel|javascript):/i.test(value)) continue;
      if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith("//")) {
        const url = new URL(value, "https://x.invalid");
        if (url.origin === origin && kind === "file" && !allowLive(url))
          broken.push({ file, link: value, why: "names the live site" });
        continue;
      }
      if (value.startsWith("/")) {
        broken.push({ file, link: value, why: "root-relative" });
        continue;
      }
      const target = decodeURIComponent(value.split("#")[0]?.split("?")[0] ?? "");
      if (target === "") continue;
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
      if (
        resolved.startsWith("..") ||
        !fs.existsSync(path.join(dir, resolved)) ||
        fs.statSync(path.join(dir, resolved)).isDirectory()
      ) {
        broken.push({ file, link: value, why: "no such file" });
      }
    }
  }
  return { checked, broken };
}
