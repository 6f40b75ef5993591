/** One issue: edit it while a draft, preview it as email, test, schedule, send or cancel; watch it go. */
import { useEffect, useState } from "preact/hooks";
import { canNewsletter } from "../../../src/newsletters/newsletters.policy.js";
import { zoneName } from "../../../src/newsroom/time-zones.shared.js";
import { API_BASE, api } from "../api.js";
import { DataTable } from "../data-table.js";
import { ArticlePicker } from "../pickers.js";
import { useSession } from "../session.js";
import {
  ErrorMessage,
  formatDateTime,
  Loading,
  PageHeader,
  StatusMessage,
  TextArea,
  TextField,
  timeZoneOf,
  useAction,
  useAsync,
} from "../ui.js";
import { type Issue, listZone } from "./newsletter-list.js";
import type { NewsletterList } from "./newsletters.js";

interface Progress {
  status: string;
  total: number;
  counts: { pending: number; sending: number; sent: number; failed: number; bounced: number; suppressed: number };
  rate: number;
  etaSeconds: number | null;
  unsubscribed: number;
}

const EDITABLE = new Set(["draft", "scheduled"]);

/** One reader's copy, as `GET /newsletters/issues/:id/deliveries` lists it. */
interface Delivery {
  id: number;
  email: string;
  state: "pending" | "sending" | "sent" | "failed" | "bounced" | "suppressed";
  attempts: number;
  sentAt: string | null;
  nextAttemptAt: string | null;
  error: string | null;
}

/** The copy a test send mailed, returned by `POST /newsletters/issues/:id/test`. */
interface TestCopy {
  to: string;
  subject: string;
  text: string;
  html: string;
}

const DELIVERY_LABELS: Record<Delivery["state"], string> = {
  pending: "Waiting",
  sending: "Sending",
  sent: "Delivered",
  failed: "Failed",
  bounced: "Bounced",
  suppressed: "Skipped (unsubscribed)",
};

/**
 * The notice an action left, as the issue stands now: "Sending" only while the issue is going
 * out, so it cannot outlive the send.
 */
export function issueNotice(note: string | null, status: string): string | null {
  if (note !== SENDING_NOTE) return note;
  if (status === "sending") return note;
  if (status === "sent") return "Sent: every copy is delivered or accounted for in the delivery log.";
  if (status === "cancelled") return "Cancelled before every copy went out.";
  return null;
}

export const SENDING_NOTE = "Sending… the delivery panel below follows it until every copy is out.";
const PAGE_SIZE = 50;

/** Who got the issue: one row per reader with the outcome, its time and any error; 50 a page. */
function DeliveryLog({ id, timeZone }: { id: number; timeZone: string }) {
  // The cursors of the pages before this one, for "Previous page".
  const [trail, setTrail] = useState<number[]>([]);
  const after = trail.at(-1);
  const log = useAsync(
    () =>
      api.get<{ items: Delivery[]; next: number | null }>(
        `/newsletters/issues/${id}/deliveries?limit=${PAGE_SIZE}${after === undefined ? "" : `&after=${after}`}`,
      ),
    [id, after],
  );
  return (
    <section class="panel" aria-labelledby="delivery-log-title">
      <h2 id="delivery-log-title">Delivery log</h2>
      <DataTable
        what="the delivery log"
        columns={[
          { header: "Reader", cell: (d) => d.email },
          { header: "Status", cell: (d) => DELIVERY_LABELS[d.state] },
          {
            header: "Time",
            cell: (d) =>
              d.sentAt
                ? formatDateTime(d.sentAt, timeZone)
                : d.nextAttemptAt
                  ? `next try ${formatDateTime(d.nextAttemptAt, timeZone)}`
                  : "—",
          },
          { header: "Attempts", cell: (d) => d.attempts },
          { header: "Error", cell: (d) => d.error ?? "" },
        ]}
        rows={log.data?.items}
        rowKey={(d) => d.id}
        empty="No copies yet."
        loading={log.loading}
        error={log.error}
      />
      <p class="actions">
        {trail.length > 0 && (
          <button type="button" class="button button--ghost" onClick={() => setTrail(trail.slice(0, -1))}>
            Previous page
          </button>
        )}{" "}
        {log.data?.next != null && (
          <button
            type="button"
            class="button button--ghost"
            onClick={() => setTrail([...trail, log.data!.next as number])}
          >
            Next page
          </button>
        )}
      </p>
    </section>
  );
}

