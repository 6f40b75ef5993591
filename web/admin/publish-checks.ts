/** What the editor asks about before publishing: gaps a reader would notice, and a stale tab. */
import { type UntranslatedField, untranslatedFinding } from "../../src/newsroom/translation-todo.shared.js";
import type { LeadImage } from "./types.js";

export interface PublishCheckInput {
  leadImage: LeadImage | null;
  section: number | null;
  /** The newest version this tab has seen (loaded or saved itself). */
  tabVersion: number;
  /** The article's version on the server now. */
  serverVersion: number;
  /** Fields of a translation still in the original's language. */
  untranslated?: readonly UntranslatedField[];
}

/** Findings to confirm before publishing; empty when there is nothing to ask. */
export function publishFindings(input: PublishCheckInput): string[] {
  const findings: string[] = [];
  if (input.section === null) findings.push("The article is in no section, so no section page or feed lists it.");
  const untranslated = untranslatedFinding(input.untranslated ?? []);
  if (untranslated) findings.push(untranslated);
  if (input.serverVersion > input.tabVersion) {
    findings.push(
      `The article changed since this tab loaded it (version ${input.serverVersion} on the server, ${input.tabVersion} here): someone else, or another tab, saved it.`,
    );
  }
  return findings;
}

/** An image the story shows: its alternative text for this story, and the media library's own. */
export interface ImageUse {
  /** "The lead image", "Image 2 in the body". */
  where: string;
  alt: string | null;
  libraryAlt: string | null | undefined;
}

/**
 * Images a reader who cannot see them would get nothing for: publishing waits until each has
 * alternative text, here or in the media library (the reader page falls back to the library's).
 */
export function missingAltText(images: readonly ImageUse[]): string[] {
  return images
    .filter((image) => !image.alt?.trim() && !image.libraryAlt?.trim())
    .map((image) => `${image.where} has no alternative text.`);
}

/** The lead image and the body's images, in reading order, with the alt text this story gives them. */
export function imagesOf(
  leadImage: LeadImage | null,
  body: { content?: { type?: string; attrs?: Record<string, unknown> }[] },
): { where: string; mediaId: number; alt: string | null }[] {
  const out: { where: string; mediaId: number; alt: string | null }[] = [];
  if (leadImage) out.push({ where: "The lead image", mediaId: leadImage.mediaId, alt: leadImage.alt });
  let n = 0;
  let galleries = 0;
  for (const node of body.content ?? []) {
    if (node.type === "gallery" && Array.isArray(node.attrs?.photos)) {
      galleries++;
      (node.attrs.photos as { mediaId?: unknown; alt?: unknown }[]).forEach((photo, i) => {
        if (typeof photo?.mediaId !== "number") return;
        const alt = typeof photo.alt === "string" ? photo.alt : null;
        out.push({ where: `Photo ${i + 1} of gallery ${galleries}`, mediaId: photo.mediaId, alt });
      });
    }
    if (node.type !== "image" || typeof node.attrs?.mediaId !== "number") continue;
    n++;
    const alt = typeof node.attrs.alt === "string" ? node.attrs.alt : null;
    out.push({ where: `Image ${n} in the body`, mediaId: node.attrs.mediaId, alt });
  }
  return out;
}
