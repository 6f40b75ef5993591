import { describe, expect, it } from "vitest";
import { isPrivateAddress, isPrivateHost } from "./private-address.js";

describe("private addresses", () => {
  it("flags loopback, private, link-local and unique-local ranges in both IP versions", () => {
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
    ]) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of ["::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::"]) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
  });

  it("lets public addresses through", () => {
    for (const ip of ["8.8.8.8", "142.250.74.46", "2a00:1450:4001:80b::200a", "::ffff:8.8.8.8"]) {
      expect(isPrivateAddress(ip), ip).toBe(false);
    }
  });

  it("judges a host name by every address it resolves to, and refuses names that do not resolve", async () => {
    const dns = (table: Record<string, string[]>) => async (host: string) => {
      const found = table[host];
      if (!found) throw new Error("ENOTFOUND");
      return found;
    };
    const resolve = dns({ "push.example": ["8.8.4.4"], "sneaky.example": ["8.8.4.4", "10.0.0.5"] });
    expect(await isPrivateHost("push.example", resolve)).toBe(false);
    expect(await isPrivateHost("sneaky.example", resolve)).toBe(true);
    expect(await isPrivateHost("missing.example", resolve)).toBe(true);
    expect(await isPrivateHost("localhost", resolve)).toBe(true);
    expect(await isPrivateHost("[::1]", resolve)).toBe(true);
  });
});
