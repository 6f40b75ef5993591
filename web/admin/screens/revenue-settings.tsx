import { useEffect, useState } from "preact/hooks";
import { formatMajorAmount, parseMajorAmount } from "../../../src/revenue/amounts.shared.js";
import { api } from "../api.js";
import { type CryptoWallet, textToWallets, walletsToText } from "../crypto-wallets.js";
import {
  ErrorMessage,
  Loading,
  PageHeader,
  SelectField,
  StatusMessage,
  TextArea,
  TextField,
  useAction,
  useAsync,
} from "../ui.js";

interface CurrencySettings {
  code: string;
  min: number;
  max: number;
  presets: number[];
}
interface Tier {
  key: string;
  interval: "month" | "year";
  amounts: Record<string, number>;
}
interface EditionTexts {
  currency: string;
  pitch: string;
  faq: { question: string; answer: string }[];
  tiers: Record<string, { name: string; description: string }>;
  patronUrl: string;
  bankDetails: string;
  paypalUrl?: string;
  crypto?: CryptoWallet[];
}
interface RevenueSettings {
  global: { currencies: CurrencySettings[]; tiers: Tier[] };
  editions: Record<string, EditionTexts>;
}

interface KeyState {
  set: boolean;
  source: "environment" | "app" | null;
  last4: string | null;
}
interface StripeKeysStatus {
  secretKey: KeyState;
  webhookSecret: KeyState;
  storedReadable: boolean;
}

const KEY_FIELDS = [
  { field: "secretKey", label: "Secret key", variable: "STRIPE_SECRET_KEY", example: "sk_live_… or rk_live_…" },
  { field: "webhookSecret", label: "Webhook signing secret", variable: "STRIPE_WEBHOOK_SECRET", example: "whsec_…" },
] as const;

/** How a key stands, in words: never the key, only where it comes from and how it ends. */
export function describeKey(state: KeyState, variable: string): string {
  if (!state.set) return "Not set.";
  const end = state.last4 ? `, ending in …${state.last4}` : "";
  return state.source === "environment"
    ? `Set in the server's environment (${variable})${end}; change it there.`
    : `Set here${end}.`;
}

/** Stripe keys typed in the app: stored encrypted, in force at once; the environment's win. */
function StripeKeysPanel() {
  const status = useAsync(() => api.get<StripeKeysStatus>("/revenue/stripe-keys"), []);
  const save = useAction();
  const [typed, setTyped] = useState<{ secretKey: string; webhookSecret: string }>({
    secretKey: "",
    webhookSecret: "",
  });
  const [note, setNote] = useState("");
  const send = async (body: Partial<Record<"secretKey" | "webhookSecret", string | null>>, done: string) => {
    setNote("");
    const result = await save.run(() => api.put<StripeKeysStatus>("/revenue/stripe-keys", body));
    if (result) {
      status.setData(result);
      setTyped({ secretKey: "", webhookSecret: "" });
      setNote(done);
    }
  };
  return (
    <section class="panel" aria-labelledby="stripe-keys-heading">
      <h2 id="stripe-keys-heading">Stripe keys</h2>
      <p class="field__hint">
        Card payments start as soon as a secret key is saved, and stop when it is removed. Keys are stored encrypted and
        never shown again; a key set in the server's environment takes precedence.
      </p>
      <ErrorMessage error={status.error ?? save.error} />
      {note && <StatusMessage>{note}</StatusMessage>}
      {status.data && !status.data.storedReadable && (
        <p role="alert">The stored keys cannot be read since the site's SECRET_KEY changed: type them again.</p>
      )}
      {status.data &&
        KEY_FIELDS.map(({ field, label, variable, example }) => {
          const state = status.data![field];
          const fromEnvironment = state.source === "environment";
          return (
            <form
              key={field}
              class="stripe-key"
              onSubmit={(event) => {
                event.preventDefault();
                void send({ [field]: typed[field] }, `${label} saved.`);
              }}
            >
              <h3>{label}</h3>
              <p data-key-state={field}>{describeKey(state, variable)}</p>
              {!fromEnvironment && (
                <>
                  <TextField
                    label={`New ${label.toLowerCase()}`}
                    hint={example}
                    type="password"
                    autoComplete="off"
                    value={typed[field]}
                    onValue={(value) => setTyped((all) => ({ ...all, [field]: value }))}
                  />
                  <button type="submit" class="button" disabled={save.busy || typed[field].trim() === ""}>
                    Save {label.toLowerCase()}
                  </button>{" "}
                  {state.source === "app" && (
                    <button
                      type="button"
                      class="button button--danger"
                      disabled={save.busy}
                      onClick={() => {
                        if (confirm(`Remove the ${label.toLowerCase()}?`)) {
                          void send({ [field]: null }, `${label} removed.`);
                        }
                      }}
                    >
                      Remove
                    </button>
                  )}
                </>
              )}
            </form>
          );
        })}
    </section>
  );
}

