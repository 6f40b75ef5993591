import { describe, expect, it } from "vitest";
import { textToWallets, walletsToText } from "./crypto-wallets.js";

describe("crypto wallets typed one a line in the revenue screen", () => {
  it("takes the last word of a line as the address and the rest as its label", () => {
    expect(
      textToWallets("USDT (TRC-20) TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE\n\n  BTC bc1qexampleaddress000  \n"),
    ).toEqual([
      { label: "USDT (TRC-20)", address: "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE" },
      { label: "BTC", address: "bc1qexampleaddress000" },
    ]);
  });

  it("writes the same lines back, and keeps a label-less line for the server to refuse by name", () => {
    const wallets = [{ label: "ETH", address: "0x0000000000000000000000000000000000000001" }];
    expect(textToWallets(walletsToText(wallets))).toEqual(wallets);
    expect(textToWallets("bc1qonlyanaddress")).toEqual([{ label: "", address: "bc1qonlyanaddress" }]);
    expect(walletsToText(undefined)).toBe("");
  });
});
