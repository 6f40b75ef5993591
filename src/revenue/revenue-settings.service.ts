import { Value } from "typebox/value";
import { AppError } from "../errors.js";
import type { Edition } from "../newsroom/editions.service.js";
import { isSafeUrl } from "../newsroom/safe-url.shared.js";
import { surrogateKey } from "../newsroom/surrogate-keys.js";
import type { RevenueRepository } from "./revenue.repository.js";
import {
  type CurrencySettings,
  type EditionRevenueSettings,
  EditionRevenueSettingsSchema,
  type GlobalRevenueSettings,
  GlobalRevenueSettingsSchema,
} from "./revenue.schemas.js";

const GLOBAL = "global";

/** What a site offers before anyone configures it: hryvnia, dollars and euros, two patron tiers. */
export function defaultGlobalSettings(): GlobalRevenueSettings {
  return {
    currencies: [
      { code: "UAH", min: 1_000, max: 10_000_000, presets: [10_000, 20_000, 50_000, 100_000] },
      { code: "USD", min: 100, max: 1_000_000, presets: [500, 1_000, 2_500, 5_000] },
      { code: "EUR", min: 100, max: 1_000_000, presets: [500, 1_000, 2_500, 5_000] },
    ],
    tiers: [
      { key: "reader", interval: "month", amounts: { UAH: 20_000, USD: 500, EUR: 500 } },
      { key: "patron", interval: "month", amounts: { UAH: 50_000, USD: 1_500, EUR: 1_500 } },
    ],
  };
}

const DEFAULT_TEXTS: Record<string, Omit<EditionRevenueSettings, "currency">> = {
  en: {
    pitch:
      "We report from a country at war without a paywall. Reader contributions pay for reporters on the ground, their safety gear and the servers that keep this site up under attack.",
    faq: [
      {
        question: "Can I stop a monthly contribution?",
        answer: "Yes. Ask for a management link below and cancel or change it yourself at any time.",
      },
    ],
    tiers: {
      reader: { name: "Reader", description: "Keeps one reporter's phone and power bank charged for a month." },
      patron: { name: "Patron", description: "Covers a day of fuel for a reporting trip to the front." },
    },
    patronUrl: "",
    bankDetails: "",
  },
  uk: {
    pitch:
      "Ми пишемо з країни, де триває війна, і не ховаємо тексти за пейволом. Внески читачів оплачують роботу репортерів на місцях, їхнє захисне спорядження та сервери, які тримають сайт під атаками.",
    faq: [
      {
        question: "Чи можна скасувати щомісячний внесок?",
        answer: "Так. Попросіть посилання для керування нижче й змініть або скасуйте внесок самостійно будь-коли.",
      },
    ],
    tiers: {
      reader: { name: "Читач", description: "Місяць зв'язку й заряджених павербанків для одного репортера." },
      patron: { name: "Патрон", description: "День пального для редакційної поїздки на фронт." },
    },
    patronUrl: "",
    bankDetails: "",
  },
  ru: {
    pitch:
      "Мы пишем из страны, в которой идёт война, и не закрываем тексты пейволом. Взносы читателей оплачивают работу репортёров на местах, их защитное снаряжение и серверы, которые держат сайт под атаками.",
    faq: [
      {
        question: "Можно ли отменить ежемесячный взнос?",
        answer: "Да. Запросите ссылку для управления ниже и измените или отмените взнос сами в любой момент.",
      },
    ],
    tiers: {
      reader: { name: "Читатель", description: "Месяц связи и заряженных пауэрбанков для одного репортёра." },
      patron: { name: "Патрон", description: "День топлива для редакционной поездки на фронт." },
    },
    patronUrl: "",
    bankDetails: "",
  },
};

const DEFAULT_CURRENCY: Record<string, string> = { uk: "UAH", ru: "USD", en: "USD" };

export function defaultEditionSettings(language: string): EditionRevenueSettings {
  const texts = DEFAULT_TEXTS[language] ?? DEFAULT_TEXTS.en;
  return {
    currency: DEFAULT_CURRENCY[language] ?? "USD",
    ...structuredClone(texts as Omit<EditionRevenueSettings, "currency">),
  };
}

/** Whether an edition has any way to give besides card payments. */
export function hasOtherWaysToGive(texts: EditionRevenueSettings): boolean {
  return (
    texts.patronUrl !== "" ||
    (texts.paypalUrl ?? "") !== "" ||
    texts.bankDetails !== "" ||
    (texts.crypto ?? []).length > 0
  );
}

