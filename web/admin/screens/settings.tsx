/** Edition settings: site name, follow links, support link, X handle, video of the day, the promo modules after articles. */
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { isSafeUrl } from "../../../src/newsroom/safe-url.shared.js";
import { SETTINGS_LIMITS } from "../../../src/newsroom/settings.schemas.js";
import { PROVIDER_NAMES, parseVideoUrl, videoPageUrl } from "../../../src/newsroom/video-url.shared.js";
import { api } from "../api.js";
import { canAdminister, canManageNewsroom } from "../permissions.js";
import { navigate } from "../router.js";
import { useSession } from "../session.js";
import type { EditionSettings, Promo } from "../types.js";
import {
  EditionField,
  ErrorMessage,
  LANGUAGE_OPTIONS,
  Loading,
  PageHeader,
  SelectField,
  StatusMessage,
  SubmitButton,
  TextField,
  useAction,
  useAsync,
} from "../ui.js";
import { PodcastSettings } from "./podcast-settings.js";

/** The settings as the API has them; `xHandle` is optional there (older servers do not know it). */
type Settings = EditionSettings & { xHandle?: string };

export type PromoType = Promo["type"];
type NewsletterPromo = Extract<Promo, { type: "newsletter" }>;
export type NewsletterLanguage = NewsletterPromo["language"];

const FOLLOW: { key: keyof EditionSettings["follow"]; label: string }[] = [
  { key: "x", label: "X (Twitter)" },
  { key: "facebook", label: "Facebook" },
  { key: "googleNews", label: "Google News" },
  { key: "telegram", label: "Telegram" },
];

/** The limits of src/newsroom/settings.schemas.ts, which the API enforces. */
export const LIMITS = SETTINGS_LIMITS;

export const PROMO_KINDS: { type: PromoType; label: string }[] = [
  { type: "newsletter", label: "Newsletter signup card" },
  { type: "map", label: "Battle map card" },
  { type: "support", label: "Support card" },
  { type: "follow", label: "Follow links" },
];

export const NEWSLETTER_LANGUAGES: { value: NewsletterLanguage; label: string }[] = LANGUAGE_OPTIONS;

/** Starting texts for a new module, in the edition's language. */
const DEFAULT_TEXTS: Record<
  NewsletterLanguage,
  { newsletter: string; cadence: string; map: string; mapDescription: string; support: string; supportText: string }
> = {
  uk: {
    newsletter: "Головне за день",
    cadence: "Щодня",
    map: "Мапа бойових дій",
    mapDescription: "Лінія фронту і події — день за днем.",
    support: "Підтримайте незалежну журналістику",
    supportText: "Разовий внесок або щомісячна підтримка тримають редакцію в роботі.",
  },
  ru: {
    newsletter: "Главное за день",
    cadence: "Ежедневно",
    map: "Карта боевых действий",
    mapDescription: "Линия фронта и события — день за днём.",
    support: "Поддержите независимую журналистику",
    supportText: "Разовый взнос или ежемесячная поддержка помогают редакции работать.",
  },
  en: {
    newsletter: "The Daily Briefing",
    cadence: "Daily",
    map: "Battle map",
    mapDescription: "The front line and the day’s events, day by day.",
    support: "Support independent journalism",
    supportText: "A one-time donation or a monthly pledge keeps our reporters on the story.",
  },
};

/** The newsletter language an edition most likely writes in ("en" when its language is not one of the three). */
export function languageFor(edition: { code: string; language?: string | undefined }): NewsletterLanguage {
  const tag = (edition.language ?? edition.code).toLowerCase().split("-")[0];
  return tag === "uk" || tag === "ru" || tag === "en" ? tag : "en";
}

/** A new module of the given kind with texts that can be saved as they are (the map needs its address). */
export function defaultPromo(
  type: PromoType,
  edition: { code: string; language?: string | undefined; basePath?: string | undefined },
): Promo {
  const language = languageFor(edition);
  const texts = DEFAULT_TEXTS[language];
  switch (type) {
    case "newsletter":
      return {
        type,
        list: `${edition.code}-daily`.slice(0, LIMITS.list),
        title: texts.newsletter,
        description: "",
        language,
        cadence: texts.cadence,
      };
    case "map":
      return { type, title: texts.map, description: texts.mapDescription, href: "" };
    case "support":
      return { type, title: texts.support, description: texts.supportText };
    case "follow":
      return { type };
  }
}

