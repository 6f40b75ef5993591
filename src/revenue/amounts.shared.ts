import type { CurrencySettings } from "./revenue.schemas.js";

/** Digits after the decimal point of a currency (2 for UAH, USD, EUR; 0 for JPY), from Intl's data. */
export function currencyExponent(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * A reader's typed amount in major units ("25", "25.50", "25,50") as integer minor units, or null
 * when it is not a plain positive number with at most the currency's decimals.
 */
export function parseMajorAmount(input: string, currency: string): number | null {
  const text = input.trim().replace(/[\s\u00a0\u202f]/g, "");
  const exponent = currencyExponent(currency);
  const match = /^(\d{1,9})(?:[.,](\d+))?$/.exec(text);
  if (!match) return null;
  const whole = match[1] ?? "0";
  const fraction = match[2] ?? "";
  if (fraction.length > exponent) return null;
  const minor = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, "0") || "0");
  return Number.isSafeInteger(minor) && minor > 0 ? minor : null;
}

/** Minor units as the plain major-unit number a form posts back ("25", "25.5" → "25.50"). */
export function formatMajorAmount(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(minor);
  const whole = Math.floor(minor / 10 ** exponent);
  const fraction = minor % 10 ** exponent;
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(exponent, "0")}`;
}

/** An amount for people: "₴500", "$25", "25,50 €" in the reader's language. */
export function formatMoney(minor: number, currency: string, language: string): string {
  const exponent = currencyExponent(currency);
  const value = minor / 10 ** exponent;
  return new Intl.NumberFormat(language, {
    style: "currency",
    currency,
    minimumFractionDigits: Number.isInteger(value) ? 0 : exponent,
    maximumFractionDigits: exponent,
  }).format(value);
}

export type AmountProblem = "not_a_number" | "below_minimum" | "above_maximum";

/** Checks an amount against its currency's bounds; null when it may be charged. */
export function checkAmount(minor: number | null, currency: CurrencySettings): AmountProblem | null {
  if (minor === null || !Number.isSafeInteger(minor) || minor <= 0) return "not_a_number";
  if (minor < currency.min) return "below_minimum";
  if (minor > currency.max) return "above_maximum";
  return null;
}
