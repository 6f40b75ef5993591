/** Strips control and invisible formatting characters from a name a reader typed; null when nothing is left. */
export function cleanName(input: string | null | undefined, maxLength = 100): string | null {
  if (!input) return null;
  const text = input
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text ? text.slice(0, maxLength) : null;
}

const EMAIL = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;

/** A plausible address, lower-cased; null when it is not one. */
export function cleanEmail(input: string | null | undefined): string | null {
  const text = input?.trim().toLowerCase();
  if (!text || text.length > 254 || !EMAIL.test(text)) return null;
  return text;
}
