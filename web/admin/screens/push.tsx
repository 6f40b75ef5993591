import { useEffect, useState } from "preact/hooks";
import { canPush } from "../../../src/push/push.policy.js";
import type { PushOverview, PushSendView as PushSend } from "../../../src/push/push.schemas.js";
import { api } from "../api.js";
import { DataTable } from "../data-table.js";
import { editionName, useSession } from "../session.js";
import { ErrorMessage, formatDateTime, PageHeader, StatusMessage, useAction, useAsync } from "../ui.js";

/** While an alert is still going out, the list refreshes this often. */
const REFRESH_MS = 2000;

function progressOf(send: PushSend): string {
  const done = send.delivered + send.failed + send.removed;
  if (send.total === 0) return "No subscribers";
  const parts = [`${send.delivered} of ${send.total} delivered`];
  if (send.failed > 0) parts.push(`${send.failed} failed`);
  if (send.removed > 0) parts.push(`${send.removed} gone (removed)`);
  return send.status === "sending" ? `Sending… ${done}/${send.total}` : parts.join(" · ");
}

/**
 * Push alerts: how many browsers follow each edition, and every alert sent (by an editor from an
 * article, or by a raised breaking banner) with its delivery.
 */
export function PushScreen() {
  const { editions } = useSession();
  const overview = useAsync(() => api.get<PushOverview>("/push"), []);
  const sending = overview.data?.sends.some((send) => send.status === "sending") ?? false;
  useEffect(() => {
    if (!sending) return;
    const timer = window.setTimeout(overview.reload, REFRESH_MS);
    return () => window.clearTimeout(timer);
  }, [sending, overview.data, overview.reload]);
  return (
    <>
      <PageHeader title="Push alerts" />
      <p class="field__hint">
        Readers turn on alerts with the button at the foot of every page. A breaking banner alerts its edition when it
        goes up; editors push a published story from its editor.
      </p>
      <ErrorMessage error={overview.error} />
      {overview.data && (
        <ul class="push-subscribers">
          {overview.data.subscribers.map((row) => (
            <li key={row.edition}>
              {editionName(editions, row.edition)}: <strong>{row.subscribers}</strong>{" "}
              {row.subscribers === 1 ? "browser" : "browsers"}
            </li>
          ))}
        </ul>
      )}
      <DataTable
        what="push alerts"
        caption="Alerts sent, newest first"
        rows={overview.data?.sends}
        loading={overview.loading}
        rowKey={(send) => send.id}
        empty="No alerts sent yet."
        columns={[
          { header: "Sent", cell: (send) => formatDateTime(send.createdAt) },
          { header: "Edition", cell: (send) => editionName(editions, send.edition) },
          {
            header: "Alert",
            cell: (send) => (
              <>
                <strong>{send.title}</strong>
                <br />
                <a href={send.url} target="_blank" rel="noreferrer">
                  {send.body}
                </a>
              </>
            ),
          },
          {
            header: "By",
            cell: (send) => (send.kind === "breaking" ? "Breaking banner" : (send.createdBy ?? "A token")),
          },
          { header: "Delivery", cell: (send) => progressOf(send) },
        ]}
      />
    </>
  );
}

/**
 * "Send push" on a published article: a second press confirms, since an alert reaches every
 * subscriber's lock screen at once and cannot be taken back.
 */
export function SendPushButton({ articleId }: { articleId: number }) {
  const { staff } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [sent, setSent] = useState<PushSend | null>(null);
  const action = useAction();
  if (!canPush(staff, "sendPush")) return null;
  if (sent) {
    return (
      <StatusMessage>
        Push alert queued for {sent.total} {sent.total === 1 ? "browser" : "browsers"}.{" "}
        <a href="/admin/push">Follow its delivery</a>
      </StatusMessage>
    );
  }
  const send = async () => {
    const result = await action.run(() => api.post<PushSend>("/push/sends", { articleId }));
    setConfirming(false);
    if (result) setSent(result);
  };
  return (
    <>
      {confirming ? (
        <>
          <button type="button" class="button button--danger" disabled={action.busy} onClick={() => void send()}>
            Send the alert now
          </button>
          <button type="button" class="button" disabled={action.busy} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </>
      ) : (
        <button type="button" class="button" onClick={() => setConfirming(true)}>
          Send push…
        </button>
      )}
      <ErrorMessage error={action.error} />
    </>
  );
}
