import type { Edition } from "../newsroom/editions.service.js";
import type { RevenueSettingsService } from "./revenue-settings.service.js";

// Plainly fictitious: a demo outlet shows how the page looks, never an account anyone could pay into.
const DEMO_BANK: Record<string, string> = {
  uk: "Отримувач: ГО «Газета» (демо)\nIBAN: UA00 0000 0000 0000 0000 0000 000 — демонстраційні реквізити, не справжній рахунок",
  ru: "Получатель: ОО «Газета» (демо)\nIBAN: UA00 0000 0000 0000 0000 0000 000 — демонстрационные реквизиты, не настоящий счёт",
  en: "Recipient: Gazette NGO (demo)\nIBAN: UA00 0000 0000 0000 0000 0000 000 — demonstration details, not a real account",
};

/**
 * Gives each demo edition a way to give without Stripe (bank details marked as demo), so the
 * support page and card have something to show. Editions whose texts were saved are left alone.
 */
export async function seedDemoWaysToGive(
  settings: RevenueSettingsService,
  editions: readonly Edition[],
): Promise<number> {
  let seeded = 0;
  for (const edition of editions) {
    if (await settings.hasSavedEdition(edition)) continue;
    const texts = await settings.editionSettings(edition);
    await settings.updateEdition(edition, { ...texts, bankDetails: DEMO_BANK[edition.language] ?? DEMO_BANK.en });
    seeded++;
  }
  return seeded;
}
