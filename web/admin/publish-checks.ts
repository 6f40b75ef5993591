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
  if (input.leadImage && !input.leadImage.alt?.trim()) {
    findings.push("The lead image has no alternative text, so readers who cannot see it are told nothing.");
  }
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
