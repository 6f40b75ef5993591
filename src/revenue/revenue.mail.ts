import { translate } from "../platform/i18n/messages.js";
import type { MailMessage } from "../platform/mail/mailer.js";
import type { Frequency } from "./revenue.schemas.js";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Plain text plus a simple HTML twin; every reader-supplied value is escaped in the HTML. */
function message(to: string, subject: string, paragraphs: string[]): MailMessage {
  const html = paragraphs
    .map((p) => `<p>${escapeHtml(p).replace(/(https?:\/\/[^\s<]+)/g, (url) => `<a href="${url}">${url}</a>`)}</p>`)
    .join("\n");
  return {
    to,
    subject,
    text: `${paragraphs.join("\n\n")}\n`,
    html: `<!doctype html><html><body>${html}</body></html>`,
  };
}

export interface ThankYouInput {
  to: string;
  name: string | null;
  language: string;
  frequency: Frequency;
  /** Already formatted for the reader ("$25"). */
  amount: string;
  siteName: string;
  supportPageUrl: string;
}

/** The thank-you email after a donation or a new patronage, in the supporter's language. */
export function thankYouMail(input: ThankYouInput): MailMessage {
  const t = (key: Parameters<typeof translate>[1], params: Record<string, string> = {}) =>
    translate(input.language, key, { site: input.siteName, ...params });
  const body =
    input.frequency === "monthly"
      ? t("support.mail.thanks.monthly", { amount: input.amount })
      : input.frequency === "yearly"
        ? t("support.mail.thanks.yearly", { amount: input.amount })
        : t("support.mail.thanks.oneTime", { amount: input.amount });
  return message(input.to, t("support.mail.thanks.subject"), [
    input.name ? t("support.mail.greeting", { name: input.name }) : t("support.mail.greetingAnonymous"),
    body,
    ...(input.frequency === "one-time" ? [] : [t("support.mail.thanks.manage", { url: input.supportPageUrl })]),
    t("support.mail.signoff"),
  ]);
}

/** The email with a signed link to the billing portal. */
export function portalLinkMail(input: {
  to: string;
  language: string;
  link: string;
  siteName: string;
  hours: number;
}): MailMessage {
  const t = (key: Parameters<typeof translate>[1], params: Record<string, string> = {}) =>
    translate(input.language, key, { site: input.siteName, ...params });
  return message(input.to, t("support.mail.portal.subject"), [
    t("support.mail.greetingAnonymous"),
    t("support.mail.portal.body", { hours: String(input.hours) }),
    input.link,
    t("support.mail.portal.ignore"),
    t("support.mail.signoff"),
  ]);
}
