/**
 * Browser-safe: the fields of a translation still in the source's language, shared by the
 * articles service (which sets and clears them), the API and the newsroom app (which marks them).
 */

/** The fields a new translation copies untranslated, in the editor's order. */
export const UNTRANSLATED_FIELDS = ["title", "dek", "body", "leadCaption", "leadCredit", "leadAlt", "section"] as const;

export type UntranslatedField = (typeof UNTRANSLATED_FIELDS)[number];

/** How the editor names each field in markers and publish findings. */
export const UNTRANSLATED_LABELS: Readonly<Record<UntranslatedField, string>> = {
  title: "Headline",
  dek: "Dek",
  body: "Body",
  leadCaption: "Lead image caption",
  leadCredit: "Lead image credit",
  leadAlt: "Lead image alternative text",
  section: "Section",
};

export function isUntranslatedField(value: unknown): value is UntranslatedField {
  return typeof value === "string" && (UNTRANSLATED_FIELDS as readonly string[]).includes(value);
}

/** The stored list (JSON text), tolerant of anything unexpected: unknown names are dropped. */
export function parseUntranslated(json: string | null | undefined): UntranslatedField[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? UNTRANSLATED_FIELDS.filter((field) => parsed.includes(field)) : [];
  } catch {
    return [];
  }
}

/** The list after an edit: every field that was edited is translated now. */
export function clearUntranslated(
  list: readonly UntranslatedField[],
  edited: Iterable<UntranslatedField>,
): UntranslatedField[] {
  const done = new Set(edited);
  return list.filter((field) => !done.has(field));
}

/**
 * The publish check's finding for the fields still in the source's language, or null when there
 * are none. A missing section has its own finding ("in no section"), so it is not repeated here.
 */
export function untranslatedFinding(list: readonly UntranslatedField[]): string | null {
  const texts = list.filter((field) => field !== "section");
  if (texts.length === 0) return null;
  const names = texts.map((field) => UNTRANSLATED_LABELS[field].toLowerCase());
  return `Not yet translated (still in the original's language): ${names.join(", ")}.`;
}
