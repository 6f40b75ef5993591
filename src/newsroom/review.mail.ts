import type { MailMessage } from "../platform/mail/mailer.js";

/** The mail each editor gets when a story is submitted for review. */
export function submittedEmail(input: {
  to: string;
  site: string;
  title: string;
  submittedBy: string | null;
  url: string;
}): MailMessage {
  const who = input.submittedBy ?? "An integration";
  return {
    to: input.to,
    subject: `For review: ${input.title}`,
    text: [
      "Hello,",
      "",
      `${who} has submitted a story for review in the ${input.site} newsroom:`,
      "",
      `  ${input.title}`,
      "",
      "Open it to read, publish or return it to the author:",
      input.url,
    ].join("\n"),
  };
}

/** The mail the author gets when an editor returns their story. */
export function returnedEmail(input: {
  to: string;
  site: string;
  title: string;
  returnedBy: string | null;
  message: string;
  url: string;
}): MailMessage {
  const who = input.returnedBy ?? "An editor";
  return {
    to: input.to,
    subject: `Returned to you: ${input.title}`,
    text: [
      "Hello,",
      "",
      `${who} has returned your story to you in the ${input.site} newsroom. It is a draft again.`,
      "",
      `  ${input.title}`,
      "",
      "Their message:",
      "",
      ...input.message.split("\n").map((line) => `> ${line}`),
      "",
      "Open the story to make the changes and submit it again:",
      input.url,
    ].join("\n"),
  };
}
