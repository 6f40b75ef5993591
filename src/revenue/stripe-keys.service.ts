import type { StripeConfig } from "../config.js";
import { AppError } from "../errors.js";
import type { RevenueRepository } from "./revenue.repository.js";
import { openSecret, sealSecret } from "./secret-box.js";
import {
  type CheckoutRequest,
  type PaymentEvent,
  type PaymentGateway,
  SignatureError,
  StripeGateway,
} from "./stripe.gateway.js";

const SCOPE = "stripe-keys";
/** Other processes of the site read a change from the database within this long. */
const STALE_MS = 10_000;

export type KeySource = "environment" | "app";

export interface KeyState {
  set: boolean;
  /** Where the key in force comes from; null when it is not set. */
  source: KeySource | null;
  /** The last four characters, so an admin can tell keys apart; never the key itself. */
  last4: string | null;
}

export interface StripeKeysStatus {
  secretKey: KeyState;
  webhookSecret: KeyState;
  /** False when keys are stored but cannot be read with this SECRET_KEY (it changed): type them again. */
  storedReadable: boolean;
}

export interface StripeKeysInput {
  /** A new key; null removes the one stored in the app; absent leaves it. */
  secretKey?: string | null;
  webhookSecret?: string | null;
}

interface StoredKeys {
  secretKey: string | null;
  webhookSecret: string | null;
}

const SECRET_KEY_PATTERN = /^(sk|rk)_[A-Za-z0-9_]{10,250}$/;
const WEBHOOK_SECRET_PATTERN = /^whsec_[A-Za-z0-9+/=_]{10,250}$/;

function stateOf(envValue: string | null, stored: string | null): KeyState {
  const value = envValue ?? stored;
  return {
    set: value !== null,
    source: envValue !== null ? "environment" : stored !== null ? "app" : null,
    last4: value === null ? null : value.slice(-4),
  };
}

/**
 * The Stripe keys in force: from the environment (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET) or,
 * for a key the environment does not set, typed into the newsroom app by an admin. The
 * environment wins, key by key, so an operator who pins keys there keeps control; the app then
 * says where each key comes from. Keys typed into the app are stored encrypted (secret-box.ts)
 * and take effect at once, without a restart; the API only ever tells whether a key is set and
 * its last four characters.
 */
export class StripeKeys {
  private stored: StoredKeys = { secretKey: null, webhookSecret: null };
  private storedReadable = true;
  private loadedAt = Number.NEGATIVE_INFINITY;
  private built: { secretKey: string | null; webhookSecret: string | null; gateway: PaymentGateway | null } = {
    secretKey: null,
    webhookSecret: null,
    gateway: null,
  };
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly repository: RevenueRepository,
    /** SECRET_KEY (or the generated one): the stored keys are encrypted with a key derived from it. */
    private readonly siteSecret: string,
    private readonly env: StripeConfig,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Reads the stored keys; call once at start (and `refreshIfStale` on requests). */
  async load(): Promise<void> {
    const document = await this.repository.getSettings(SCOPE);
    this.loadedAt = Date.now();
    if (!document) {
      this.stored = { secretKey: null, webhookSecret: null };
      this.storedReadable = true;
      return;
    }
    const opened = openSecret(document, this.siteSecret, SCOPE);
    const parsed = opened === null ? null : (JSON.parse(opened) as Partial<StoredKeys>);
    this.storedReadable = parsed !== null;
    this.stored = {
      secretKey: typeof parsed?.secretKey === "string" ? parsed.secretKey : null,
      webhookSecret: typeof parsed?.webhookSecret === "string" ? parsed.webhookSecret : null,
    };
  }

  /** Another process may have changed the keys: read them again when the copy here is old. */
  async refreshIfStale(): Promise<void> {
    if (Date.now() - this.loadedAt > STALE_MS) await this.load();
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** The key in force, environment first. */
  get secretKey(): string | null {
    return this.env.secretKey ?? this.stored.secretKey;
  }

  get webhookSecret(): string | null {
    return this.env.webhookSecret ?? this.stored.webhookSecret;
  }

  /** The gateway for the keys in force, or null without a secret key; rebuilt when they change. */
  gateway(): PaymentGateway | null {
    const { secretKey, webhookSecret } = this;
    if (this.built.secretKey !== secretKey || this.built.webhookSecret !== webhookSecret) {
      this.built = {
        secretKey,
        webhookSecret,
        gateway: secretKey ? new StripeGateway(secretKey, webhookSecret, this.env.apiBase) : null,
      };
    }
    return this.built.gateway;
  }

  status(): StripeKeysStatus {
    return {
      secretKey: stateOf(this.env.secretKey, this.stored.secretKey),
      webhookSecret: stateOf(this.env.webhookSecret, this.stored.webhookSecret),
      storedReadable: this.storedReadable,
    };
  }

  async save(input: StripeKeysInput): Promise<StripeKeysStatus> {
    await this.load();
    const next: StoredKeys = { ...this.stored };
    for (const [field, variable, pattern, example] of [
      ["secretKey", "STRIPE_SECRET_KEY", SECRET_KEY_PATTERN, "sk_live_… or rk_live_…"],
      ["webhookSecret", "STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET_PATTERN, "whsec_…"],
    ] as const) {
      const value = input[field];
      if (value === undefined) continue;
      if (this.env[field] !== null) {
        throw new AppError(
          "conflict",
          `${variable} is set in the server's environment, which takes precedence; change it there.`,
          { field },
        );
      }
      const trimmed = value?.trim() ?? "";
      if (value !== null && !pattern.test(trimmed)) {
        throw new AppError("validation_failed", `This does not look like a Stripe key (${example}).`, { field });
      }
      next[field] = value === null ? null : trimmed;
    }
    await this.repository.putSettings(
      SCOPE,
      sealSecret(JSON.stringify(next), this.siteSecret, SCOPE),
      this.now().toISOString(),
    );
    this.stored = next;
    this.storedReadable = true;
    for (const listener of this.listeners) listener();
    return this.status();
  }
}

/**
 * A gateway that always asks `StripeKeys` for the one in force, for code that holds a gateway
 * for the life of the app (the webhook route): keys set in the app reach it without a restart.
 */
export class CurrentGateway implements PaymentGateway {
  constructor(private readonly keys: StripeKeys) {}

  get canVerify(): boolean {
    return this.keys.gateway()?.canVerify ?? false;
  }

  createCheckout(request: CheckoutRequest): Promise<{ id: string; url: string }> {
    const gateway = this.keys.gateway();
    if (!gateway) throw new AppError("service_unavailable", "Card payments are not set up on this site.");
    return gateway.createCheckout(request);
  }

  createPortal(customerId: string, returnUrl: string): Promise<{ url: string }> {
    const gateway = this.keys.gateway();
    if (!gateway) throw new AppError("service_unavailable", "Card payments are not set up on this site.");
    return gateway.createPortal(customerId, returnUrl);
  }

  verifyEvent(rawBody: Buffer, signature: string | undefined): PaymentEvent {
    const gateway = this.keys.gateway();
    if (!gateway) throw new SignatureError("No Stripe keys are configured");
    return gateway.verifyEvent(rawBody, signature);
  }
}
