/** Crisis mode per edition: the lite front page, longer CDN lifetimes, no heavy modules. */
import { useState } from "preact/hooks";
import { canCrisisMode } from "../../../src/newsroom/crisis-mode.policy.js";
import { parseZonedDateTime, zoneName } from "../../../src/newsroom/time-zones.shared.js";
import { api } from "../api.js";
import { editionName, useSession } from "../session.js";
import {
  ErrorMessage,
  formatDateTime,
  Loading,
  PageHeader,
  StatusMessage,
  TextField,
  timeZoneOf,
  useAction,
  useAsync,
} from "../ui.js";

interface CrisisState {
  edition: string;
  on: boolean;
  until: string | null;
  changedAt: string | null;
  changedBy: string | null;
}

function EditionCrisis({ state, onChanged }: { state: CrisisState; onChanged: (message: string) => void }) {
  const { staff, editions } = useSession();
  const action = useAction();
  const [until, setUntil] = useState("");
  const may = canCrisisMode(staff.role, "switchCrisisMode");
  const timeZone = timeZoneOf(editions, state.edition);
  const name = editionName(editions, state.edition);
  const headingId = `crisis-${state.edition}`;
  const switchTo = async (on: boolean) => {
    // Typed on the edition's clock, whatever the editor's computer says.
    const end = on && until ? (parseZonedDateTime(until, timeZone)?.toISOString() ?? until) : null;
    const saved = await action.run(() => api.put<CrisisState>(`/crisis/${state.edition}`, { on, until: end }));
    if (saved) {
      setUntil("");
      onChanged(on ? `Crisis mode is on for the ${name} edition.` : `Crisis mode is off for the ${name} edition.`);
    }
  };
  return (
    <section class="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{name}</h2>
      <ErrorMessage error={action.error} />
      <p>
        <strong>{state.on ? "On" : "Off"}</strong>
        {state.on ? (state.until ? `, until ${formatDateTime(state.until, timeZone)}.` : ", until switched off.") : "."}
        {state.changedAt
          ? ` Last changed ${formatDateTime(state.changedAt, timeZone)} by ${state.changedBy ?? "—"}.`
          : ""}
      </p>
      {may &&
        (state.on ? (
          <button type="button" class="button" disabled={action.busy} onClick={() => void switchTo(false)}>
            Switch crisis mode off
          </button>
        ) : (
          <form
            class="stack"
            aria-label={`Switch on crisis mode for ${name}`}
            onSubmit={(event) => {
              event.preventDefault();
              void switchTo(true);
            }}
          >
            <TextField
              label={`Ends at (${zoneName(timeZone)}), optional`}
              type="datetime-local"
              hint="Leave empty to keep it on until someone switches it off."
              value={until}
              onValue={setUntil}
            />
            <button type="submit" class="button button--danger" disabled={action.busy}>
              Switch crisis mode on
            </button>
          </form>
        ))}
    </section>
  );
}

export function CrisisModeScreen() {
  const state = useAsync(() => api.get<{ items: CrisisState[] }>("/crisis"), []);
  const [status, setStatus] = useState("");
  return (
    <>
      <PageHeader title="Crisis mode" />
      <div class="form form--narrow">
        <p>
          While it is on, the edition's front page is the text-only lite page with the running live blog on top, a CDN
          keeps pages longer and may serve old copies when the site fails, and pages leave out the video player and the
          interactive map. Switching purges the edition's pages.
        </p>
        <ErrorMessage error={state.error} />
        {status && <StatusMessage>{status}</StatusMessage>}
        {state.data ? (
          state.data.items.map((item) => (
            <EditionCrisis
              key={item.edition}
              state={item}
              onChanged={(message) => {
                setStatus(message);
                state.reload();
              }}
            />
          ))
        ) : (
          <Loading what="crisis mode" />
        )}
      </div>
    </>
  );
}
