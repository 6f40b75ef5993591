/** The owner's settings of the wartime publication check, per edition: on or off, the delay, the rules. */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import {
  CHECK_RULE_TEXTS,
  type CheckSettings,
  type CheckSettingsForm,
  formOf,
  MAX_DELAY_HOURS,
  settingsOf,
} from "../publication-check-settings.js";
import { editionName, useSession } from "../session.js";
import {
  Checkbox,
  ErrorMessage,
  Loading,
  PageHeader,
  StatusMessage,
  SubmitButton,
  TextField,
  useAction,
  useAsync,
} from "../ui.js";

function EditionCheck({ edition, saved }: { edition: string; saved: CheckSettings }) {
  const { editions } = useSession();
  const name = editionName(editions, edition);
  const [form, setForm] = useState<CheckSettingsForm>(() => formOf(saved));
  const [problem, setProblem] = useState("");
  const [status, setStatus] = useState("");
  const action = useAction();
  const headingId = `check-${edition}`;
  const set = (change: Partial<CheckSettingsForm>) => {
    setStatus("");
    setForm((current) => ({ ...current, ...change }));
  };
  const save = async () => {
    const shaped = settingsOf(form);
    if ("problem" in shaped) {
      setProblem(shaped.problem);
      return;
    }
    setProblem("");
    const answer = await action.run(() =>
      api.put<CheckSettings>(`/publication-check/settings/${edition}`, shaped.settings),
    );
    if (!answer) return;
    setForm(formOf(answer));
    setStatus(
      answer.enabled
        ? `The check is on for the ${name} edition.`
        : `The check is off for the ${name} edition: its stories go out unchecked.`,
    );
  };
  return (
    <section class="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{name}</h2>
      <form
        class="stack"
        aria-label={`Publication check for ${name}`}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Checkbox
          label="Check this edition's stories before they go out"
          hint="Publishing or scheduling a story with findings then needs a reason to dismiss them and a second editor's approval. Scheduled stories are checked again at their time."
          checked={form.enabled}
          onChecked={(enabled) => set({ enabled })}
        />
        <TextField
          label="Delay after the event, in hours"
          hint={`A precise place in a strike story is flagged until this long after the event. Up to ${MAX_DELAY_HOURS} hours; 3 unless changed.`}
          inputMode="decimal"
          value={form.delayHours}
          onValue={(delayHours) => set({ delayHours })}
        />
        {problem && (
          <p class="field__error" role="alert">
            {problem}
          </p>
        )}
        <fieldset class="stack">
          <legend>Rules</legend>
          <p class="field__hint">Untick a rule to turn it off for this edition. The others keep working.</p>
          {CHECK_RULE_TEXTS.map(({ rule, label, explanation }) => (
            <Checkbox
              key={rule}
              label={label}
              hint={explanation}
              checked={form.rulesOn[rule]}
              onChecked={(on) => set({ rulesOn: { ...form.rulesOn, [rule]: on } })}
            />
          ))}
        </fieldset>
        <ErrorMessage error={action.error} />
        {status && <StatusMessage>{status}</StatusMessage>}
        <SubmitButton busy={action.busy}>Save the check for {name}</SubmitButton>
      </form>
    </section>
  );
}

/** Owners only: the server refuses anyone else, and the menu does not offer it to them. */
export function PublicationCheckSettingsScreen() {
  const { staff, editions } = useSession();
  const owner = staff.role === "owner";
  const state = useAsync(
    async () =>
      owner
        ? Promise.all(
            editions.map(async (edition) => ({
              edition: edition.code,
              settings: await api.get<CheckSettings>(`/publication-check/settings/${edition.code}`),
            })),
          )
        : [],
    [owner, editions.map((edition) => edition.code).join()],
  );
  return (
    <>
      <PageHeader title="Publication check" />
      <div class="form form--narrow">
        <p>
          Before a story goes out, the check looks for details that could help the enemy aim: the exact place of a
          strike soon after it, air defences and units next to a place, photos that may give away where they were taken.
          It is a helper, not a censor: each finding says why, an editor can dismiss it with a reason (kept in the audit
          log), and a flagged story then needs a second editor's approval.
        </p>
        {!owner ? (
          <p role="alert">Only the newsroom's owners set the publication check.</p>
        ) : (
          <>
            <ErrorMessage error={state.error} />
            {state.data ? (
              state.data.map((item) => <EditionCheck key={item.edition} edition={item.edition} saved={item.settings} />)
            ) : (
              <Loading what="the publication check settings" />
            )}
          </>
        )}
      </div>
    </>
  );
}
