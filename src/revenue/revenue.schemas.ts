import { type Static, Type } from "typebox";
import { SafeUrlOrEmpty } from "../newsroom/safe-url.schemas.js";

export const FREQUENCIES = ["one-time", "monthly", "yearly"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

const CurrencyCode = Type.String({ pattern: "^[A-Z]{3}$", description: "ISO 4217, upper case" });
/** Amounts are integer minor units (cents, kopiykas): never floats, never a label the client sent. */
const MinorUnits = Type.Integer({ minimum: 1, maximum: 100_000_000 });

export const CurrencySettingsSchema = Type.Object(
  {
    code: CurrencyCode,
    min: MinorUnits,
    max: MinorUnits,
    /** The amount buttons, in minor units. */
    presets: Type.Array(MinorUnits, { minItems: 1, maxItems: 6 }),
  },
  { additionalProperties: false },
);
export type CurrencySettings = Static<typeof CurrencySettingsSchema>;

export const TierSchema = Type.Object(
  {
    key: Type.String({ pattern: "^[a-z0-9-]{1,40}$" }),
    interval: Type.Union([Type.Literal("month"), Type.Literal("year")]),
    /** The tier's price in each currency that offers it, in minor units. */
    amounts: Type.Record(Type.String({ pattern: "^[A-Z]{3}$" }), MinorUnits),
  },
  { additionalProperties: false },
);
export type Tier = Static<typeof TierSchema>;

/** Site-wide money settings: which currencies, what bounds, which buttons, which patron tiers. */
export const GlobalRevenueSettingsSchema = Type.Object(
  {
    currencies: Type.Array(CurrencySettingsSchema, { minItems: 1, maxItems: 10 }),
    tiers: Type.Array(TierSchema, { maxItems: 6 }),
  },
  { additionalProperties: false },
);
export type GlobalRevenueSettings = Static<typeof GlobalRevenueSettingsSchema>;

export const FaqItemSchema = Type.Object(
  { question: Type.String({ minLength: 1, maxLength: 300 }), answer: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const TierTextSchema = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 80 }), description: Type.String({ maxLength: 400 }) },
  { additionalProperties: false },
);

/** A wallet readers can send to: "USDT (TRC-20)" and its address, shown as text to copy. */
export const CryptoAddressSchema = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 40 }),
    address: Type.String({ minLength: 10, maxLength: 200, pattern: "^[A-Za-z0-9:._-]+$" }),
  },
  { additionalProperties: false },
);

/** Per-edition texts (they are in the edition's language) and the edition's default currency. */
export const EditionRevenueSettingsSchema = Type.Object(
  {
    currency: CurrencyCode,
    pitch: Type.String({ maxLength: 2000 }),
    faq: Type.Array(FaqItemSchema, { maxItems: 12 }),
    tiers: Type.Record(Type.String({ pattern: "^[a-z0-9-]{1,40}$" }), TierTextSchema),
    /** An external patron page (Patreon, Buy Me a Coffee…); "" for none. */
    patronUrl: SafeUrlOrEmpty({ maxLength: 500 }),
    /** Bank transfer details shown as plain text; "" for none. */
    bankDetails: Type.String({ maxLength: 2000 }),
    /**
     * A PayPal donate or paypal.me link; "" or absent for none. Optional, like `crypto`, so
     * settings stored before these fields existed stay valid.
     */
    paypalUrl: Type.Optional(SafeUrlOrEmpty({ maxLength: 500 })),
    crypto: Type.Optional(Type.Array(CryptoAddressSchema, { maxItems: 8 })),
  },
  { additionalProperties: false },
);
export type EditionRevenueSettings = Static<typeof EditionRevenueSettingsSchema>;

export const RevenueSettingsSchema = Type.Object(
  {
    global: GlobalRevenueSettingsSchema,
    editions: Type.Record(Type.String({ pattern: "^[a-z]{2,8}$" }), EditionRevenueSettingsSchema),
  },
  { additionalProperties: false },
);
export type RevenueSettings = Static<typeof RevenueSettingsSchema>;
