import { AppError } from "../errors.js";

/** Turns a policy answer into a 403. */
export function allowOrForbid(allowed: boolean, message: string): void {
  if (!allowed) throw new AppError("forbidden", message);
}