/** The kinds that may still be added: at most 12 modules, and the follow links once. */
export function addableKinds(promos: Promo[]): PromoType[] {
  if (promos.length >= LIMITS.modules) return [];
  const hasFollow = promos.some((p) => p.type === "follow");
  return PROMO_KINDS.map((k) => k.type).filter((type) => type !== "follow" || !hasFollow);
}

type PromoField = "list" | "title" | "description" | "language" | "cadence" | "href";
export type PromoProblems = Partial<Record<PromoField, string>>;

function required(value: string, max: number, what: string): string | undefined {
  if (!value.trim()) return `Enter ${what}.`;
  if (value.length > max) return `${capitalize(what)} must be at most ${max} characters (now ${value.length}).`;
  return undefined;
}

function optional(value: string, max: number, what: string): string | undefined {
  return value.length > max
    ? `${capitalize(what)} must be at most ${max} characters (now ${value.length}).`
    : undefined;
}

/** The API's link rule: an http(s) address or a site path such as /en/maps/front; "" passes (none). */
export function linkProblem(value: string): string | undefined {
  return value === "" || isSafeUrl(value)
    ? undefined
    : "A link must be an https:// (or http://) address or a site path starting with /, like /en/support.";
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function clean(problems: Record<string, string | undefined>): PromoProblems {
  return Object.fromEntries(Object.entries(problems).filter(([, v]) => v)) as PromoProblems;
}

/** What is wrong with a module, field by field, by the API's schema; empty when it can be saved. */
export function promoProblems(promo: Promo): PromoProblems {
  switch (promo.type) {
    case "newsletter":
      return clean({
        title: required(promo.title, LIMITS.title, "a title"),
        description: optional(promo.description, LIMITS.description, "the description"),
        list: required(promo.list, LIMITS.list, "the list identifier"),
        language: NEWSLETTER_LANGUAGES.some((l) => l.value === promo.language)
          ? undefined
          : "Choose Ukrainian, Russian or English.",
        cadence: required(promo.cadence, LIMITS.cadence, "how often it goes out"),
      });
    case "map":
      return clean({
        title: required(promo.title, LIMITS.title, "a title"),
        description: optional(promo.description, LIMITS.description, "the description"),
        href: required(promo.href, LIMITS.href, "the map's address") ?? linkProblem(promo.href.trim()),
      });
    case "support":
      return clean({
        title: required(promo.title, LIMITS.title, "a title"),
        description: optional(promo.description, LIMITS.description, "the description"),
      });
    case "follow":
      return {};
  }
}

/** Trims the texts of a module the way they are saved. */
export function trimPromo(promo: Promo): Promo {
  switch (promo.type) {
    case "newsletter":
      return {
        ...promo,
        list: promo.list.trim(),
        title: promo.title.trim(),
        description: promo.description.trim(),
        cadence: promo.cadence.trim(),
      };
    case "map":
      return { ...promo, title: promo.title.trim(), description: promo.description.trim(), href: promo.href.trim() };
    case "support":
      return { ...promo, title: promo.title.trim(), description: promo.description.trim() };
    case "follow":
      return promo;
  }
}

/** "name" or "@name" → "@name"; "" stays "". */
export function normalizeXHandle(value: string): string {
  const text = value.trim();
  if (!text) return "";
  return text.startsWith("@") ? text : `@${text}`;
}

/** A problem with an X handle (after normalizing), or undefined. */
export function xHandleProblem(handle: string): string | undefined {
  return /^(@[A-Za-z0-9_]{1,15})?$/.test(handle)
    ? undefined
    : "An X handle is @ and 1 to 15 letters, digits or underscores, like @gazette.";
}

/** What the form edits, before trimming. */
export type SettingsDraft = Omit<Settings, "xHandle"> & { xHandle: string };

/**
 * The body of the PUT. Admins send what they edited (trimmed, empty follow links left out, an X
 * handle only when the server knew one or one was typed). Editors send the site's identity back
 * exactly as it came, since any change there is the admins' and the API would answer 403.
 */
export function settingsBody(initial: Settings, draft: SettingsDraft, admin: boolean): Settings {
  const site: Pick<Settings, "siteName" | "follow" | "supportUrl" | "xHandle"> = admin
    ? {
        siteName: draft.siteName.trim(),
        follow: Object.fromEntries(
          Object.entries(draft.follow)
            .map(([k, v]) => [k, (v ?? "").trim()])
            .filter(([, v]) => v),
        ),
        supportUrl: draft.supportUrl.trim(),
        ...(initial.xHandle !== undefined || draft.xHandle.trim() ? { xHandle: draft.xHandle.trim() } : {}),
      }
    : {
        siteName: initial.siteName,
        follow: initial.follow,
        supportUrl: initial.supportUrl,
        ...(initial.xHandle !== undefined ? { xHandle: initial.xHandle } : {}),
      };
  return { ...site, videoOfTheDay: draft.videoOfTheDay, articlePromos: draft.articlePromos.map(trimPromo) };
}

export function promoLabel(promo: Promo): string {
  const title = "title" in promo ? promo.title.trim() || "(no title yet)" : "";
  switch (promo.type) {
    case "newsletter":
      return `Newsletter signup: ${title}`;
    case "map":
      return `Map: ${title}`;
    case "support":
      return `Support appeal: ${title}`;
    case "follow":
      return "Follow links";
  }
}

/** Moves the item at `index` by `by` places (within bounds). */
export function move<T>(list: T[], index: number, by: number): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  copy.splice(to, 0, item as T);
  return copy;
}

