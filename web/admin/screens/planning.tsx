/** The story budget: a week or day board of planned stories, and each member's assignments. */
import { useState } from "preact/hooks";
import { parseZonedDateTime, zoneName } from "../../../src/newsroom/time-zones.shared.js";
import { canPlan } from "../../../src/planning/planning.policy.js";
import type { PlanningItemView, PlanningPerson, PlanningStatus } from "../../../src/planning/planning.schemas.js";
import { api, query } from "../api.js";
import { DataTable } from "../data-table.js";
import { addDays, dayLabel, isDay, STATUS_LABELS, todayIn, weekOf } from "../planning.js";
import { navigate, type Route } from "../router.js";
import { editionName, useSession } from "../session.js";
import type { Term } from "../types.js";
import {
  EditionField,
  ErrorMessage,
  formatDateTime,
  PageHeader,
  SelectField,
  StatusMessage,
  SubmitButton,
  TextArea,
  TextField,
  timeZoneOf,
  useAction,
  useAsync,
} from "../ui.js";

type PlanningRoute = Extract<Route, { name: "planning" }>;
type Item = PlanningItemView;

/** Statuses a person may set by hand; "published" follows the article. */
const SETTABLE: PlanningStatus[] = ["idea", "assigned", "in_progress", "filed", "edited"];
const DRAG_TYPE = "application/x-gazette-planning-item";

function planningUrl(route: PlanningRoute): string {
  return `/admin/planning${query({
    view: route.view,
    date: route.date,
    edition: route.edition,
    section: route.sectionId,
    person: route.assigneeId,
  })}`;
}

function usePrincipal() {
  const { staff } = useSession();
  return { role: staff.role, staffId: staff.id };
}

/** The board: the week (Monday first) or one day, filtered by edition, section and person. */
export function PlanningScreen({ route }: { route: PlanningRoute }) {
  const { editions } = useSession();
  const principal = usePrincipal();
  const view = route.view ?? "week";
  const zone = timeZoneOf(editions, route.edition);
  const date = route.date ?? todayIn(zone);
  const days = view === "week" ? weekOf(date) : [date];
  const from = days[0] as string;
  const to = days[days.length - 1] as string;
  const filter = { edition: route.edition, sectionId: route.sectionId, assigneeId: route.assigneeId };
  const items = useAsync(
    () => api.get<{ items: Item[] }>(`/planning${query({ from, to, ...filter })}`),
    [from, to, filter.edition, filter.sectionId, filter.assigneeId],
  );
  const people = useAsync(() => api.get<{ items: PlanningPerson[] }>("/planning/people"), []);
  const sections = useAsync(
    () => (route.edition ? api.get<{ items: Term[] }>(`/sections${query({ edition: route.edition })}`) : none()),
    [route.edition],
  );
  const [status, setStatus] = useState("");
  const go = (patch: Partial<PlanningRoute>) => navigate(planningUrl({ ...route, ...patch }));
  const step = view === "week" ? 7 : 1;
  const planner = canPlan(principal, "plan");

  const move = async (item: Item, day: string) => {
    if (day === item.day) return;
    try {
      await api.post<Item>(`/planning/${item.id}/move`, { day });
      setStatus(`"${item.slugLine}" moved to ${dayLabel(day)}.`);
      items.reload();
    } catch (error) {
      setStatus(`Could not move "${item.slugLine}": ${(error as Error).message}`);
    }
  };

  return (
    <>
      <PageHeader title="Planning">
        <a class="button" href="/admin/planning/mine">
          My assignments
        </a>
      </PageHeader>
      <nav class="planning-nav" aria-label="Dates">
        <button type="button" class="button" onClick={() => go({ date: addDays(date, -step) })}>
          {view === "week" ? "Previous week" : "Previous day"}
        </button>
        <button type="button" class="button" onClick={() => go({ date: todayIn(zone) })}>
          Today
        </button>
        <button type="button" class="button" onClick={() => go({ date: addDays(date, step) })}>
          {view === "week" ? "Next week" : "Next day"}
        </button>
        <span class="planning-nav__views">
          <a href={planningUrl({ ...route, view: "week" })} aria-current={view === "week" ? "page" : undefined}>
            Week
          </a>
          {" · "}
          <a href={planningUrl({ ...route, view: "day" })} aria-current={view === "day" ? "page" : undefined}>
            Day
          </a>
        </span>
      </nav>
      <fieldset class="filters plain">
        <legend class="visually-hidden">Filter the budget</legend>
        <EditionField
          value={route.edition ?? ""}
          all="All editions"
          onValue={(edition) => go({ edition: edition || undefined, sectionId: undefined })}
        />
        <SelectField
          label="Section"
          value={route.sectionId ? String(route.sectionId) : ""}
          disabled={!route.edition}
          hint={route.edition ? undefined : "Choose an edition to filter by section."}
          options={[
            { value: "", label: "Any section" },
            ...(sections.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name })),
          ]}
          onValue={(value) => go({ sectionId: value ? Number(value) : undefined })}
        />
        <SelectField
          label="Person"
          value={route.assigneeId ? String(route.assigneeId) : ""}
          options={[
            { value: "", label: "Anyone" },
            ...(people.data?.items ?? []).map((p) => ({ value: String(p.id), label: p.name })),
          ]}
          onValue={(value) => go({ assigneeId: value ? Number(value) : undefined })}
        />
      </fieldset>
      {status && <StatusMessage>{status}</StatusMessage>}
      <ErrorMessage error={items.error ?? people.error} />
      {planner && (
        <NewItemForm
          day={date}
          edition={route.edition ?? editions[0]?.code ?? ""}
          people={people.data?.items ?? []}
          onCreated={(item) => {
            setStatus(`"${item.slugLine}" planned for ${dayLabel(item.day)}.`);
            items.reload();
          }}
        />
      )}
      <div class={`planning-board planning-board--${view}`}>
        {days.map((day) => (
          <DayColumn
            key={day}
            day={day}
            items={(items.data?.items ?? []).filter((item) => item.day === day)}
            loading={items.loading && !items.data}
            detailed={view === "day"}
            canMove={planner}
            onMove={move}
            onChanged={items.reload}
          />
        ))}
      </div>
    </>
  );
}

