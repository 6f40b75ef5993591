import { describe, expect, it } from "vitest";
import { issueNotice, SENDING_NOTE } from "./screens/newsletter-issue.js";

describe("the notice on a newsletter issue's screen", () => {
  it("keeps saying 'Sending' only while the issue is going out, then says it is sent", () => {
    expect(issueNotice(SENDING_NOTE, "sending")).toBe(SENDING_NOTE);
    expect(issueNotice(SENDING_NOTE, "sent")).toMatch(/^Sent: /);
    expect(issueNotice(SENDING_NOTE, "cancelled")).toMatch(/^Cancelled/);
  });

  it("leaves other notices as they are", () => {
    expect(issueNotice("Saved.", "draft")).toBe("Saved.");
    expect(issueNotice(null, "sent")).toBeNull();
  });
});