/** A labelled text input or text area that can show a problem under it (and tell screen readers). */
function Field({
  id: givenId,
  label,
  hint,
  problem,
  value,
  onValue,
  multiline,
  ...rest
}: {
  id?: string;
  label: string;
  hint?: string;
  problem?: string | undefined;
  value: string;
  onValue: (value: string) => void;
  multiline?: boolean;
  required?: boolean;
  maxLength?: number;
  lang?: string | undefined;
}) {
  const ownId = useId();
  const id = givenId ?? ownId;
  const describedBy = [hint ? `${id}-hint` : "", problem ? `${id}-problem` : ""].filter(Boolean).join(" ");
  const common = {
    id,
    value,
    "aria-invalid": problem ? ("true" as const) : undefined,
    "aria-describedby": describedBy || undefined,
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {multiline ? (
        <textarea {...common} {...rest} rows={3} onInput={(event) => onValue(event.currentTarget.value)} />
      ) : (
        <input {...common} {...rest} onInput={(event) => onValue(event.currentTarget.value)} />
      )}
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {problem && (
        <p class="field__error" id={`${id}-problem`}>
          {problem}
        </p>
      )}
    </div>
  );
}

function kindLabel(type: PromoType): string {
  return PROMO_KINDS.find((k) => k.type === type)?.label ?? type;
}

const limit = (n: number) => `Up to ${n} characters.`;

type TitledPromo = Extract<Promo, { title: string; description: string }>;
type PromoText = "title" | "description" | "cadence" | "list" | "href";

/** How a module's fields reach its state: the module, what is wrong with it, and the change. */
interface PromoBinding<P extends Promo> {
  promo: P;
  problems: PromoProblems;
  onChange: (promo: P) => void;
}

/** One text of a module, held to the server's limit and showing its own problem; required unless said. */
function PromoTextField<P extends Promo, K extends PromoText & keyof P>({
  promo,
  problems,
  onChange,
  field,
  required = true,
  ...rest
}: PromoBinding<P> & {
  field: K;
  label: string;
  hint?: string;
  id?: string;
  lang?: string | undefined;
  multiline?: boolean;
  required?: boolean;
}) {
  return (
    <Field
      {...rest}
      required={required || undefined}
      maxLength={LIMITS[field]}
      value={promo[field] as string}
      onValue={(value) => onChange({ ...promo, [field]: value })}
      problem={problems[field]}
    />
  );
}

/** Title and description: every module that has text starts with these two. */
function TitleAndDescription<P extends TitledPromo>({
  firstId,
  descriptionHint,
  lang,
  ...bound
}: PromoBinding<P> & {
  firstId: string;
  descriptionHint: string;
  lang?: string;
}) {
  return (
    <>
      <PromoTextField {...bound} field="title" id={firstId} label="Title" lang={lang} />
      <PromoTextField
        {...bound}
        field="description"
        required={false}
        label="Description"
        hint={`${descriptionHint}${limit(LIMITS.description)}`}
        multiline
        lang={lang}
      />
    </>
  );
}

