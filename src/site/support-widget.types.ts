import type { Edition } from "../newsroom/editions.service.js";

/**
 * The support card's amount buttons, filled by the revenue capability. The site renders them
 * without knowing about payments, so it does not depend on that capability.
 */
export interface SupportCardWidget {
  kind: "card";
  /** Where the card's form posts (answers 303 to the payment page). */
  checkoutAction: string;
  currency: string;
  /** Each button posts `amount=value`; `label` is what the reader sees ("$25"). */
  presets: { value: string; label: string }[];
  otherAmountHref: string;
  patronHref: string;
}

/**
 * Without card payments: the outlet's other ways to give. Links go straight to the outside page
 * (patron, PayPal); bank details and wallets are on the support page (`detailsHref`), null when
 * the edition has none, so the card never links to a page with nothing to give through.
 */
export interface SupportOtherWays {
  kind: "other";
  patronUrl: string | null;
  paypalUrl: string | null;
  detailsHref: string | null;
}

export type SupportWidget = SupportCardWidget | SupportOtherWays;

export interface SupportWidgetSource {
  /** Null when there is no way to give at all: the card then shows nothing of its own. */
  widget(edition: Edition): Promise<SupportWidget | null>;
}
