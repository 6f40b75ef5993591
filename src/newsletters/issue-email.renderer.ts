import { translate } from "../platform/i18n/messages.js";

/** Stand-ins for the two per-reader links; the body is rendered once and these are swapped per send. */
export const PREFERENCES_PLACEHOLDER = "%%GAZETTE_PREFERENCES_URL%%";
export const UNSUBSCRIBE_PLACEHOLDER = "%%GAZETTE_UNSUBSCRIBE_URL%%";

export interface EmailStory {
  title: string;
  dek: string | null;
  url: string;
  /** An absolute image URL, or null. */
  imageUrl: string | null;
  imageAlt: string;
}

export interface IssueEmailInput {
  language: string;
  listName: string;
  siteName: string;
  siteUrl: string;
  subject: string;
  intro: string;
  stories: EmailStory[];
}

export interface RenderedIssue {
  html: string;
  text: string;
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Only http(s) links reach an email; anything else becomes the site's address. */
function safeUrl(url: string, fallback: string): string {
  return /^https?:\/\//i.test(url) ? url : fallback;
}

const FONT = "Georgia, 'PT Serif', 'Times New Roman', serif";
const SANS = "Arial, 'PT Sans', Helvetica, sans-serif";

/**
 * The issue as responsive HTML (MJML) and plain text, in the list's language. Rendered once per
 * issue: the per-reader links are placeholders that `personalise` fills for each recipient.
 */
export async function renderIssueEmail(input: IssueEmailInput): Promise<RenderedIssue> {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) =>
    translate(input.language, key, params);
  const footer = t("newsletter.email.footer", { list: input.listName, site: input.siteName });
  const intro = input.intro.trim();
  const stories = input.stories.map((story) => {
    const url = escapeHtml(safeUrl(story.url, input.siteUrl));
    const image = story.imageUrl
      ? `<mj-image src="${escapeHtml(safeUrl(story.imageUrl, ""))}" alt="${escapeHtml(story.imageAlt)}" href="${url}" padding="0 0 12px 0" />`
      : "";
    const dek = story.dek
      ? `<mj-text font-family="${SANS}" font-size="15px" line-height="1.5" color="#333333" padding="0 0 8px 0">${escapeHtml(story.dek)}</mj-text>`
      : "";
    return `<mj-section padding="12px 24px"><mj-column>
      ${image}
      <mj-text font-family="${FONT}" font-size="21px" line-height="1.3" font-weight="700" padding="0 0 6px 0"><a href="${url}" style="color:#111111;text-decoration:none">${escapeHtml(story.title)}</a></mj-text>
      ${dek}
      <mj-text font-family="${SANS}" font-size="14px" padding="0"><a href="${url}" style="color:#b3261e">${escapeHtml(t("newsletter.email.read"))} →</a></mj-text>
    </mj-column></mj-section>`;
  });
  const source = `<mjml lang="${escapeHtml(input.language)}">
  <mj-head>
    <mj-title>${escapeHtml(input.subject)}</mj-title>
    <mj-preview>${escapeHtml(intro || input.stories[0]?.title || input.listName)}</mj-preview>
  </mj-head>
  <mj-body background-color="#f4f1ea" width="640px">
    <mj-section background-color="#ffffff" padding="24px 24px 8px 24px"><mj-column>
      <mj-text font-family="${SANS}" font-size="13px" letter-spacing="1px" color="#6b6b6b" padding="0 0 4px 0">${escapeHtml(input.siteName.toUpperCase())}</mj-text>
      <mj-text font-family="${FONT}" font-size="28px" font-weight="700" color="#111111" padding="0">${escapeHtml(input.listName)}</mj-text>
    </mj-column></mj-section>
    <mj-wrapper background-color="#ffffff" padding="0">
      ${intro ? `<mj-section padding="8px 24px"><mj-column><mj-text font-family="${FONT}" font-size="17px" line-height="1.55" color="#222222" padding="0">${escapeHtml(intro).replace(/\n/g, "<br />")}</mj-text></mj-column></mj-section>` : ""}
      ${stories.join("\n")}
    </mj-wrapper>
    <mj-section padding="16px 24px"><mj-column>
      <mj-text font-family="${SANS}" font-size="12px" line-height="1.6" color="#6b6b6b" padding="0">${escapeHtml(footer)}<br />
        <a href="${PREFERENCES_PLACEHOLDER}" style="color:#6b6b6b">${escapeHtml(t("newsletter.email.preferences"))}</a> ·
        <a href="${UNSUBSCRIBE_PLACEHOLDER}" style="color:#6b6b6b">${escapeHtml(t("newsletter.email.unsubscribe"))}</a>
      </mj-text>
    </mj-column></mj-section>
  </mj-body>
</mjml>`;
  // Loaded on first use: MJML takes about a second to import, which every server start would pay.
  const { default: mjml2html } = await import("mjml");
  const result = await mjml2html(source, {
    validationLevel: "soft",
    // Smaller mail sends faster and stays under clipping limits; CSS is inlined already.
    minify: true,
    minifyOptions: { minifyCSS: false },
    keepComments: false,
  });
  const lines: string[] = [input.listName.toUpperCase(), ""];
  if (intro) lines.push(intro, "");
  for (const story of input.stories) {
    lines.push(story.title);
    if (story.dek) lines.push(story.dek);
    lines.push(safeUrl(story.url, input.siteUrl), "");
  }
  lines.push(
    "--",
    footer,
    `${t("newsletter.email.preferences")}: ${PREFERENCES_PLACEHOLDER}`,
    `${t("newsletter.email.unsubscribe")}: ${UNSUBSCRIBE_PLACEHOLDER}`,
  );
  return { html: result.html, text: `${lines.join("\n")}\n` };
}

/** Where copies of a rendered body start to differ: its first personal link (its length when none). */
export function personalFrom(body: string): number {
  const found = [body.indexOf(PREFERENCES_PLACEHOLDER), body.indexOf(UNSUBSCRIBE_PLACEHOLDER)].filter((at) => at >= 0);
  return found.length === 0 ? body.length : Math.min(...found);
}

/** One reader's copy: the rendered issue with their own signed links. */
export function personalise(
  rendered: RenderedIssue,
  links: { preferences: string; unsubscribe: string },
): RenderedIssue {
  const fill = (body: string, asHtml: boolean) =>
    body
      .replaceAll(PREFERENCES_PLACEHOLDER, asHtml ? escapeHtml(links.preferences) : links.preferences)
      .replaceAll(UNSUBSCRIBE_PLACEHOLDER, asHtml ? escapeHtml(links.unsubscribe) : links.unsubscribe);
  return { html: fill(rendered.html, true), text: fill(rendered.text, false) };
}
