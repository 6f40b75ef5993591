/** One issue: edit it while a draft, preview it as email, test, schedule, send or cancel; watch it go. */
import { useEffect, useState } from "preact/hooks";
import { canNewsletter } from "../../../src/newsletters/newsletters.policy.js";
import { API_BASE, api } from "../api.js";
import { useSession } from "../session.js";
import {
  ErrorMessage,
  formatDateTime,
  Loading,
  PageHeader,
  StatusMessage,
  TextArea,
  TextField,
  useAction,
  useAsync,
} from "../ui.js";
import type { Issue } from "./newsletter-list.js";

interface Progress {
  status: string;
  total: number;
  counts: { pending: number; sending: number; sent: number; failed: number; bounced: number; suppressed: number };
  rate: number;
  etaSeconds: number | null;
  unsubscribed: number;
}

const EDITABLE = new Set(["draft", "scheduled"]);

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
  const { staff } = useSession();
  const issue = useAsync(() => api.get<Issue>(`/newsletters/issues/${id}`), [id]);
  const action = useAction();
  const [subject, setSubject] = useState("");
  const [intro, setIntro] = useState("");
  const [ids, setIds] = useState("");
  const [at, setAt] = useState("");
  const [note, setNote] = useState<string | null>(null);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  useEffect(() => {
    if (!issue.data) return;
    setSubject(issue.data.subject);
    setIntro(issue.data.intro);
    setIds(issue.data.articleIds.join(", "));
  }, [issue.data?.id, issue.data?.status]);

  if (issue.loading && !issue.data) return <Loading what="the issue" />;
  const data = issue.data;
  if (!data) return <ErrorMessage error={issue.error} />;
  const editable = EDITABLE.has(data.status) && canNewsletter(staff.role, "composeIssue");
  const maySend = canNewsletter(staff.role, "sendIssue");

  const act = async (label: string, work: () => Promise<Issue | { to: string }>) => {
    setNote(null);
    const result = await action.run(work);
    if (result) {
      setNote(label);
      if ("id" in result) issue.setData(result);
    }
  };
  const save = (event: Event) => {
    event.preventDefault();
    const articleIds = ids
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    void act("Saved.", () => api.patch<Issue>(`/newsletters/issues/${id}`, { subject, intro, articleIds }));
  };

  return (
    <>
      <PageHeader title={data.subject} />
      <p>
        <a href={`/admin/newsletters/${data.listId}`}>Back to the list</a> · Status: <strong>{data.status}</strong>
        {data.sendAt && ` · for ${formatDateTime(data.sendAt)}`}
      </p>
      <ErrorMessage error={action.error} />
      {note && <StatusMessage>{note}</StatusMessage>}
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
              void act("A test copy is on its way to you.", () =>
                api.post<{ to: string }>(`/newsletters/issues/${id}/test`),
              )
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
          <TextField label="Article ids, in order" value={ids} onValue={setIds} />
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
                void act("Sending.", () => api.post<Issue>(`/newsletters/issues/${id}/send`));
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
            <TextField label={`Send at (${timeZone})`} type="datetime-local" value={at} onValue={setAt} required />
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
    </>
  );
}
