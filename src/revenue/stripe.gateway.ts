import Stripe from "stripe";
import type { StripeConfig } from "../config.js";

export interface CheckoutRequest {
  mode: "payment" | "subscription";
  /** Lower-case ISO 4217, as Stripe wants it. */
  currency: string;
  amount: number;
  interval?: "month" | "year";
  productName: string;
  successUrl: string;
  cancelUrl: string;
  email: string | null;
  locale: "en" | "ru" | "auto";
  metadata: Record<string, string>;
}

export interface PaymentEvent {
  id: string;
  type: string;
  /** The event's object (a Checkout Session, invoice, subscription or charge), untyped: read defensively. */
  object: Record<string, unknown>;
}

/** Why Stripe could not be reached or refused: the reader gets a "try again" page, not a 500. */
export class GatewayError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "GatewayError";
  }
}

/** A webhook whose signature does not verify (or is missing). */
export class SignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SignatureError";
  }
}

/** What reader revenue needs from a payment provider. */
export interface PaymentGateway {
  createCheckout(request: CheckoutRequest): Promise<{ id: string; url: string }>;
  createPortal(customerId: string, returnUrl: string): Promise<{ url: string }>;
  /** Verifies the signature over the raw bytes and parses the event; throws SignatureError. */
  verifyEvent(rawBody: Buffer, signature: string | undefined): PaymentEvent;
  /** False when no webhook signing secret is configured (every webhook is then refused). */
  readonly canVerify: boolean;
}

/** How far a webhook's signature timestamp may be from now, either way (Stripe's default age). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The Stripe SDK behind the gateway port; `apiBase` points it at a test double or a proxy. */
export class StripeGateway implements PaymentGateway {
  private readonly stripe: Stripe;

  constructor(
    secretKey: string,
    private readonly webhookSecret: string | null,
    apiBase: StripeConfig["apiBase"],
    /** Wall-clock milliseconds, as Stripe's own clock is; a test can move it. */
    private readonly clock: () => number = Date.now,
  ) {
    this.stripe = new Stripe(secretKey, {
      maxNetworkRetries: 1,
      timeout: 20_000,
      telemetry: false,
      ...(apiBase ? { host: apiBase.host, port: apiBase.port, protocol: apiBase.protocol } : {}),
    });
  }

  get canVerify(): boolean {
    return this.webhookSecret !== null;
  }

  async createCheckout(request: CheckoutRequest): Promise<{ id: string; url: string }> {
    const priceData: Stripe.Checkout.SessionCreateParams.LineItem.PriceData = {
      currency: request.currency,
      unit_amount: request.amount,
      product_data: { name: request.productName },
      ...(request.mode === "subscription" && request.interval ? { recurring: { interval: request.interval } } : {}),
    };
    const params: Stripe.Checkout.SessionCreateParams = {
      mode: request.mode,
      line_items: [{ quantity: 1, price_data: priceData }],
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
      locale: request.locale,
      metadata: request.metadata,
      ...(request.email ? { customer_email: request.email } : {}),
      ...(request.mode === "payment"
        ? {
            submit_type: "donate" as const,
            // A one-time donor gets a customer too, so a later refund or a second gift finds them.
            customer_creation: "always" as const,
            payment_intent_data: { metadata: request.metadata },
          }
        : { subscription_data: { metadata: request.metadata } }),
    };
    let session: Stripe.Checkout.Session;
    try {
      session = await this.stripe.checkout.sessions.create(params);
    } catch (error) {
      throw new GatewayError("Stripe did not create the Checkout Session", { cause: error });
    }
    if (!session.url) throw new GatewayError("Stripe answered without a Checkout URL");
    return { id: session.id, url: session.url };
  }

  async createPortal(customerId: string, returnUrl: string): Promise<{ url: string }> {
    try {
      const session = await this.stripe.billingPortal.sessions.create({ customer: customerId, return_url: returnUrl });
      return { url: session.url };
    } catch (error) {
      throw new GatewayError("Stripe did not open the billing portal", { cause: error });
    }
  }

  verifyEvent(rawBody: Buffer, signature: string | undefined): PaymentEvent {
    if (!this.webhookSecret) throw new SignatureError("No webhook signing secret is configured");
    if (!signature) throw new SignatureError("The Stripe-Signature header is missing");
    // The SDK refuses signatures older than five minutes but takes any from the future; a
    // timestamp far ahead would let a captured event be replayed for as long as it is ahead.
    const signedAt = Number(/(?:^|,)\s*t=(\d+)/.exec(signature)?.[1]);
    if (Number.isFinite(signedAt) && signedAt - Math.floor(this.clock() / 1000) > SIGNATURE_TOLERANCE_SECONDS) {
      throw new SignatureError("The signature's timestamp is more than five minutes in the future");
    }
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature, this.webhookSecret, SIGNATURE_TOLERANCE_SECONDS);
    } catch (error) {
      throw new SignatureError(error instanceof Error ? error.message : "The signature does not verify");
    }
    return { id: event.id, type: event.type, object: event.data.object as unknown as Record<string, unknown> };
  }
}

/**
 * Where the checkout form's 303 leads: Stripe's hosted Checkout, or the API base's own origin
 * when one is configured (a test double answers Checkout URLs on itself). Allowed whether or not
 * keys are set at start: an admin may set them in the app later, without a restart.
 */
export function checkoutOrigins(config: StripeConfig): string[] {
  const { apiBase } = config;
  return [
    "https://checkout.stripe.com",
    ...(apiBase
      ? [`${apiBase.protocol}://${apiBase.host.includes(":") ? `[${apiBase.host}]` : apiBase.host}:${apiBase.port}`]
      : []),
  ];
}
