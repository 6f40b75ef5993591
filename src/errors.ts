/** Stable error codes. Clients and tests branch on these, never on message text. */
export type ErrorCode =
  | "validation_failed"
  | "invalid_body"
  | "invalid_cursor"
  | "not_found"
  | "conflict"
  | "forbidden"
  | "unauthorized"
  | "service_unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_body: 400,
  invalid_cursor: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthorized: 401,
  service_unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }
}

export function notFound(message: string): AppError {
  return new AppError("not_found", message);
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
