import { describe, expect, it } from "vitest";
import { checkAmount, formatMajorAmount, formatMoney, parseMajorAmount } from "./amounts.shared.js";

const usd = { code: "USD", min: 100, max: 1_000_000, presets: [500] };

describe("amounts", () => {
  it.each([
    ["25", "USD", 2500],
    ["25.5", "USD", 2550],
    ["25,50", "UAH", 2550],
    [" 1 000 ", "EUR", 100_000],
    ["500", "JPY", 500],
  ])("reads %s %s as %i minor units", (input, currency, minor) => {
    expect(parseMajorAmount(input, currency)).toBe(minor);
  });

  it.each([["-5"], ["5.001"], ["1e3"], ["abc"], [""], ["0"], ["12.5.1"], ["99999999999"], ["0x10"]])(
    "refuses %j",
    (input) => {
      expect(parseMajorAmount(input, "USD")).toBeNull();
    },
  );

  it("refuses decimals in a currency without minor units", () => {
    expect(parseMajorAmount("10.5", "JPY")).toBeNull();
  });

  it("checks the currency's minimum and maximum", () => {
    expect(checkAmount(99, usd)).toBe("below_minimum");
    expect(checkAmount(100, usd)).toBeNull();
    expect(checkAmount(1_000_000, usd)).toBeNull();
    expect(checkAmount(1_000_001, usd)).toBe("above_maximum");
    expect(checkAmount(null, usd)).toBe("not_a_number");
    expect(checkAmount(10.5, usd)).toBe("not_a_number");
  });

  it("writes amounts back as form values and for people", () => {
    expect(formatMajorAmount(2500, "USD")).toBe("25");
    expect(formatMajorAmount(2505, "USD")).toBe("25.05");
    expect(formatMoney(2500, "USD", "en")).toBe("$25");
    expect(formatMoney(2550, "USD", "en")).toBe("$25.50");
    expect(formatMoney(50000, "UAH", "uk")).toMatch(/500/);
  });
});
