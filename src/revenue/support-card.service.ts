import type { Edition } from "../newsroom/editions.service.js";
import type { SupportWidget, SupportWidgetSource } from "../site/support-widget.types.js";
import { formatMajorAmount, formatMoney } from "./amounts.shared.js";
import type { RevenueSettingsService } from "./revenue-settings.service.js";
import { supportUrls } from "./support-urls.js";

/**
 * The support card on article pages: amount buttons in the edition's default currency when card
 * payments work, else the edition's other ways to give; null when there are none.
 */
export class SupportCardService implements SupportWidgetSource {
  constructor(
    private readonly settings: RevenueSettingsService,
    /** Asked on every page build, so keys set in the app take effect without a restart. */
    private readonly checkoutEnabled: () => boolean | Promise<boolean>,
  ) {}

  async widget(edition: Edition): Promise<SupportWidget | null> {
    const texts = await this.settings.editionSettings(edition);
    const urls = supportUrls("", edition.basePath);
    if (!(await this.checkoutEnabled())) {
      const hasDetails = texts.bankDetails !== "" || (texts.crypto ?? []).length > 0;
      const other: SupportWidget = {
        kind: "other",
        patronUrl: texts.patronUrl || null,
        paypalUrl: texts.paypalUrl || null,
        detailsHref: hasDetails ? `${urls.page}#support-other` : null,
      };
      return other.patronUrl || other.paypalUrl || other.detailsHref ? other : null;
    }
    const currency = await this.settings.currency(texts.currency);
    if (!currency) return null;
    return {
      kind: "card",
      checkoutAction: urls.checkout,
      currency: currency.code,
      presets: currency.presets.map((amount) => ({
        value: formatMajorAmount(amount, currency.code),
        label: formatMoney(amount, currency.code, edition.language),
      })),
      otherAmountHref: `${urls.page}?currency=${currency.code}`,
      patronHref: `${urls.page}?frequency=monthly&currency=${currency.code}`,
    };
  }
}
