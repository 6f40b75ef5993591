/** Newsletter lists: what each sends, to how many readers, and (for admins) a form for a new one. */
import { useState } from "preact/hooks";
import { canNewsletter } from "../../../src/newsletters/newsletters.policy.js";
import type { NewsletterList as ServerNewsletterList } from "../../../src/newsletters/newsletters.shared.js";
import { describeCron } from "../../../src/newsletters/schedule.shared.js";
import { api } from "../api.js";
import { type Column, DataTable } from "../data-table.js";
import { useSession } from "../session.js";
import {
  Checkbox,
  EditionField,
  ErrorMessage,
  LANGUAGE_OPTIONS,
  PageHeader,
  SelectField,
  StatusMessage,
  TextArea,
  TextField,
  useAction,
  useAsync,
} from "../ui.js";

/** The server's list as the admin API sends it, with the subscriber count the list screen adds. */
export interface NewsletterList extends ServerNewsletterList {
  subscribers?: number;
}

function emptyList(edition: string): Omit<NewsletterList, "id"> {
  return {
    slug: "",
    edition,
    language: "en",
    name: "",
    description: "",
    cadence: "",
    fromName: "",
    fromAddress: "",
    kind: "digest",
    cron: "0 9 * * *",
    timeZone: "Europe/Kyiv",
    digestSize: 8,
    active: true,
  };
}

/** The fields of a list, shared by the create form and the list's own screen. */
export function ListFields({
  value,
  onChange,
}: {
  value: Omit<NewsletterList, "id">;
  onChange: (next: Omit<NewsletterList, "id">) => void;
}) {
  const set = <K extends keyof NewsletterList>(key: K, v: NewsletterList[K]) => onChange({ ...value, [key]: v });
  /** The value and setter of a text field bound to one of the list's string settings. */
  const text = (key: "name" | "slug" | "cadence" | "fromName" | "fromAddress") => ({
    value: value[key],
    onValue: (v: string) => set(key, v),
  });
  return (
    <>
      <TextField label="Name" {...text("name")} required maxLength={120} />
      <TextField
        label="Address (slug)"
        hint="Used by the sign-up cards, e.g. en-daily"
        {...text("slug")}
        required
        maxLength={60}
      />
      <EditionField value={value.edition} onValue={(v) => set("edition", v)} />
      <SelectField
        label="Language"
        value={value.language}
        options={LANGUAGE_OPTIONS}
        onValue={(v) => set("language", v)}
      />
      <TextArea label="Description" value={value.description} onValue={(v) => set("description", v)} maxLength={600} />
      <TextField
        label="Cadence shown to readers"
        hint="e.g. Monday to Friday, Daily at 9am EST"
        {...text("cadence")}
        required
        maxLength={120}
      />
      <TextField label="Sender name" {...text("fromName")} required maxLength={120} />
      <TextField label="Sender address" type="email" {...text("fromAddress")} required maxLength={254} />
      <SelectField
        label="Kind"
        value={value.kind}
        options={[
          { value: "digest", label: "Automatic digest on a schedule" },
          { value: "manual", label: "Manual issues only" },
        ]}
        onValue={(v) => set("kind", v as NewsletterList["kind"])}
      />
      {value.kind === "digest" && (
        <>
          <TextField
            label="Schedule (cron)"
            hint={`minute hour day month weekday, e.g. 0 8 * * 1-5 for 8:00 Monday to Friday. ${
              value.cron ? `Sends ${describeCron(value.cron, value.timeZone || "UTC")}.` : ""
            }`}
            value={value.cron ?? ""}
            onValue={(v) => set("cron", v)}
            maxLength={120}
          />
          <TextField
            label="Time zone"
            hint="An IANA name such as Europe/Kyiv or America/New_York"
            value={value.timeZone ?? ""}
            onValue={(v) => set("timeZone", v)}
            maxLength={64}
          />
          <TextField
            label="Stories per digest"
            value={String(value.digestSize)}
            onValue={(v) => set("digestSize", Number(v) || 1)}
            inputMode="numeric"
          />
        </>
      )}
      <Checkbox label="Active (shown to readers and sent)" checked={value.active} onChecked={(v) => set("active", v)} />
    </>
  );
}

const LIST_COLUMNS: readonly Column<NewsletterList>[] = [
  {
    header: "List",
    cell: (list) => (
      <>
        <a href={`/admin/newsletters/${list.id}`}>{list.name}</a>
        {!list.active && " (paused)"}
      </>
    ),
  },
  { header: "Edition", cell: (list) => list.edition },
  {
    header: "Schedule",
    cell: (list) => (list.kind === "digest" ? describeCron(list.cron ?? "", list.timeZone ?? "UTC") : "manual"),
  },
  { header: "Subscribers", cell: (list) => list.subscribers ?? 0 },
];

export function NewslettersScreen() {
  const { staff, editions } = useSession();
  const lists = useAsync(() => api.get<{ items: NewsletterList[] }>("/newsletters/lists"), []);
  const [draft, setDraft] = useState(() => emptyList(editions[0]?.code ?? "en"));
  const [created, setCreated] = useState<string | null>(null);
  const action = useAction();
  const canCreate = canNewsletter(staff.role, "manageLists");

  const create = async (event: Event) => {
    event.preventDefault();
    const list = await action.run(() => api.post<NewsletterList>("/newsletters/lists", draft));
    if (list) {
      setCreated(list.name);
      setDraft(emptyList(editions[0]?.code ?? "en"));
      lists.reload();
    }
  };

  return (
    <>
      <PageHeader title="Newsletters" />
      <DataTable
        what="the newsletters"
        columns={LIST_COLUMNS}
        rows={lists.data?.items}
        rowKey={(list) => list.id}
        empty="No newsletter lists yet."
        loading={lists.loading}
        error={lists.error}
      />
      {canCreate && (
        <form class="panel" onSubmit={create}>
          <h2>New list</h2>
          <ListFields value={draft} onChange={setDraft} />
          <ErrorMessage error={action.error} />
          {created && <StatusMessage>Created “{created}”.</StatusMessage>}
          <button type="submit" class="button" disabled={action.busy}>
            Create list
          </button>
        </form>
      )}
    </>
  );
}
