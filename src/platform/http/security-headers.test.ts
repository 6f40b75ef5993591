import { afterEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/test-app.js";
import { styleHash } from "./security-headers.js";

describe("Strict-Transport-Security", () => {
  let t: TestApp | undefined;
  afterEach(async () => t?.close());

  it("is sent for a year, without subdomains, when PUBLIC_URL is https", async () => {
    t = await startTestApp("sqlite", { env: { PUBLIC_URL: "https://news.example" } });
    for (const url of ["/", "/healthz", "/admin/api/session"]) {
      const response = await t.app.inject({ url });
      expect(response.headers["strict-transport-security"], url).toBe("max-age=31536000");
    }
  });

  it("is not sent when PUBLIC_URL is plain http", async () => {
    t = await startTestApp("sqlite", { env: { PUBLIC_URL: "http://localhost:3000" } });
    const response = await t.app.inject({ url: "/" });
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["strict-transport-security"]).toBeUndefined();
  });
});

describe("inline styles in the Content-Security-Policy", () => {
  it("names an allowed inline style by the base64 SHA-256 of its exact text", () => {
    expect(styleHash("")).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  });
});
