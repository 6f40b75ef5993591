/** Telegram's limits, counted on the text as readers see it (after the HTML is parsed). */
export const CAPTION_LIMIT = 1024;
export const MESSAGE_LIMIT = 4096;

export interface CaptionInput {
  headline: string;
  dek: string | null;
  /** The article's canonical URL: no tracking parameters. */
  url: string;
  /** The story has a correction appended: the post says so. */
  corrected: boolean;
  /** The edition's language ("uk", "ru", "en"…), for the correction line. */
  language: string;
}

const CORRECTED: Readonly<Record<string, string>> = {
  uk: "Додано виправлення",
  ru: "Добавлено исправление",
  en: "Correction appended",
};

const BREAKING: Readonly<Record<string, string>> = {
  uk: "Терміново",
  ru: "Срочно",
  en: "Breaking",
};

/** A breaking banner's post: the label and the banner text in bold, then its link when it has one. */
export function composeBreaking(input: { text: string; url: string | null; language: string }): string {
  const label = BREAKING[input.language] ?? "Breaking";
  const head = `<b>${escapeTelegramHtml(label)}: ${escapeTelegramHtml(cut(input.text.trim(), 1000))}</b>`;
  return input.url ? `${head}\n\n${escapeTelegramHtml(input.url)}` : head;
}

/** A live entry's reply: its headline in bold when it has one, then its text, within a message's limit. */
export function composeLiveEntry(input: { headline: string | null; text: string }): string {
  const headline = input.headline?.trim() ?? "";
  const room = MESSAGE_LIMIT - (headline ? headline.length + 2 : 0);
  const body = escapeTelegramHtml(cut(input.text.trim(), Math.max(0, room)));
  if (!headline) return body;
  return body ? `<b>${escapeTelegramHtml(headline)}</b>\n\n${body}` : `<b>${escapeTelegramHtml(headline)}</b>`;
}

/** Escapes text for Telegram's HTML parse mode, which knows only these three entities (and &quot;). */
export function escapeTelegramHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Cuts text to at most `max` UTF-16 units (Telegram's unit), at a word when one is near, with an ellipsis. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return "";
  let head = text.slice(0, max - 1);
  // Never leave half of a surrogate pair (an emoji) at the end.
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  const space = head.lastIndexOf(" ");
  if (space > max * 0.6) head = head.slice(0, space);
  return `${head.trimEnd()}…`;
}

/**
 * The post's text in HTML parse mode: the headline in bold, the dek, a correction line when there
 * is one, and the link. Within `limit` visible characters: the dek is shortened first, the headline
 * only if the link and headline alone do not fit; the link is never cut.
 */
export function composeCaption(input: CaptionInput, limit: number = CAPTION_LIMIT): string {
  const headline = input.headline.trim();
  const dek = input.dek?.trim() ?? "";
  const correction = input.corrected ? (CORRECTED[input.language] ?? CORRECTED.en) : "";
  const tail = [correction, input.url].filter((part) => part !== "").join("\n");
  const gap = "\n\n";
  const fixed = tail.length + gap.length;
  const fittedHeadline = cut(headline, Math.max(0, limit - fixed));
  const room = limit - fixed - fittedHeadline.length - gap.length;
  const fittedDek = dek === "" || room < 2 ? "" : cut(dek, room);
  const parts = [`<b>${escapeTelegramHtml(fittedHeadline)}</b>`];
  if (fittedDek) parts.push(escapeTelegramHtml(fittedDek));
  parts.push(escapeTelegramHtml(tail));
  return parts.join(gap);
}

/** The length Telegram counts for a caption: the text without tags, entities decoded. */
export function visibleLength(html: string): number {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&").length;
}