function invalid(schemaName: string, error: { instancePath?: string; message?: string } | undefined): AppError {
  const field = error?.instancePath?.replace(/^\//, "").replace(/\//g, ".") || schemaName;
  return new AppError("validation_failed", `${field}: ${error?.message ?? "is not valid"}.`, { field });
}

/**
 * Revenue settings: currencies with their bounds and buttons, patron tiers (site-wide), and each
 * edition's texts and default currency. Read on every uncached article page, so kept in memory.
 */
export class RevenueSettingsService {
  private global: GlobalRevenueSettings | undefined;
  private readonly editions = new Map<string, EditionRevenueSettings>();
  private readonly listeners: ((keys: string[]) => void)[] = [];

  constructor(
    private readonly repository: RevenueRepository,
    private readonly allEditions: () => readonly Edition[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  onChange(listener: (keys: string[]) => void): void {
    this.listeners.push(listener);
  }

  async globalSettings(): Promise<GlobalRevenueSettings> {
    if (this.global) return this.global;
    const raw = await this.repository.getSettings(GLOBAL);
    const parsed: unknown = raw ? JSON.parse(raw) : undefined;
    this.global = Value.Check(GlobalRevenueSettingsSchema, parsed) ? parsed : defaultGlobalSettings();
    return this.global;
  }

  /** Whether the edition's texts were ever saved (else the defaults are in use). */
  async hasSavedEdition(edition: Edition): Promise<boolean> {
    return (await this.repository.getSettings(`edition:${edition.code}`)) !== undefined;
  }

  async editionSettings(edition: Edition): Promise<EditionRevenueSettings> {
    const cached = this.editions.get(edition.code);
    if (cached) return cached;
    const raw = await this.repository.getSettings(`edition:${edition.code}`);
    const parsed: unknown = raw ? JSON.parse(raw) : undefined;
    // A patron link stored before links were checked this strictly is dropped, not the texts.
    if (typeof parsed === "object" && parsed !== null) {
      const stored = parsed as { patronUrl?: unknown };
      if (typeof stored.patronUrl === "string" && stored.patronUrl !== "" && !isSafeUrl(stored.patronUrl)) {
        stored.patronUrl = "";
      }
    }
    const value = Value.Check(EditionRevenueSettingsSchema, parsed) ? parsed : defaultEditionSettings(edition.language);
    this.editions.set(edition.code, value);
    return value;
  }

  /** The currency's settings when the site accepts it; the client's word is only a lookup key. */
  async currency(code: string): Promise<CurrencySettings | undefined> {
    const global = await this.globalSettings();
    return global.currencies.find((currency) => currency.code === code.toUpperCase());
  }

  async updateGlobal(value: unknown): Promise<GlobalRevenueSettings> {
    if (!Value.Check(GlobalRevenueSettingsSchema, value)) {
      throw invalid("global", [...Value.Errors(GlobalRevenueSettingsSchema, value)][0]);
    }
    const codes = new Set<string>();
    for (const [index, currency] of value.currencies.entries()) {
      if (codes.has(currency.code)) {
        throw new AppError("validation_failed", `${currency.code} is listed twice.`, { field: `currencies.${index}` });
      }
      codes.add(currency.code);
      if (currency.min > currency.max) {
        throw new AppError("validation_failed", `${currency.code}: the minimum is above the maximum.`, {
          field: `currencies.${index}.min`,
        });
      }
      if (currency.presets.some((amount) => amount < currency.min || amount > currency.max)) {
        throw new AppError(
          "validation_failed",
          `${currency.code}: every button must lie between the minimum and maximum.`,
          {
            field: `currencies.${index}.presets`,
          },
        );
      }
      try {
        new Intl.NumberFormat("en", { style: "currency", currency: currency.code });
      } catch {
        throw new AppError("validation_failed", `${currency.code} is not a currency code.`, {
          field: `currencies.${index}.code`,
        });
      }
    }
    for (const [index, tier] of value.tiers.entries()) {
      for (const [code, amount] of Object.entries(tier.amounts)) {
        const currency = value.currencies.find((c) => c.code === code);
        if (!currency || amount < currency.min || amount > currency.max) {
          throw new AppError(
            "validation_failed",
            `Tier "${tier.key}": ${code} is not offered or the amount is out of its range.`,
            {
              field: `tiers.${index}.amounts.${code}`,
            },
          );
        }
      }
    }
    await this.repository.putSettings(GLOBAL, JSON.stringify(value), this.now().toISOString());
    this.global = value;
    this.announce(this.allEditions().map((edition) => edition.code));
    return value;
  }

  async updateEdition(edition: Edition, value: unknown): Promise<EditionRevenueSettings> {
    if (!Value.Check(EditionRevenueSettingsSchema, value)) {
      throw invalid("edition", [...Value.Errors(EditionRevenueSettingsSchema, value)][0]);
    }
    if (!(await this.currency(value.currency))) {
      throw new AppError("validation_failed", `${value.currency} is not one of the site's currencies.`, {
        field: "currency",
      });
    }
    await this.repository.putSettings(`edition:${edition.code}`, JSON.stringify(value), this.now().toISOString());
    this.editions.set(edition.code, value);
    this.announce([edition.code]);
    return value;
  }

  /** Support cards and pages of these editions show the change: drop their cached pages. */
  private announce(editionCodes: string[]): void {
    const keys = editionCodes.map((code) => surrogateKey.settings(code));
    for (const listener of this.listeners) listener(keys);
  }
}
