import { AppError } from "../errors.js";

/** A required text field, trimmed; empty or too long is a `validation_failed` naming the field. */
export function requireText(value: string, field: string, max: number): string {
  const text = value.trim();
  if (text === "") throw new AppError("validation_failed", `The ${field} must not be empty.`, { field });
  if (text.length > max) {
    throw new AppError("validation_failed", `The ${field} must be at most ${max} characters.`, { field });
  }
  return text;
}

/** An optional text field: blank means none (null). */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === undefined || value === null || value.trim() === "") return null;
  return requireText(value, field, max);
}
