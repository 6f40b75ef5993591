/** Small shared pieces: labelled fields, error and status messages, dialogs, data loading. */
import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from "preact/hooks";
import { formatInZone } from "../../src/newsroom/time-zones.shared.js";
import { ApiError, messageOf } from "./api.js";
import { consumeNavigationFocus } from "./focus.js";
import { useSession } from "./session.js";
import { type ArticleStatus, STATUS_LABELS } from "./types.js";

/** Validation details the API may attach: `{ field }` or `{ issues: [{ path, message }] }`. */
function detailLines(error: unknown): string[] {
  if (!(error instanceof ApiError) || typeof error.details !== "object" || error.details === null) return [];
  const issues = (error.details as { issues?: unknown }).issues;
  if (!Array.isArray(issues) || issues.length < 2) return [];
  return issues
    .slice(0, 10)
    .map((issue) =>
      typeof issue === "object" && issue !== null && "message" in issue
        ? `${String((issue as { path?: unknown }).path ?? "")} ${String((issue as { message: unknown }).message)}`.trim()
        : String(issue),
    );
}

/** An error from the API, read out by screen readers as soon as it appears. */
export function ErrorMessage({ error, children }: { error: unknown; children?: ComponentChildren }) {
  if (!error) return null;
  const lines = detailLines(error);
  return (
    <div class="message message--error" role="alert">
      <p>{messageOf(error)}</p>
      {lines.length > 0 && (
        <ul>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}

export function StatusMessage({ children }: { children: ComponentChildren }) {
  return (
    <div class="message message--ok" role="status">
      {children}
    </div>
  );
}

/** The native attributes the app's fields use. */
interface ControlAttributes {
  class?: string;
  required?: boolean;
  disabled?: boolean;
  autoFocus?: boolean;
  maxLength?: number;
  minLength?: number;
  placeholder?: string;
  readOnly?: boolean;
  /** Language of the text typed in (spell-checking, screen readers). */
  lang?: string | undefined;
}

interface InputProps extends ControlAttributes {
  label: string;
  hint?: string;
  value: string;
  onValue: (value: string) => void;
  type?: "text" | "email" | "password" | "search" | "url" | "datetime-local" | "date" | "number";
  autoComplete?: string;
  inputMode?: "text" | "numeric" | "decimal" | "url" | "email";
  step?: number;
  min?: number;
}

export function TextField({ label, hint, value, onValue, class: className, type, ...rest }: InputProps) {
  const id = useId();
  return (
    <div class={`field ${className ?? ""}`}>
      <label for={id}>{label}</label>
      <input
        {...(rest as Record<string, unknown>)}
        id={id}
        type={(type ?? "text") as "text"}
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

interface AreaProps extends ControlAttributes {
  label: string;
  hint?: string;
  value: string;
  onValue: (value: string) => void;
  rows?: number;
}

export function TextArea({ label, hint, value, onValue, class: className, ...rest }: AreaProps) {
  const id = useId();
  return (
    <div class={`field ${className ?? ""}`}>
      <label for={id}>{label}</label>
      <textarea
        id={id}
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...rest}
      />
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

interface SelectProps {
  class?: string;
  label: string;
  value: string;
  options: Option[];
  onValue: (value: string) => void;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
}

export function SelectField({ label, value, options, onValue, hint, class: className, ...rest }: SelectProps) {
  const id = useId();
  return (
    <div class={`field ${className ?? ""}`}>
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => onValue(event.currentTarget.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...rest}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** The languages the newsroom writes in, for pickers (newsletters, modules, byline profiles). */
export const LANGUAGE_OPTIONS: { value: "uk" | "ru" | "en"; label: string }[] = [
  { value: "uk", label: "Ukrainian" },
  { value: "ru", label: "Russian" },
  { value: "en", label: "English" },
];

/** The newsroom's editions by name, after an "all editions" choice (value "") when `all` names it. */
export function EditionField({ all, ...rest }: Omit<SelectProps, "label" | "options"> & { all?: string }) {
  const { editions } = useSession();
  const options = editions.map((e) => ({ value: e.code, label: e.name }));
  return <SelectField label="Edition" {...rest} options={all ? [{ value: "", label: all }, ...options] : options} />;
}

export function Checkbox({
  label,
  checked,
  onChecked,
  hint,
}: {
  label: string;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  hint?: string;
}) {
  const id = useId();
  return (
    <div class="field field--check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChecked(event.currentTarget.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label for={id}>{label}</label>
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** A screen's title. After in-app navigation it takes focus, so screen readers announce the new screen. */
/**
 * Revoke (or `verb`) asks once more ("Revoke now" or "Keep it"), so a slip does not cut off a
 * script, a partner or the readers of a mirror.
 */
export function ConfirmRevoke({
  name,
  busy,
  onRevoke,
  verb = "Revoke",
}: {
  name: string;
  busy: boolean;
  onRevoke: () => void;
  verb?: string;
}) {
  const [confirming, setConfirming] = useState(false);
  return confirming ? (
    <span class="inline-actions">
      <button type="button" class="button button--small button--danger" disabled={busy} onClick={onRevoke}>
        {verb} now<span class="visually-hidden"> {name}</span>
      </button>
      <button type="button" class="button button--small" onClick={() => setConfirming(false)}>
        Keep it
      </button>
    </span>
  ) : (
    <button type="button" class="button button--small" onClick={() => setConfirming(true)}>
      {verb}
      <span class="visually-hidden"> {name}</span>
    </button>
  );
}

/** A form's submit button in its actions row, off while the form's action runs. */
export function SubmitButton({
  busy,
  danger = false,
  children,
}: {
  busy: boolean;
  danger?: boolean;
  children: ComponentChildren;
}) {
  return (
    <div class="form__actions">
      <button class={danger ? "button button--danger" : "button button--primary"} type="submit" disabled={busy}>
        {children}
      </button>
    </div>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Gazette newsroom`;
    if (consumeNavigationFocus()) heading.current?.focus();
  }, [title]);
  return (
    <div class="page-header">
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children && <div class="page-header__actions">{children}</div>}
    </div>
  );
}

export function StatusBadge({ status }: { status: ArticleStatus }) {
  return <span class={`badge badge--${status}`}>{STATUS_LABELS[status]}</span>;
}

/** A modal dialog on the native <dialog>: focus is trapped and Escape closes it. */
export function Dialog({
  open,
  title,
  onClose,
  children,
  wide,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // In the same task as the render: a modal left open for a frame would make the page inert.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      class={`dialog ${wide ? "dialog--wide" : ""}`}
      aria-labelledby={titleId}
      onClose={() => {
        if (open) onClose();
      }}
    >
      {open && (
        <>
          <div class="dialog__header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" class="button button--quiet" onClick={onClose}>
              Close
            </button>
          </div>
          <div class="dialog__body">{children}</div>
        </>
      )}
    </dialog>
  );
}

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (data: T) => void;
}

/** Loads data for a screen; `reload()` fetches again. Answers that arrive after a newer request are dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const call = ++latest.current;
    setLoading(true);
    setError(null);
    load().then(
      (value) => {
        if (call !== latest.current) return;
        setData(value);
        setLoading(false);
      },
      (err: unknown) => {
        if (call !== latest.current) return;
        setError(err);
        setLoading(false);
      },
    );
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, setData };
}

/** Shows a saved row in place of the loaded one with its id. */
export function replaceItem<T extends { id: number | string }>(list: AsyncState<{ items: T[] }>, saved: T): void {
  list.setData({ items: (list.data?.items ?? []).map((item) => (item.id === saved.id ? saved : item)) });
}

/** Drops a deleted row from a loaded list. */
export function removeItem<T extends { id: number | string }>(list: AsyncState<{ items: T[] }>, id: T["id"]): void {
  list.setData({ items: (list.data?.items ?? []).filter((item) => item.id !== id) });
}

/** Runs an action with a busy flag and a captured error, for buttons and forms. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (err) {
      setError(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

// The newsroom's zone when a screen names no edition: the first edition's (set at start-up).
let newsroomZone: string | undefined;

/** Sets the zone times are shown in when no edition is named: the first edition's. */
export function setNewsroomTimeZone(timeZone: string | undefined): void {
  newsroomZone = timeZone;
}

/** The zone of the edition (by code), else the newsroom's, else the browser's. */
export function timeZoneOf(editions: { code: string; timeZone: string }[], code?: string | null): string {
  return (
    editions.find((e) => e.code === code)?.timeZone ??
    newsroomZone ??
    Intl.DateTimeFormat().resolvedOptions().timeZone ??
    "UTC"
  );
}

/**
 * An instant as the newsroom reads it: on the clock of the edition's zone (the newsroom's when no
 * zone is given), with the zone's name — "6 Dec 2026, 11:30 Kyiv time".
 */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatInZone(date, timeZone ?? newsroomZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC");
}

/**
 * A secret the server shows once (an integration token, an API key, a webhook's signing secret):
 * selected on focus, with a Copy button. The sentence before it says what it is for.
 */
export function SecretOnce({ label, value, children }: { label: string; value: string; children: ComponentChildren }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div class="message message--ok" role="status">
      <p>{children}</p>
      <div class="token-once">
        <label for={id} class="visually-hidden">
          {label}
        </label>
        <input id={id} readOnly value={value} onFocus={(e) => e.currentTarget.select()} class="mono" />
        <button
          type="button"
          class="button"
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}
