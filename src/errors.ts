/** Stable error codes. Clients and tests branch on these, never on message text. */
export type ErrorCode =
  | "validation_failed"
  | "invalid_body"
  | "body_too_deep"
  | "body_too_large"
  | "gallery_photo_count"
  | "invalid_cursor"
  | "not_found"
  | "conflict"
  | "unsupported_media_type"
  | "payload_too_large"
  | "invalid_state"
  | "media_in_use"
  | "push_endpoint_refused"
  | "forbidden"
  | "role_above_own"
  | "unauthorized"
  | "invalid_credentials"
  | "two_factor_required"
  | "invalid_two_factor_code"
  | "two_factor_setup_required"
  | "csrf_failed"
  | "rate_limited"
  | "invalid_link"
  | "link_expired"
  | "link_used"
  | "service_unavailable"
  | "database_unavailable"
  | "not_implemented"
  | "api_key_missing"
  | "api_key_invalid"
  | "telegram_bad_token"
  | "telegram_bad_chat"
  | "telegram_unreachable"
  | "webhook_event_unknown"
  | "webhook_url_invalid"
  | "webhook_url_private"
  | "social_url_unsupported"
  | "social_fetch_failed"
  | "embargo_active"
  | "publication_check"
  | "second_approval_required"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_body: 400,
  body_too_deep: 400,
  body_too_large: 400,
  gallery_photo_count: 400,
  invalid_cursor: 400,
  not_found: 404,
  conflict: 409,
  unsupported_media_type: 415,
  payload_too_large: 413,
  invalid_state: 409,
  push_endpoint_refused: 400,
  media_in_use: 409,
  forbidden: 403,
  role_above_own: 403,
  unauthorized: 401,
  invalid_credentials: 401,
  two_factor_required: 401,
  invalid_two_factor_code: 400,
  two_factor_setup_required: 403,
  csrf_failed: 403,
  rate_limited: 429,
  invalid_link: 400,
  link_expired: 410,
  link_used: 410,
  service_unavailable: 503,
  database_unavailable: 503,
  not_implemented: 501,
  api_key_missing: 401,
  api_key_invalid: 401,
  // A channel setting Telegram refused (or could not be asked about) at save time: the editor fixes the input.
  telegram_bad_token: 400,
  telegram_bad_chat: 400,
  telegram_unreachable: 400,
  webhook_event_unknown: 400,
  webhook_url_invalid: 400,
  webhook_url_private: 400,
  social_url_unsupported: 400,
  // The platform could not be read (down, slow, the post deleted): the editor types the card by hand.
  social_fetch_failed: 502,
  embargo_active: 409,
  publication_check: 409,
  second_approval_required: 409,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Fields a contract puts beside `code` (e.g. the publication check's `findings`). */
    readonly fields?: Record<string, unknown>,
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
