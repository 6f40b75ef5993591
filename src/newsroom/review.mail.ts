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

const RULE_NAMES: Record<string, string> = {
  precise_place_after_strike: "Precise place soon after a strike",
  air_defence_near_place: "Air defence or units next to a place",
  photo_location: "Where a photo was taken",
};

/**
 * The mail the scheduling editor gets when the publication check held their story at its time:
 * what it found and why, and what to do about it.
 */
export function heldEmail(input: {
  to: string;
  site: string;
  title: string;
  scheduledFor: string;
  code: "publication_check" | "second_approval_required";
  findings: { rule: string; text: string; why: string }[];
  url: string;
}): MailMessage {
  const step =
    input.code === "publication_check"
      ? "Nobody has dismissed these findings yet. Change the story, or dismiss each with a reason; then another editor approves it."
      : "The findings were dismissed, but no second editor has approved the story yet.";
  return {
    to: input.to,
    subject: `Not published: ${input.title}`,
    text: [
      "Hello,",
      "",
      `The story you scheduled for ${input.scheduledFor} (UTC) in the ${input.site} newsroom did not go out: the publication check stopped it at its time, and it is back in review.`,
      "",
      `  ${input.title}`,
      "",
      "What the check found:",
      "",
      ...input.findings.flatMap((finding) => [
        `- ${RULE_NAMES[finding.rule] ?? finding.rule}: “${finding.text}”`,
        `  ${finding.why}`,
      ]),
      "",
      step,
      "",
      "Open the story:",
      input.url,
    ].join("\n"),
  };
}
