import type { MailMessage } from "../platform/mail/mailer.js";
import type { Role } from "./actor.js";

const ARTICLE: Record<Role, string> = {
  contributor: "a contributor",
  author: "an author",
  editor: "an editor",
  admin: "an admin",
  owner: "an owner",
};

function readableUtc(iso: string): string {
  return `${iso.slice(0, 10)} at ${iso.slice(11, 16)} UTC`;
}

export function invitationEmail(input: {
  to: string;
  inviter: string;
  site: string;
  role: Role;
  url: string;
  expiresAt: string;
}): MailMessage {
  return {
    to: input.to,
    subject: `You are invited to the ${input.site} newsroom`,
    text: [
      "Hello,",
      "",
      `${input.inviter} has invited you to work in the ${input.site} newsroom as ${ARTICLE[input.role]}.`,
      "",
      "To accept, open this link, then choose the name your colleagues will see and a password:",
      input.url,
      "",
      `The link works once and until ${readableUtc(input.expiresAt)}.`,
      "If you were not expecting this invitation, ignore this message and nothing will happen.",
    ].join("\n"),
  };
}

export function passwordResetEmail(input: { to: string; site: string; url: string; expiresAt: string }): MailMessage {
  return {
    to: input.to,
    subject: `Choose a new password for the ${input.site} newsroom`,
    text: [
      "Hello,",
      "",
      `Someone, probably you, asked to reset the password of your ${input.site} newsroom account.`,
      "Open this link to choose a new one:",
      input.url,
      "",
      `The link works once and until ${readableUtc(input.expiresAt)}. Choosing a new password signs you out everywhere.`,
      "If you did not ask for this, ignore this message: your password stays as it is.",
    ].join("\n"),
  };
}