function none(): Promise<{ items: Term[] }> {
  return Promise.resolve({ items: [] });
}

function DayColumn({
  day,
  items,
  loading,
  detailed,
  canMove,
  onMove,
  onChanged,
}: {
  day: string;
  items: Item[];
  loading: boolean;
  detailed: boolean;
  canMove: boolean;
  onMove: (item: Item, day: string) => Promise<void>;
  onChanged: () => void;
}) {
  const [over, setOver] = useState(false);
  const headingId = `planning-day-${day}`;
  const dragging = (event: DragEvent) => canMove && (event.dataTransfer?.types.includes(DRAG_TYPE) ?? false);
  return (
    <section
      class={`planning-day${over ? " planning-day--over" : ""}`}
      aria-labelledby={headingId}
      onDragOver={(event) => {
        if (!dragging(event)) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        setOver(false);
        const raw = event.dataTransfer?.getData(DRAG_TYPE);
        if (!raw) return;
        event.preventDefault();
        const item = JSON.parse(raw) as Item;
        void onMove(item, day);
      }}
    >
      <h2 id={headingId} class="planning-day__title">
        {dayLabel(day)}
      </h2>
      {loading && <p class="muted">Loading…</p>}
      {!loading && items.length === 0 && <p class="muted">Nothing planned.</p>}
      <ul class="planning-day__items">
        {items.map((item) => (
          <li key={item.id}>
            <ItemCard item={item} detailed={detailed} canMove={canMove} onMove={onMove} onChanged={onChanged} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ItemCard({
  item,
  detailed,
  canMove,
  onMove,
  onChanged,
}: {
  item: Item;
  detailed: boolean;
  canMove: boolean;
  onMove: (item: Item, day: string) => Promise<void>;
  onChanged: () => void;
}) {
  const { editions } = useSession();
  const [moveTo, setMoveTo] = useState(item.day);
  const principal = usePrincipal();
  const zone = timeZoneOf(editions, item.edition);
  return (
    <article
      class={`planning-item planning-item--${item.status}`}
      draggable={canMove}
      aria-label={item.slugLine}
      onDragStart={(event) => event.dataTransfer?.setData(DRAG_TYPE, JSON.stringify(item))}
    >
      <h3 class="planning-item__slug">{item.slugLine}</h3>
      <p class="planning-item__meta">
        <span class={`badge badge--plan-${item.status}`}>{STATUS_LABELS[item.status]}</span>{" "}
        {editionName(editions, item.edition)}
        {item.assignee ? ` · ${item.assignee.name}` : " · unassigned"}
        {item.dueAt ? ` · due ${formatDateTime(item.dueAt, zone)}` : ""}
        {item.targetWords ? ` · ${item.targetWords} words` : ""}
      </p>
      {detailed && item.summary && <p class="planning-item__summary">{item.summary}</p>}
      <ItemActions item={item} onChanged={onChanged} />
      {canMove && (
        <form
          class="planning-item__move"
          onSubmit={(event) => {
            event.preventDefault();
            if (isDay(moveTo)) void onMove(item, moveTo);
          }}
        >
          <TextField
            class="field--compact"
            label={`Move "${item.slugLine}" to`}
            type="date"
            value={moveTo}
            onValue={setMoveTo}
          />
          <button type="submit" class="button button--small" disabled={!isDay(moveTo) || moveTo === item.day}>
            Move
          </button>
        </form>
      )}
      {canPlan(principal, "plan") && <DeleteItem item={item} onDeleted={onChanged} />}
    </article>
  );
}

/** Start the draft or open it, and move the status (whoever may). */
function ItemActions({ item, onChanged }: { item: Item; onChanged: () => void }) {
  const principal = usePrincipal();
  const action = useAction();
  const subject = { assigneeId: item.assignee?.id ?? null };
  const startDraft = async () => {
    const result = await action.run(() => api.post<{ item: Item; articleId: number }>(`/planning/${item.id}/draft`));
    if (result) navigate(`/admin/articles/${result.articleId}`);
  };
  const setStatus = async (status: string) => {
    if (await action.run(() => api.patch<Item>(`/planning/${item.id}`, { status }))) onChanged();
  };
  return (
    <div class="planning-item__actions">
      {item.articleId !== null ? (
        <a href={`/admin/articles/${item.articleId}`}>Open the article</a>
      ) : (
        canPlan(principal, "startDraft", subject) && (
          <button type="button" class="button button--small" disabled={action.busy} onClick={() => void startDraft()}>
            Start the draft<span class="visually-hidden"> of {item.slugLine}</span>
          </button>
        )
      )}
      {item.status !== "published" && canPlan(principal, "setStatus", subject) && (
        <SelectField
          class="field--compact"
          label={`Status of "${item.slugLine}"`}
          value={item.status}
          options={SETTABLE.map((value) => ({ value, label: STATUS_LABELS[value] as string }))}
          onValue={(value) => void setStatus(value)}
          disabled={action.busy}
        />
      )}
      <ErrorMessage error={action.error} />
    </div>
  );
}

function DeleteItem({ item, onDeleted }: { item: Item; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  if (!confirming) {
    return (
      <button type="button" class="button button--small" onClick={() => setConfirming(true)}>
        Remove<span class="visually-hidden"> {item.slugLine}</span>
      </button>
    );
  }
  return (
    <span>
      <button
        type="button"
        class="button button--small button--danger"
        disabled={action.busy}
        onClick={async () => {
          if ((await action.run(() => api.delete(`/planning/${item.id}`))) !== undefined) onDeleted();
        }}
      >
        Remove it from the budget
      </button>{" "}
      <button type="button" class="button button--small" onClick={() => setConfirming(false)}>
        Keep
      </button>
      <ErrorMessage error={action.error} />
    </span>
  );
}

/** Plans a story: editors and above. The due time is typed on the edition's clock. */
function NewItemForm({
  day: initialDay,
  edition: initialEdition,
  people,
  onCreated,
}: {
  day: string;
  edition: string;
  people: PlanningPerson[];
  onCreated: (item: Item) => void;
}) {
  const { editions } = useSession();
  const [open, setOpen] = useState(false);
  const [edition, setEdition] = useState(initialEdition);
  const [day, setDay] = useState(initialDay);
  const [slugLine, setSlugLine] = useState("");
  const [summary, setSummary] = useState("");
  const [sectionId, setSectionId] = useState("");
  const [assigneeId, setAssigneeId] = useState("");
  const [due, setDue] = useState("");
  const [words, setWords] = useState("");
  const action = useAction();
  const sections = useAsync(() => api.get<{ items: Term[] }>(`/sections${query({ edition })}`), [edition]);
  const zone = timeZoneOf(editions, edition);
  if (!open) {
    return (
      <p>
        <button type="button" class="button button--primary" onClick={() => setOpen(true)}>
          Plan a story
        </button>
      </p>
    );
  }
  const submit = async (event: Event) => {
    event.preventDefault();
    const dueAt = due ? (parseZonedDateTime(due, zone)?.toISOString() ?? due) : null;
    const created = await action.run(() =>
      api.post<Item>("/planning", {
        edition,
        day,
        slugLine,
        summary,
        sectionId: sectionId ? Number(sectionId) : null,
        assigneeId: assigneeId ? Number(assigneeId) : null,
        dueAt,
        targetWords: words ? Number(words) : null,
      }),
    );
    if (!created) return;
    setSlugLine("");
    setSummary("");
    setDue("");
    setWords("");
    onCreated(created);
  };
  return (
    <form class="panel planning-new" aria-label="Plan a story" onSubmit={submit}>
      <EditionField value={edition} onValue={setEdition} />
      <TextField label="Day" type="date" value={day} onValue={setDay} required />
      <TextField label="Slug line" value={slugLine} onValue={setSlugLine} required maxLength={120} />
      <TextArea label="Summary" value={summary} onValue={setSummary} maxLength={2000} />
      <SelectField
        label="Section"
        value={sectionId}
        onValue={setSectionId}
        options={[
          { value: "", label: "No section" },
          ...(sections.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name })),
        ]}
      />
      <SelectField
        label="Assign to"
        value={assigneeId}
        onValue={setAssigneeId}
        options={[{ value: "", label: "Nobody yet" }, ...people.map((p) => ({ value: String(p.id), label: p.name }))]}
      />
      <TextField label={`Due (${zoneName(zone)})`} type="datetime-local" value={due} onValue={setDue} />
      <TextField label="Target length (words)" type="number" min={1} value={words} onValue={setWords} />
      <ErrorMessage error={action.error} />
      <SubmitButton busy={action.busy}>Add to the budget</SubmitButton>
      <button type="button" class="button" onClick={() => setOpen(false)}>
        Close
      </button>
    </form>
  );
}

/** "My assignments": the signed-in member's stories that are not yet published. */
export function MyAssignmentsScreen() {
  const { editions } = useSession();
  const list = useAsync(() => api.get<{ items: Item[] }>("/planning/mine"), []);
  return (
    <>
      <PageHeader title="My assignments" />
      <DataTable
        what="assignments"
        caption="Stories assigned to you, soonest first"
        hiddenCaption
        rows={list.data?.items}
        loading={list.loading}
        error={list.error}
        rowKey={(item) => item.id}
        empty="Nothing is assigned to you."
        columns={[
          { header: "Day", cell: (item) => dayLabel(item.day) },
          {
            header: "Story",
            cell: (item) => (
              <>
                <strong>{item.slugLine}</strong>
                {item.summary && (
                  <>
                    <br />
                    {item.summary}
                  </>
                )}
              </>
            ),
          },
          { header: "Edition", cell: (item) => editionName(editions, item.edition) },
          { header: "Due", cell: (item) => formatDateTime(item.dueAt, timeZoneOf(editions, item.edition)) },
          { header: "Words", cell: (item) => (item.targetWords ? String(item.targetWords) : "—") },
          { header: "Status", cell: (item) => STATUS_LABELS[item.status] },
          {
            header: "Actions",
            hiddenHeader: true,
            cell: (item) => <ItemActions item={item} onChanged={list.reload} />,
          },
        ]}
      />
    </>
  );
}
