import type { MailMessage } from "../platform/mail/mailer.js";

/** The mail a member gets when someone @mentions them in an editorial note. */
export function mentionEmail(input: {
  to: string;
  site: string;
  title: string;
  by: string;
  quote: string;
  comment: string;
  url: string;
}): MailMessage {
  return {
    to: input.to,
    subject: `${input.by} mentioned you in a note on “${input.title}”`,
    text: [
      "Hello,",
      "",
      `${input.by} mentioned you in a note on a story in the ${input.site} newsroom:`,
      "",
      `  ${input.title}`,
      "",
      ...(input.quote ? [`On the words: “${input.quote}”`, ""] : []),
      ...input.comment.split("\n").map((line) => `> ${line}`),
      "",
      "Open the story to read the thread and answer:",
      input.url,
    ].join("\n"),
  };
}
