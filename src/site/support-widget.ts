import type { Edition } from "../newsroom/editions.service.js";

/**
 * The support card's amount buttons, filled by the revenue capability. The site renders them
 * without knowing about payments, so it does not depend on that capability.
 */
export interface SupportWidget {
  /** Where the card's form posts (answers 303 to the payment page). */
  checkoutAction: string;
  currency: string;
  /** Each button posts `amount=value`; `label` is what the reader sees ("$25"). */
  presets: { value: string; label: string }[];
  otherAmountHref: string;
  patronHref: string;
}

export interface SupportWidgetSource {
  /** Null when card payments are not available: the card then links to the support page. */
  widget(edition: Edition): Promise<SupportWidget | null>;
}
