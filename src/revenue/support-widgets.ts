import type { Edition } from "../newsroom/editions.service.js";
import type { SupportWidget, SupportWidgetSource } from "../site/support-widget.js";
import { formatMajorAmount, formatMoney } from "./amounts.shared.js";
import type { RevenueSettingsService } from "./revenue-settings.service.js";
import { supportUrls } from "./support-urls.js";

/** The amount buttons of the support card on article pages, in the edition's default currency. */
export class SupportWidgets implements SupportWidgetSource {
  constructor(
    private readonly settings: RevenueSettingsService,
    private readonly checkoutEnabled: boolean,
  ) {}

  async widget(edition: Edition): Promise<SupportWidget | null> {
    if (!this.checkoutEnabled) return null;
    const texts = await this.settings.editionSettings(edition);
    const currency = await this.settings.currency(texts.currency);
    if (!currency) return null;
    const urls = supportUrls("", edition.basePath);
    return {
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
