import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

/** One API call the SDK made, with its form-encoded body decoded into pairs (order kept). */
export interface StripeCall {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  params: [string, string][];
}

/**
 * A small stand-in for the Stripe API on 127.0.0.1: it records what the SDK sends and answers
 * Checkout and billing-portal sessions whose URLs point back at itself (a "payment page" that
 * just names the session), so a browser can follow the whole flow without the internet.
 */
export interface FakeStripe {
  /** http://127.0.0.1:PORT, the value for STRIPE_API_BASE. */
  url: string;
  /** The settings of an app that takes payments through this fake: the keys and STRIPE_API_BASE. */
  env: Record<string, string>;
  calls: StripeCall[];
  /** The next `times` API calls answer this HTTP status with a Stripe-shaped error. */
  failNext(status: number, times?: number): void;
  close(): Promise<void>;
}

export const FAKE_SECRET_KEY = "sk_test_gazette_fake_key";
export const FAKE_WEBHOOK_SECRET = "whsec_gazette_fake_secret";

export async function startFakeStripe(): Promise<FakeStripe> {
  const calls: StripeCall[] = [];
  let failure: { status: number; left: number } | null = null;
  let counter = 0;
  let base = "";
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = (request.url ?? "/").split("?")[0] ?? "/";
      if (request.method === "GET" && path.startsWith("/pay/")) {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        response.end(`<!doctype html><title>Fake Checkout</title><h1>Fake Checkout ${path.slice(5)}</h1>`);
        return;
      }
      const body = Buffer.concat(chunks).toString("utf8");
      calls.push({
        method: request.method ?? "",
        path,
        authorization: request.headers.authorization,
        contentType: request.headers["content-type"],
        params: [...new URLSearchParams(body).entries()],
      });
      const send = (status: number, json: object) => {
        response.writeHead(status, { "content-type": "application/json", "request-id": `req_${counter}` });
        response.end(JSON.stringify(json));
      };
      if (failure !== null) {
        const { status } = failure;
        failure.left -= 1;
        if (failure.left <= 0) failure = null;
        send(status, { error: { type: "api_error", message: "The fake is told to fail" } });
        return;
      }
      counter += 1;
      if (request.method === "POST" && path === "/v1/checkout/sessions") {
        const id = `cs_test_${counter}`;
        send(200, { id, object: "checkout.session", url: `${base}/pay/${id}` });
      } else if (request.method === "POST" && path === "/v1/billing_portal/sessions") {
        const id = `bps_test_${counter}`;
        send(200, { id, object: "billing_portal.session", url: `${base}/portal/${id}` });
      } else {
        send(404, { error: { type: "invalid_request_error", message: `No fake for ${request.method} ${path}` } });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    env: { STRIPE_SECRET_KEY: FAKE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: FAKE_WEBHOOK_SECRET, STRIPE_API_BASE: base },
    calls,
    failNext: (status, times = 1) => {
      failure = { status, left: times };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A webhook request body and its signature header, made the way Stripe makes them. */
export function signedEvent(
  event: { id: string; type: string; object: Record<string, unknown> },
  secret = FAKE_WEBHOOK_SECRET,
  /** Unix seconds the signature claims; now by default. */
  timestamp?: number,
): { payload: string; headers: Record<string, string> } {
  const payload = JSON.stringify({
    id: event.id,
    object: "event",
    type: event.type,
    api_version: "2025-01-01",
    created: 1_790_000_000,
    data: { object: event.object },
  });
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) });
  return { payload, headers: { "content-type": "application/json", "stripe-signature": signature } };
}
