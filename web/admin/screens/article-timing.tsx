/**
 * The publishing panel's embargo and event time (issue #20): "not before" — publishing or scheduling
 * earlier is refused — and when the reported event happened, from which the publication check
 * counts its delay. Both are typed on the edition's clock and sent as instants.
 */
import { useState } from "preact/hooks";
import { parseZonedDateTime, zonedInputValue, zoneName } from "../../../src/newsroom/time-zones.shared.js";
import { api } from "../api.js";
import type { Article } from "../types.js";
import { ErrorMessage, TextField, useAction } from "../ui.js";

const inputOf = (iso: string | null, timeZone: string) => (iso ? zonedInputValue(iso, timeZone) : "");

/** The instant typed, or null for an empty field; undefined for text that is no date and time. */
export function instantOfInput(value: string, timeZone: string): string | null | undefined {
  if (!value.trim()) return null;
  return parseZonedDateTime(value, timeZone)?.toISOString();
}

export function ArticleTiming({
  article,
  timeZone,
  version,
  beforeSave,
  onSaved,
}: {
  article: Article;
  timeZone: string;
  /** The version this tab has now (autosave moves it on). */
  version: () => number;
  beforeSave: () => Promise<boolean>;
  onSaved: (next: Article) => void;
}) {
  const [embargo, setEmbargo] = useState(inputOf(article.embargoUntil, timeZone));
  const [eventAt, setEventAt] = useState(inputOf(article.eventAt, timeZone));
  const [saved, setSaved] = useState(false);
  const action = useAction();

  const save = async () => {
    setSaved(false);
    const embargoUntil = instantOfInput(embargo, timeZone);
    const event = instantOfInput(eventAt, timeZone);
    if (embargoUntil === undefined || event === undefined) {
      action.setError(new Error("Type a date and time, or leave the field empty."));
      return;
    }
    if (!(await beforeSave())) return;
    const next = await action.run(() =>
      api.patch<Article>(`/articles/${article.id}`, { version: version(), embargoUntil, eventAt: event }),
    );
    if (!next) return;
    onSaved(next);
    setSaved(true);
  };

  return (
    <div class="article-timing">
      <TextField
        label={`Embargo: not before (${zoneName(timeZone)})`}
        hint="Publishing or scheduling earlier is refused; leave empty for none."
        type="datetime-local"
        value={embargo}
        onValue={setEmbargo}
      />
      <TextField
        label={`When the event happened (${zoneName(timeZone)})`}
        hint="The publication check counts its delay from here (else from when the story was started)."
        type="datetime-local"
        value={eventAt}
        onValue={setEventAt}
      />
      <ErrorMessage error={action.error} />
      <div class="form__actions">
        <button type="button" class="button" disabled={action.busy} onClick={() => void save()}>
          Save times
        </button>
        {saved && <span role="status">Saved.</span>}
      </div>
    </div>
  );
}
