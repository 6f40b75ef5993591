import { describe, expect, it } from "vitest";
import { assertPublicUrl, guardedLookup, isPrivateAddress, parseWebhookUrl } from "./url-guard.js";

describe("the webhook URL guard", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.0.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fd00::1",
    "fc00::1",
    "fe80::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
    "64:ff9b::7f00:1",
    "not an address",
  ])("counts %s as private", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(["93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"])(
    "counts %s as public",
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );

  it("keeps the URL as written, without its fragment", () => {
    expect(parseWebhookUrl(" https://partner.example/hooks?x=1#top ").toString()).toBe(
      "https://partner.example/hooks?x=1",
    );
  });

  it("refuses a name that resolves to a private address, even among public ones", async () => {
    const resolve = async () => ["93.184.215.14", "10.0.0.5"];
    await expect(
      assertPublicUrl("https://partner.example/hook", { allowPrivate: false, resolve }),
    ).rejects.toMatchObject({
      code: "webhook_url_private",
    });
  });

  it("takes a name that resolves to public addresses only", async () => {
    const resolve = async () => ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"];
    const url = await assertPublicUrl("https://partner.example/hook", { allowPrivate: false, resolve });
    expect(url.hostname).toBe("partner.example");
  });

  it("refuses a name that does not resolve as an invalid URL", async () => {
    const resolve = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    await expect(
      assertPublicUrl("https://nowhere.invalid/hook", { allowPrivate: false, resolve }),
    ).rejects.toMatchObject({ code: "webhook_url_invalid" });
  });

  it("asks no DNS when private addresses are allowed", async () => {
    const resolve = async () => {
      throw new Error("DNS must not be asked");
    };
    const url = await assertPublicUrl("http://127.0.0.1:9/hook", { allowPrivate: true, resolve });
    expect(url.port).toBe("9");
  });

  it("refuses to connect to a name that now resolves to this host (DNS rebinding)", async () => {
    const lookup = guardedLookup(false);
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      lookup("localhost", { all: true }, (err) => resolve(err)),
    );
    expect(error?.code).toBe("EPRIVATE");
    const allowed = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      guardedLookup(true)("localhost", { all: true }, (err) => resolve(err)),
    );
    expect(allowed).toBeNull();
  });
});
