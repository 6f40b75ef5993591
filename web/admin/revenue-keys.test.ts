import { describe, expect, it } from "vitest";
import { describeKey } from "./screens/revenue-settings.js";

describe("a Stripe key's state in Revenue settings", () => {
  it("says where a key comes from and how it ends, never more", () => {
    expect(describeKey({ set: false, source: null, last4: null }, "STRIPE_SECRET_KEY")).toBe("Not set.");
    expect(describeKey({ set: true, source: "app", last4: "9xYz" }, "STRIPE_SECRET_KEY")).toBe(
      "Set here, ending in …9xYz.",
    );
    expect(describeKey({ set: true, source: "environment", last4: "ab12" }, "STRIPE_WEBHOOK_SECRET")).toBe(
      "Set in the server's environment (STRIPE_WEBHOOK_SECRET), ending in …ab12; change it there.",
    );
  });
});