/** "5, 10, 25" in major units ↔ minor units; null when a value is not an amount. */
function parseAmounts(text: string, currency: string): number[] | null {
  const values = text
    .split(/[;\s]+|,\s+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => parseMajorAmount(part, currency));
  return values.length > 0 && values.every((v) => v !== null) ? (values as number[]) : null;
}

interface CurrencyDraft {
  code: string;
  min: string;
  max: string;
  presets: string;
}

function toDraft(currency: CurrencySettings): CurrencyDraft {
  return {
    code: currency.code,
    min: formatMajorAmount(currency.min, currency.code),
    max: formatMajorAmount(currency.max, currency.code),
    presets: currency.presets.map((p) => formatMajorAmount(p, currency.code)).join(" "),
  };
}

function fromDraft(draft: CurrencyDraft): CurrencySettings | string {
  const code = draft.code.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return `"${draft.code}" is not a three-letter currency code.`;
  try {
    new Intl.NumberFormat("en", { style: "currency", currency: code });
  } catch {
    return `"${code}" is not a currency code.`;
  }
  const min = parseMajorAmount(draft.min, code);
  const max = parseMajorAmount(draft.max, code);
  const presets = parseAmounts(draft.presets, code);
  if (min === null || max === null) return `${code}: the minimum and maximum must be amounts such as 5 or 2.50.`;
  if (!presets) return `${code}: list the buttons as amounts separated by spaces, such as "5 10 25".`;
  return { code, min, max, presets };
}

function tierAmountsText(tier: Tier): string {
  return Object.entries(tier.amounts)
    .map(([code, amount]) => `${code} ${formatMajorAmount(amount, code)}`)
    .join(", ");
}

function parseTierAmounts(text: string): Record<string, number> | string {
  const amounts: Record<string, number> = {};
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z]{3})\s+(\S+)$/.exec(part);
    const code = match?.[1]?.toUpperCase();
    const amount = code && match?.[2] ? parseMajorAmount(match[2], code) : null;
    if (!code || amount === null) return `"${part}" should look like "USD 5".`;
    amounts[code] = amount;
  }
  return amounts;
}

