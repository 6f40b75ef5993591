import webpush from "web-push";
import type { VapidKeys } from "./vapid-keys.js";

/** What a browser gave when it subscribed: where to post, and the keys to encrypt for it. */
export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** What the service worker shows (see web/islands/push-sw.ts). */
export interface PushMessage {
  title: string;
  body: string;
  url: string;
  /** Alerts with one tag replace each other on a device instead of piling up. */
  tag: string;
}

export interface PushSender {
  /** Sends one encrypted message; resolves with the push service's HTTP status (0 when unreachable). */
  send(target: PushTarget, message: PushMessage): Promise<number>;
}

/** Breaking news is stale after a few hours: the push service may drop it after this. */
const TTL_SECONDS = 4 * 3600;
const TIMEOUT_MS = 10_000;

/**
 * Sends with the Web Push protocol (RFC 8030, VAPID RFC 8292, aes128gcm RFC 8291). `web-push` builds
 * the encrypted, signed request; it is sent with fetch, whose connection pool keeps one connection
 * per push service busy across a fan-out.
 */
export class WebPushSender implements PushSender {
  constructor(
    private readonly keys: VapidKeys,
    private readonly subject: string,
  ) {}

  async send(target: PushTarget, message: PushMessage): Promise<number> {
    const request = webpush.generateRequestDetails(
      { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
      JSON.stringify(message),
      {
        vapidDetails: { subject: this.subject, publicKey: this.keys.publicKey, privateKey: this.keys.privateKey },
        TTL: TTL_SECONDS,
        urgency: "high",
        contentEncoding: "aes128gcm",
      },
    );
    try {
      const response = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.body ? new Uint8Array(request.body) : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: "manual",
      });
      await response.body?.cancel();
      return response.status;
    } catch {
      return 0;
    }
  }
}
