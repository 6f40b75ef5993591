import type { MailMessage } from "../platform/mail/mailer.js";

/** The mail each owner gets when a subscription is turned off after failing again and again. */
export function webhookDisabledEmail(input: {
  to: string;
  site: string;
  url: string;
  failures: number;
  lastError: string | null;
  adminUrl: string;
}): MailMessage {
  return {
    to: input.to,
    subject: `Webhook turned off: ${input.url}`,
    text: [
      "Hello,",
      "",
      `The ${input.site} newsroom has turned off a webhook after ${input.failures} deliveries in a row failed:`,
      "",
      `  ${input.url}`,
      "",
      ...(input.lastError ? [`The last one failed with: ${input.lastError}`, ""] : []),
      "No more events are sent to it. Once the receiving end works again, turn the webhook back on",
      "and send a test delivery from the newsroom app:",
      input.adminUrl,
    ].join("\n"),
  };
}