function formatEta(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 90) return `${seconds} s`;
  return `${Math.round(seconds / 60)} min`;
}

/** Sent / total with rate and time left; polls while the issue is going out. */
export function SendProgress({ id, status, onDone }: { id: number; status: string; onDone: () => void }) {
  const progress = useAsync(() => api.get<Progress>(`/newsletters/issues/${id}/progress`), [id]);
  const sending = (progress.data?.status ?? status) === "sending";
  useEffect(() => {
    if (!sending) return;
    const timer = setInterval(progress.reload, 2000);
    return () => clearInterval(timer);
  }, [sending, progress.reload]);
  useEffect(() => {
    if (status === "sending" && progress.data && progress.data.status !== "sending") onDone();
  }, [progress.data?.status]);
  const p = progress.data;
  if (!p) return <ErrorMessage error={progress.error} />;
  const done = p.counts.sent + p.counts.failed + p.counts.bounced + p.counts.suppressed;
  return (
    <section class="panel" aria-labelledby="progress-title">
      <h2 id="progress-title">Delivery</h2>
      <label for="send-progress">
        {p.counts.sent} of {p.total} sent
      </label>
      <progress id="send-progress" max={Math.max(1, p.total)} value={done} />
      <p>
        Rate {p.rate} messages/s · time left {formatEta(p.etaSeconds)}
      </p>
      <table class="table">
        <tbody>
          <tr>
            <th scope="row">Delivered</th>
            <td>{p.counts.sent}</td>
          </tr>
          <tr>
            <th scope="row">Waiting or retrying</th>
            <td>{p.counts.pending + p.counts.sending}</td>
          </tr>
          <tr>
            <th scope="row">Failed</th>
            <td>{p.counts.failed}</td>
          </tr>
          <tr>
            <th scope="row">Bounced</th>
            <td>{p.counts.bounced}</td>
          </tr>
          <tr>
            <th scope="row">Skipped (unsubscribed meanwhile)</th>
            <td>{p.counts.suppressed}</td>
          </tr>
          <tr>
            <th scope="row">Unsubscribed since</th>
            <td>{p.unsubscribed}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

export function NewsletterIssueScreen({ id }: { id: number }) {
  const { staff, editions } = useSession();
  const issue = useAsync(() => api.get<Issue>(`/newsletters/issues/${id}`), [id]);
  // The list gives the issue's clock and its edition, which narrows the article picker.
  const lists = useAsync(() => api.get<{ items: NewsletterList[] }>("/newsletters/lists").then((r) => r.items), []);
  const action = useAction();
  const [subject, setSubject] = useState("");
  const [intro, setIntro] = useState("");
  const [ids, setIds] = useState<number[]>([]);
  const [at, setAt] = useState("");
  const [note, setNote] = useState<string | null>(null);
  const [testCopy, setTestCopy] = useState<TestCopy | null>(null);
  // Which issue's text is in the fields: until the fill has run, the form would show (and take
  // typing into) empty fields that the fill then overwrites.
  const [filledFor, setFilledFor] = useState<number | null>(null);

  useEffect(() => {
    if (!issue.data) return;
    setFilledFor(issue.data.id);
    setSubject(issue.data.subject);
    setIntro(issue.data.intro);
    setIds(issue.data.articleIds);
  }, [issue.data?.id, issue.data?.status]);

  if (issue.loading && !issue.data) return <Loading what="the issue" />;
  const data = issue.data;
  if (!data) return <ErrorMessage error={issue.error} />;
  if (filledFor !== data.id) return <Loading what="the issue" />;
  // Times of an issue are on its list's clock (the digest's zone, else the edition's), named.
  const list = lists.data?.find((l) => l.id === data.listId);
  const timeZone = list ? listZone(list, editions) : timeZoneOf(editions);
  const editable = EDITABLE.has(data.status) && canNewsletter(staff.role, "composeIssue");
  const maySend = canNewsletter(staff.role, "sendIssue");
  const edition = list?.edition;

  const act = async (label: string, work: () => Promise<Issue | TestCopy>) => {
    setNote(null);
    const result = await action.run(work);
    if (result) {
      setNote(label);
      if ("id" in result) issue.setData(result);
      else setTestCopy(result);
    }
  };
  const shownNote = issueNotice(note, data.status);
  const save = (event: Event) => {
    event.preventDefault();
    void act("Saved.", () => api.patch<Issue>(`/newsletters/issues/${id}`, { subject, intro, articleIds: ids }));
  };

  return (
    <>
      <PageHeader title={data.subject} />
      <p>
        <a href={`/admin/newsletters/${data.listId}`}>Back to the list</a> · Status: <strong>{data.status}</strong>
        {data.sendAt && ` · for ${formatDateTime(data.sendAt, timeZone)}`}
      </p>
      <ErrorMessage error={action.error} />
      {shownNote && <StatusMessage>{shownNote}</StatusMessage>}
      {testCopy && (
        <details class="panel test-copy">
          <summary>Read the test copy sent to {testCopy.to}</summary>
          <p>
            <strong>Subject:</strong> {testCopy.subject}
          </p>
          <pre class="test-copy__text">{testCopy.text}</pre>
          <p>
            <a href={`${API_BASE}/newsletters/issues/${id}/preview`} target="_blank" rel="noopener">
              The HTML version
            </a>{" "}
            (the issue as it stands now).
          </p>
        </details>
      )}
      <p class="actions">
        <a
          class="button button--ghost"
          href={`${API_BASE}/newsletters/issues/${id}/preview`}
          target="_blank"
          rel="noopener"
        >
          Preview as email
        </a>{" "}
        <a
          class="button button--ghost"
          href={`${API_BASE}/newsletters/issues/${id}/preview?format=text`}
          target="_blank"
          rel="noopener"
        >
          Plain-text version
        </a>{" "}
        {canNewsletter(staff.role, "composeIssue") && (
          <button
            type="button"
            class="button button--ghost"
            disabled={action.busy}
            onClick={() =>
              void act("A test copy is on its way to you.", () => api.post<TestCopy>(`/newsletters/issues/${id}/test`))
            }
          >
            Send a test to myself
          </button>
        )}
      </p>
      {editable && (
        <form class="panel" onSubmit={save}>
          <h2>Content</h2>
          <TextField label="Subject" value={subject} onValue={setSubject} required maxLength={200} />
          <TextArea label="Introduction" value={intro} onValue={setIntro} maxLength={5000} />
          <ArticlePicker
            label="Articles"
            hint="Published articles of this list's edition, in the order to show them."
            value={ids}
            onChange={setIds}
            edition={edition}
            status="published"
          />
          <button type="submit" class="button" disabled={action.busy}>
            Save
          </button>
        </form>
      )}
      {maySend && EDITABLE.has(data.status) && (
        <section class="panel" aria-labelledby="send-title">
          <h2 id="send-title">Send</h2>
          <button
            type="button"
            class="button"
            disabled={action.busy}
            onClick={() => {
              if (confirm("Send this issue to every subscriber now?")) {
                void act(SENDING_NOTE, () => api.post<Issue>(`/newsletters/issues/${id}/send`));
              }
            }}
          >
            Send now
          </button>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void act("Scheduled.", () => api.post<Issue>(`/newsletters/issues/${id}/schedule`, { at, timeZone }));
            }}
          >
            <TextField
              label={`Send at (${zoneName(timeZone)})`}
              hint={`On the clock of ${timeZone}.`}
              type="datetime-local"
              value={at}
              onValue={setAt}
              required
            />
            <button type="submit" class="button button--ghost" disabled={action.busy}>
              Schedule
            </button>
          </form>
        </section>
      )}
      {maySend && ["draft", "scheduled", "sending"].includes(data.status) && (
        <p>
          <button
            type="button"
            class="button button--danger"
            disabled={action.busy}
            onClick={() => {
              if (confirm("Cancel this issue? Readers not yet sent to will not get it.")) {
                void act("Cancelled.", () => api.post<Issue>(`/newsletters/issues/${id}/cancel`));
              }
            }}
          >
            Cancel issue
          </button>
        </p>
      )}
      {["sending", "sent", "cancelled"].includes(data.status) && (
        <SendProgress key={data.status} id={id} status={data.status} onDone={issue.reload} />
      )}
      {["sending", "sent", "cancelled"].includes(data.status) && canNewsletter(staff.role, "viewSubscribers") && (
        <DeliveryLog key={data.status} id={id} timeZone={timeZone} />
      )}
    </>
  );
}
