import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box.js";

const SECRET = "a site secret of at least thirty-two characters";

describe("secrets kept at rest", () => {
  it("opens what it sealed with the same secret and purpose, and the box does not contain the plaintext", () => {
    const sealed = sealSecret("sk_test_51Habcdefghijkl", SECRET, "stripe-keys");
    expect(sealed).not.toContain("sk_test");
    expect(openSecret(sealed, SECRET, "stripe-keys")).toBe("sk_test_51Habcdefghijkl");
    // A fresh IV every time: the same key never seals to the same text.
    expect(sealSecret("sk_test_51Habcdefghijkl", SECRET, "stripe-keys")).not.toBe(sealed);
  });

  it("gives nothing for another secret, another purpose, or a tampered box", () => {
    const sealed = sealSecret("whsec_abcdefghijkl", SECRET, "stripe-keys");
    expect(openSecret(sealed, `${SECRET}!`, "stripe-keys")).toBeNull();
    expect(openSecret(sealed, SECRET, "other-purpose")).toBeNull();
    const box = JSON.parse(sealed);
    const data = Buffer.from(box.data, "base64");
    data[0] = (data[0] ?? 0) ^ 1;
    expect(openSecret(JSON.stringify({ ...box, data: data.toString("base64") }), SECRET, "stripe-keys")).toBeNull();
    expect(openSecret("not json", SECRET, "stripe-keys")).toBeNull();
  });
});