/** The fields of one module. */
function PromoFields({ firstId, ...bound }: PromoBinding<Promo> & { firstId: string }) {
  const { promo, onChange } = bound;
  switch (promo.type) {
    case "newsletter": {
      const own = { ...bound, promo };
      return (
        <>
          <TitleAndDescription {...own} firstId={firstId} descriptionHint="What readers get. " lang={promo.language} />
          <SelectField
            label="Newsletter language"
            hint="The language the newsletter is written in; it may differ from the edition's."
            value={promo.language}
            onValue={(language) => onChange({ ...promo, language: language as NewsletterLanguage })}
            options={NEWSLETTER_LANGUAGES}
          />
          <PromoTextField
            {...own}
            field="cadence"
            label="How often it goes out"
            hint="e.g. Daily at 9am, or Monday to Friday."
            lang={promo.language}
          />
          <PromoTextField
            {...own}
            field="list"
            label="Mailing list"
            hint={`The identifier of the list readers are signed up to, e.g. en-daily. ${limit(LIMITS.list)}`}
          />
        </>
      );
    }
    case "map": {
      const own = { ...bound, promo };
      return (
        <>
          <TitleAndDescription {...own} firstId={firstId} descriptionHint="" />
          <PromoTextField
            {...own}
            field="href"
            label="Map address"
            hint="A page of this site, like /en/maps/bakhmut, or a full https:// address."
          />
        </>
      );
    }
    case "support":
      return (
        <TitleAndDescription
          {...bound}
          promo={promo}
          firstId={firstId}
          descriptionHint="Its buttons lead to the support link (or the payment provider). "
        />
      );
    case "follow":
      return (
        <p class="muted" id={firstId} tabIndex={-1}>
          Shows the site's follow links (set by admins above). Nothing to fill in.
        </p>
      );
  }
}

interface Item {
  id: number;
  promo: Promo;
}

