import { Type } from "typebox";

/**
 * The response schema of the JSON error every API answers with (`ErrorBody` in error-handler.ts):
 * a stable `code` to branch on, a sentence for people, and details when there are any.
 */
export const ErrorSchema = Type.Object({
  code: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Unknown()),
});
