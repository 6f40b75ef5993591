import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../src/audit/audit.schemas.js";
import { actionLabel, actorLabel, detailOf } from "./audit-log.js";

const entry = (details: Record<string, unknown>): AuditEntry => ({
  id: 1,
  occurredAt: "2026-12-07T08:00:00.000Z",
  actor: { kind: "staff", id: 2, name: "Olena" },
  action: "acknowledged",
  subject: { type: "article", id: 3, title: "Night strike" },
  details,
});

describe("the audit log's table", () => {
  it("shows a dismissal's rules and reason, and nothing for a plain save", () => {
    expect(detailOf(entry({ rules: ["precise_place_after_strike"], reason: "Official announcement" }))).toBe(
      "precise_place_after_strike — “Official announcement”",
    );
    expect(detailOf(entry({ edition: "en", version: 4, status: "draft" }))).toBe("");
  });

  it("names the scheduler and tokens as such", () => {
    expect(actorLabel({ kind: "system", id: null, name: "system" })).toBe("Gazette (automatic)");
    expect(actorLabel({ kind: "token", id: 5, name: "CMS sync" })).toBe("CMS sync (token)");
    expect(actorLabel({ kind: "staff", id: 2, name: "Olena" })).toBe("Olena");
  });

  it("reads actions in words and shows an unknown one as it is", () => {
    expect(actionLabel("deleted")).toBe("Deleted (archived)");
    expect(actionLabel("renamed")).toBe("renamed");
  });
});
