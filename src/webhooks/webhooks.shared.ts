// Browser-safe: the admin app imports these (no server code may be imported here).

/** The events a subscription may take; `ping` is only the test delivery's. */
export const WEBHOOK_EVENTS = [
  "article.published",
  "article.updated",
  "article.unpublished",
  "live.entry.created",
  "correction.created",
  "newsletter.sent",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export function isWebhookEvent(value: string): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

/** A subscription as the admin API returns it (the secret is shown only when it is made). */
export interface WebhookSubscription {
  id: number;
  url: string;
  events: WebhookEvent[];
  enabled: boolean;
  consecutiveFailures: number;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type WebhookDeliveryStatus = "pending" | "delivered" | "failed";

/** One entry of a subscription's delivery log. */
export interface WebhookDelivery {
  id: number;
  event: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  responseCode: number | null;
  durationMs: number | null;
  error: string | null;
  /** When a pending delivery is tried again. */
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
}