function SettingsForm({ edition, initial }: { edition: string; initial: Settings }) {
  const { staff, editions } = useSession();
  const admin = canAdminister(staff.role);
  const editor = canManageNewsroom(staff.role);
  const formId = useId();
  const [siteName, setSiteName] = useState(initial.siteName);
  const [follow, setFollow] = useState(initial.follow);
  const [supportUrl, setSupportUrl] = useState(initial.supportUrl);
  const [xHandle, setXHandle] = useState(initial.xHandle ?? "");
  const [videoUrl, setVideoUrl] = useState(initial.videoOfTheDay ? videoPageUrl(initial.videoOfTheDay) : "");
  const [videoTitle, setVideoTitle] = useState(initial.videoOfTheDay?.title ?? "");
  const nextId = useRef(0);
  const [items, setItems] = useState<Item[]>(() =>
    initial.articlePromos.map((promo) => ({ id: nextId.current++, promo })),
  );
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const [adding, setAdding] = useState<PromoType>("newsletter");
  const [attempted, setAttempted] = useState(false);
  const [saved, setSaved] = useState(false);
  const { busy, error, setError, run } = useAction();
  const form = useRef<HTMLFormElement>(null);
  /** An element to focus once the next render is on screen (an id, or the first invalid field). */
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    const target = focusNext.current;
    if (!target || !form.current) return;
    focusNext.current = null;
    const element =
      target === "invalid"
        ? form.current.querySelector<HTMLElement>('[aria-invalid="true"]')
        : document.getElementById(target);
    element?.focus();
  });

  const promos = items.map((item) => item.promo);
  const addable = addableKinds(promos);
  const kind = addable.includes(adding) ? adding : addable[0];
  const editionInfo = editions.find((e) => e.code === edition) ?? { code: edition };
  const handle = normalizeXHandle(xHandle);
  const handleProblem = attempted ? xHandleProblem(handle) : undefined;
  const siteNameProblem = attempted && !siteName.trim() ? "Enter the site name." : undefined;
  const itemId = (id: number, part: string) => `${formId}-promo-${id}-${part}`;

  const toggle = (id: number) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };

  const add = () => {
    if (!kind) return;
    const id = nextId.current++;
    setItems([...items, { id, promo: defaultPromo(kind, editionInfo) }]);
    setOpen(new Set(open).add(id));
    setSaved(false);
    focusNext.current = itemId(id, "first");
  };

  const moveItem = (index: number, by: number) => {
    const item = items[index];
    if (!item) return;
    const next = move(items, index, by);
    setItems(next);
    const at = index + by;
    // Keep focus on the button pressed, or on its twin once the module reached an end of the list.
    const atEnd = by < 0 ? at === 0 : at === next.length - 1;
    focusNext.current = itemId(item.id, by < 0 !== atEnd ? "up" : "down");
  };

  const remove = (index: number) => {
    const rest = items.filter((_, i) => i !== index);
    setItems(rest);
    const neighbour = rest[Math.min(index, rest.length - 1)];
    focusNext.current = neighbour ? itemId(neighbour.id, "remove") : `${formId}-promos-heading`;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    setAttempted(true);
    let video: EditionSettings["videoOfTheDay"] = null;
    if (videoUrl.trim()) {
      const ref = parseVideoUrl(videoUrl);
      if (!ref) return setError(new Error("The video of the day must be a YouTube or Vimeo address."));
      video = { ...ref, title: videoTitle.trim() || `${PROVIDER_NAMES[ref.provider]} video` };
    }
    const invalid = items.filter((item) => Object.keys(promoProblems(item.promo)).length > 0);
    if (invalid.length > 0) {
      setOpen(new Set([...open, ...invalid.map((item) => item.id)]));
      focusNext.current = "invalid";
      const names = invalid.map((item) => `${items.indexOf(item) + 1} (${kindLabel(item.promo.type)})`);
      return setError(
        new Error(
          `Module${invalid.length > 1 ? "s" : ""} ${names.join(", ")} need${invalid.length > 1 ? "" : "s"} attention.`,
        ),
      );
    }
    if (admin && !siteName.trim()) {
      focusNext.current = "invalid";
      return setError(new Error("Enter the site name."));
    }
    const badLink = admin
      ? [...Object.values(follow), supportUrl].map((v) => linkProblem((v ?? "").trim())).find(Boolean)
      : undefined;
    if (badLink) {
      focusNext.current = "invalid";
      return setError(new Error(badLink));
    }
    if (admin && xHandleProblem(handle)) {
      focusNext.current = "invalid";
      return setError(new Error(xHandleProblem(handle)));
    }
    const body = settingsBody(
      initial,
      { siteName, follow, supportUrl, xHandle: handle, videoOfTheDay: video, articlePromos: promos },
      admin,
    );
    const result = await run(() => api.put<Settings>(`/settings/${encodeURIComponent(edition)}`, body));
    if (result) setSaved(true);
  };

  // The app checks the fields itself (noValidate), so each problem shows next to its field, in words.
  return (
    <form class="form" onSubmit={submit} ref={form} noValidate>
      <section class="panel" aria-labelledby="site-heading">
        <h2 id="site-heading">Site</h2>
        {!admin && (
          <p class="muted" id={`${formId}-site-note`}>
            Only admins change the site name, follow links, support link and X handle.
          </p>
        )}
        <fieldset class="plain" disabled={!admin} aria-describedby={admin ? undefined : `${formId}-site-note`}>
          <legend class="visually-hidden">Site identity</legend>
          <Field
            label="Site name"
            required
            maxLength={LIMITS.siteName}
            value={siteName}
            onValue={setSiteName}
            problem={siteNameProblem}
          />
          {FOLLOW.map(({ key, label }) => (
            <TextField
              key={key}
              label={`${label} link`}
              type="url"
              maxLength={LIMITS.link}
              value={follow[key] ?? ""}
              onValue={(v) => setFollow({ ...follow, [key]: v })}
            />
          ))}
          <TextField
            label="Support link"
            hint="Where the support card leads when no payment provider is set up."
            maxLength={LIMITS.link}
            value={supportUrl}
            onValue={setSupportUrl}
          />
          <Field
            label="X handle"
            hint="The outlet's X account, like @gazette, named on links shared to X. Leave empty for none."
            maxLength={16}
            value={xHandle}
            onValue={setXHandle}
            problem={handleProblem}
          />
        </fieldset>
      </section>
      {!editor && <p class="muted">Only editors and above change the video of the day and the modules.</p>}
      <fieldset class="plain" disabled={!editor}>
        <legend class="visually-hidden">Video and modules</legend>
        <section class="panel" aria-labelledby="video-heading">
          <h2 id="video-heading">Video of the day</h2>
          <TextField
            label="YouTube or Vimeo address"
            hint="Shown in articles after the third paragraph. Leave empty for none."
            inputMode="url"
            value={videoUrl}
            onValue={setVideoUrl}
          />
          <TextField label="Video title" maxLength={LIMITS.videoTitle} value={videoTitle} onValue={setVideoTitle} />
        </section>
        <section class="panel" aria-labelledby={`${formId}-promos-heading`}>
          <h2 id={`${formId}-promos-heading`} tabIndex={-1}>
            Modules after the article
          </h2>
          {items.length === 0 ? (
            <p class="muted">No modules.</p>
          ) : (
            <ol class="order-list">
              {items.map((item, index) => {
                const { promo, id } = item;
                const label = promoLabel(promo);
                const expanded = open.has(id);
                const problems = attempted ? promoProblems(promo) : {};
                const flagged = Object.keys(problems).length > 0;
                return (
                  <li key={id} data-module={promo.type}>
                    <div class="order-list__row">
                      <span>
                        {label}
                        {flagged && <span class="promo-item__flag"> — needs attention</span>}
                      </span>
                      <span class="order-list__actions">
                        <button
                          type="button"
                          class="button button--small"
                          aria-expanded={expanded}
                          aria-controls={expanded ? itemId(id, "fields") : undefined}
                          onClick={() => toggle(id)}
                        >
                          {expanded ? "Close" : "Edit"}
                          <span class="visually-hidden">: {label}</span>
                        </button>
                        <button
                          type="button"
                          id={itemId(id, "up")}
                          class="button button--small"
                          disabled={index === 0}
                          onClick={() => moveItem(index, -1)}
                        >
                          Move up<span class="visually-hidden">: {label}</span>
                        </button>
                        <button
                          type="button"
                          id={itemId(id, "down")}
                          class="button button--small"
                          disabled={index === items.length - 1}
                          onClick={() => moveItem(index, 1)}
                        >
                          Move down<span class="visually-hidden">: {label}</span>
                        </button>
                        <button
                          type="button"
                          id={itemId(id, "remove")}
                          class="button button--small button--quiet"
                          onClick={() => remove(index)}
                        >
                          Remove<span class="visually-hidden">: {label}</span>
                        </button>
                      </span>
                    </div>
                    {expanded && (
                      <fieldset class="promo-fields" id={itemId(id, "fields")}>
                        <legend>
                          Module {index + 1}: {kindLabel(promo.type)}
                        </legend>
                        <PromoFields
                          firstId={itemId(id, "first")}
                          promo={promo}
                          problems={problems}
                          onChange={(changed) =>
                            setItems(items.map((it) => (it.id === id ? { id, promo: changed } : it)))
                          }
                        />
                      </fieldset>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
          {kind ? (
            <div class="promo-add">
              <SelectField
                label="Add a module"
                value={kind}
                onValue={(value) => setAdding(value as PromoType)}
                options={PROMO_KINDS.filter((k) => addable.includes(k.type)).map((k) => ({
                  value: k.type,
                  label: k.label,
                }))}
              />
              <button type="button" class="button" onClick={add}>
                Add the module
              </button>
            </div>
          ) : (
            <p class="muted">
              {promos.length >= LIMITS.modules
                ? `At most ${LIMITS.modules} modules: remove one to add another.`
                : "Every kind of module is already here."}
            </p>
          )}
        </section>
      </fieldset>
      <ErrorMessage error={error} />
      {saved && (
        <StatusMessage>
          <p>Settings saved. The site shows them now.</p>
        </StatusMessage>
      )}
      <SubmitButton busy={busy || !editor}>Save settings</SubmitButton>
    </form>
  );
}

export function SettingsScreen({ edition: requested }: { edition?: string | undefined }) {
  const { editions } = useSession();
  const edition = requested && editions.some((e) => e.code === requested) ? requested : (editions[0]?.code ?? "");
  const settings = useAsync(() => api.get<Settings>(`/settings/${encodeURIComponent(edition)}`), [edition]);
  const [choice, setChoice] = useState(edition);
  useEffect(() => setChoice(edition), [edition]);
  return (
    <>
      <PageHeader title="Settings" />
      <div class="filters">
        <EditionField
          value={choice}
          onValue={(code) => {
            setChoice(code);
            navigate(`/admin/settings?edition=${encodeURIComponent(code)}`);
          }}
        />
      </div>
      {settings.loading && <Loading what="settings" />}
      <ErrorMessage error={settings.error} />
      {settings.data && !settings.loading && <SettingsForm key={edition} edition={edition} initial={settings.data} />}
      {edition && <PodcastSettings key={`podcast-${edition}`} edition={edition} />}
    </>
  );
}
