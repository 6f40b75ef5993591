import type { MailMessage } from "../platform/mail/mailer.js";

interface ItemMailInput {
  to: string;
  site: string;
  slugLine: string;
  day: string;
  /** The due time as the newsroom reads it, or null. */
  due: string | null;
  url: string;
}

/** The mail a member gets when a planned story is assigned to them. */
export function assignedEmail(input: ItemMailInput & { assignedBy: string | null }): MailMessage {
  const who = input.assignedBy ?? "An editor";
  return {
    to: input.to,
    subject: `Assigned to you: ${input.slugLine}`,
    text: [
      "Hello,",
      "",
      `${who} has assigned you a story on the ${input.site} budget for ${input.day}:`,
      "",
      `  ${input.slugLine}`,
      ...(input.due ? ["", `Due: ${input.due}`] : []),
      "",
      "Your assignments:",
      input.url,
    ].join("\n"),
  };
}

/** The one reminder a member gets when their assigned story is due within the hour. */
export function dueSoonEmail(input: ItemMailInput & { due: string }): MailMessage {
  return {
    to: input.to,
    subject: `Due within the hour: ${input.slugLine}`,
    text: [
      "Hello,",
      "",
      `Your story on the ${input.site} budget is due at ${input.due}:`,
      "",
      `  ${input.slugLine}`,
      "",
      "Your assignments:",
      input.url,
    ].join("\n"),
  };
}