/** Amounts, currencies and tiers for the whole site; texts and the default currency per edition. */
export function RevenueSettingsScreen() {
  const settings = useAsync(() => api.get<RevenueSettings>("/revenue/settings"), []);
  const [currencies, setCurrencies] = useState<CurrencyDraft[]>([]);
  const [tiers, setTiers] = useState<{ key: string; interval: "month" | "year"; amounts: string }[]>([]);
  const [edition, setEdition] = useState("");
  const [texts, setTexts] = useState<Record<string, EditionTexts>>({});
  const [saved, setSaved] = useState("");
  const save = useAction();

  useEffect(() => {
    const data = settings.data;
    if (!data) return;
    setCurrencies(data.global.currencies.map(toDraft));
    setTiers(
      data.global.tiers.map((tier) => ({ key: tier.key, interval: tier.interval, amounts: tierAmountsText(tier) })),
    );
    setTexts(data.editions);
    setEdition((current) => current || Object.keys(data.editions)[0] || "");
  }, [settings.data]);

  const saveGlobal = () =>
    save.run(async () => {
      setSaved("");
      const parsed = currencies.map(fromDraft);
      const problem = parsed.find((c): c is string => typeof c === "string");
      if (problem) throw new Error(problem);
      const parsedTiers: Tier[] = [];
      for (const tier of tiers) {
        const amounts = parseTierAmounts(tier.amounts);
        if (typeof amounts === "string") throw new Error(`Tier "${tier.key}": ${amounts}`);
        parsedTiers.push({ key: tier.key.trim(), interval: tier.interval, amounts });
      }
      const result = await api.put<RevenueSettings>("/revenue/settings/global", {
        currencies: parsed as CurrencySettings[],
        tiers: parsedTiers,
      });
      settings.setData(result);
      setSaved("Amounts and tiers saved.");
    });

  const current = texts[edition];
  // The wallets as typed, per edition: parsed only on save, so typing is never rewritten.
  const [walletText, setWalletText] = useState<Record<string, string>>({});
  const setCurrent = (patch: Partial<EditionTexts>) =>
    current && setTexts((all) => ({ ...all, [edition]: { ...current, ...patch } }));
  const saveTexts = () =>
    save.run(async () => {
      setSaved("");
      if (!current) return;
      const typed = walletText[edition];
      const body = typed === undefined ? current : { ...current, crypto: textToWallets(typed) };
      const result = await api.put<RevenueSettings>(`/revenue/settings/editions/${edition}`, body);
      settings.setData(result);
      setSaved(`Texts of the ${edition} edition saved.`);
    });

  return (
    <>
      <PageHeader title="Revenue settings" />
      <StripeKeysPanel />
      <ErrorMessage error={settings.error ?? save.error} />
      {saved && <StatusMessage>{saved}</StatusMessage>}
      {settings.loading && <Loading what="revenue settings" />}
      {settings.data && (
        <>
          <section class="panel" aria-labelledby="currencies-heading">
            <h2 id="currencies-heading">Currencies and amount buttons</h2>
            <p class="field__hint">
              Amounts in whole units (25 or 25.50). A reader's amount outside the minimum and maximum is refused.
            </p>
            {currencies.map((draft, index) => (
              <fieldset key={index} class="revenue-currency">
                <legend>{draft.code || "New currency"}</legend>
                {(["code", "min", "max", "presets"] as const).map((field) => (
                  <TextField
                    key={field}
                    label={{ code: "Code", min: "Minimum", max: "Maximum", presets: "Buttons" }[field]}
                    value={draft[field]}
                    onValue={(value) =>
                      setCurrencies((all) => all.map((c, i) => (i === index ? { ...c, [field]: value } : c)))
                    }
                  />
                ))}
                <button
                  type="button"
                  disabled={currencies.length === 1}
                  onClick={() => setCurrencies((all) => all.filter((_, i) => i !== index))}
                >
                  Remove {draft.code}
                </button>
              </fieldset>
            ))}
            <button
              type="button"
              onClick={() => setCurrencies((all) => [...all, { code: "", min: "1", max: "10000", presets: "5 10 25" }])}
            >
              Add a currency
            </button>
            <h3>Patron tiers</h3>
            {tiers.map((tier, index) => (
              <fieldset key={index} class="revenue-tier">
                <legend>{tier.key || "New tier"}</legend>
                <TextField
                  label="Key (letters, digits, dashes)"
                  value={tier.key}
                  onValue={(key) => setTiers((all) => all.map((t, i) => (i === index ? { ...t, key } : t)))}
                />
                <SelectField
                  label="Billed"
                  value={tier.interval}
                  options={[
                    { value: "month", label: "Monthly" },
                    { value: "year", label: "Yearly" },
                  ]}
                  onValue={(value) =>
                    setTiers((all) =>
                      all.map((t, i) => (i === index ? { ...t, interval: value === "year" ? "year" : "month" } : t)),
                    )
                  }
                />
                <TextField
                  label="Prices"
                  hint='For example "UAH 200, USD 5, EUR 5".'
                  value={tier.amounts}
                  onValue={(amounts) => setTiers((all) => all.map((t, i) => (i === index ? { ...t, amounts } : t)))}
                />
                <button type="button" onClick={() => setTiers((all) => all.filter((_, i) => i !== index))}>
                  Remove tier
                </button>
              </fieldset>
            ))}
            <button
              type="button"
              onClick={() => setTiers((all) => [...all, { key: "", interval: "month", amounts: "" }])}
            >
              Add a tier
            </button>
            <p>
              <button type="button" class="button--primary" onClick={saveGlobal} disabled={save.busy}>
                Save amounts and tiers
              </button>
            </p>
          </section>

          <section class="panel" aria-labelledby="texts-heading">
            <h2 id="texts-heading">Texts per edition</h2>
            <SelectField
              label="Edition"
              value={edition}
              options={Object.keys(texts).map((code) => ({ value: code, label: code }))}
              onValue={setEdition}
            />
            {current && (
              <>
                <SelectField
                  label="Default currency"
                  value={current.currency}
                  options={settings.data.global.currencies.map((c) => ({ value: c.code, label: c.code }))}
                  onValue={(currency) => setCurrent({ currency })}
                />
                <TextArea label="Pitch" rows={4} value={current.pitch} onValue={(pitch) => setCurrent({ pitch })} />
                {settings.data.global.tiers.map((tier) => {
                  const text = current.tiers[tier.key] ?? { name: "", description: "" };
                  const setTier = (patch: Partial<typeof text>) =>
                    setCurrent({ tiers: { ...current.tiers, [tier.key]: { ...text, ...patch } } });
                  return (
                    <fieldset key={tier.key}>
                      <legend>Tier "{tier.key}"</legend>
                      <TextField label="Name" value={text.name} onValue={(name) => setTier({ name })} />
                      <TextField
                        label="Description"
                        value={text.description}
                        onValue={(description) => setTier({ description })}
                      />
                    </fieldset>
                  );
                })}
                <h3>Questions and answers</h3>
                {current.faq.map((item, index) => (
                  <fieldset key={index}>
                    <legend>Question {index + 1}</legend>
                    <TextField
                      label="Question"
                      value={item.question}
                      onValue={(question) =>
                        setCurrent({ faq: current.faq.map((f, i) => (i === index ? { ...f, question } : f)) })
                      }
                    />
                    <TextArea
                      label="Answer"
                      value={item.answer}
                      onValue={(answer) =>
                        setCurrent({ faq: current.faq.map((f, i) => (i === index ? { ...f, answer } : f)) })
                      }
                    />
                    <button
                      type="button"
                      onClick={() => setCurrent({ faq: current.faq.filter((_, i) => i !== index) })}
                    >
                      Remove question
                    </button>
                  </fieldset>
                ))}
                <button
                  type="button"
                  onClick={() => setCurrent({ faq: [...current.faq, { question: "", answer: "" }] })}
                >
                  Add a question
                </button>
                <TextField
                  label="External patron page"
                  hint="Patreon or a similar page; shown on the support page, also when card payments are off."
                  type="url"
                  value={current.patronUrl}
                  onValue={(patronUrl) => setCurrent({ patronUrl })}
                />
                <TextField
                  label="PayPal link"
                  hint="A PayPal donate or paypal.me address (http or https)."
                  type="url"
                  value={current.paypalUrl ?? ""}
                  onValue={(paypalUrl) => setCurrent({ paypalUrl })}
                />
                <TextArea
                  label="Bank transfer details"
                  rows={4}
                  value={current.bankDetails}
                  onValue={(bankDetails) => setCurrent({ bankDetails })}
                />
                <TextArea
                  label="Crypto wallets"
                  hint="One a line: a label, then the address (USDT (TRC-20) TQn9Y2…)."
                  rows={3}
                  value={walletText[edition] ?? walletsToText(current.crypto)}
                  onValue={(text) => setWalletText((all) => ({ ...all, [edition]: text }))}
                />
                <p>
                  <button type="button" class="button--primary" onClick={saveTexts} disabled={save.busy}>
                    Save texts
                  </button>
                </p>
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}
