import { type TString, Type } from "typebox";
import Format from "typebox/format";
import { isSafeUrl } from "./safe-url.shared.js";

/** JSON Schema formats of a link setting; registered here, so any schema using them has them. */
export const SAFE_URL_FORMAT = "safe-url";
export const SAFE_URL_OR_EMPTY_FORMAT = "safe-url-or-empty";

Format.Set(SAFE_URL_FORMAT, isSafeUrl);
Format.Set(SAFE_URL_OR_EMPTY_FORMAT, (value: string) => value === "" || isSafeUrl(value));

/**
 * A link setting: an http(s) address or a site path (see isSafeUrl). A bad value fails schema
 * validation, so the API answers 400 `validation_failed` naming the field.
 */
export function SafeUrl(options: { maxLength?: number; description?: string } = {}): TString {
  return Type.String({ minLength: 1, maxLength: 500, ...options, format: SAFE_URL_FORMAT });
}

/** A link setting where "" means "none". */
export function SafeUrlOrEmpty(options: { maxLength?: number; description?: string } = {}): TString {
  return Type.String({ maxLength: 500, ...options, format: SAFE_URL_OR_EMPTY_FORMAT });
}

/** Whether a schema node is a link setting (tests walk the schemas with it to find every link field). */
export function isSafeUrlSchema(schema: unknown): boolean {
  if (typeof schema !== "object" || schema === null) return false;
  const format = (schema as { format?: unknown }).format;
  return format === SAFE_URL_FORMAT || format === SAFE_URL_OR_EMPTY_FORMAT;
}
