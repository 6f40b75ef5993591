import { useState } from "preact/hooks";
import {
  WEBHOOK_EVENTS,
  type WebhookDelivery,
  type WebhookEvent,
  type WebhookSubscription,
} from "../../../src/webhooks/webhooks.shared.js";
import { api } from "../api.js";
import { DataTable } from "../data-table.js";
import {
  Checkbox,
  ErrorMessage,
  formatDateTime,
  Loading,
  PageHeader,
  SecretOnce,
  SubmitButton,
  TextField,
  useAction,
  useAsync,
} from "../ui.js";

const EVENT_LABELS: Record<WebhookEvent, string> = {
  "article.published": "A story is published",
  "article.updated": "A published story changes",
  "article.unpublished": "A story leaves the site",
  "live.entry.created": "A live blog gets a new entry",
  "correction.created": "A correction or update note is added",
  "newsletter.sent": "A newsletter issue has been sent",
};

function EventChoice({ value, onValue }: { value: WebhookEvent[]; onValue: (events: WebhookEvent[]) => void }) {
  return (
    <fieldset class="field">
      <legend>Events</legend>
      {WEBHOOK_EVENTS.map((event) => (
        <Checkbox
          key={event}
          label={`${EVENT_LABELS[event]} (${event})`}
          checked={value.includes(event)}
          onChecked={(on) => onValue(on ? [...value, event] : value.filter((e) => e !== event))}
        />
      ))}
    </fieldset>
  );
}

function DeliveryLog({ id, version }: { id: number; version: number }) {
  const log = useAsync(
    () => api.get<{ items: WebhookDelivery[] }>(`/webhooks/${id}/deliveries?limit=50`),
    [id, version],
  );
  return (
    <details>
      <summary>Delivery log</summary>
      <DataTable
        what="deliveries"
        caption="Deliveries"
        hiddenCaption
        columns={[
          { header: "Event", cell: (delivery) => delivery.event },
          { header: "Status", cell: (delivery) => delivery.status },
          { header: "Answer", cell: (delivery) => delivery.responseCode ?? "–" },
          { header: "Attempts", cell: (delivery) => delivery.attempts },
          { header: "Time", cell: (delivery) => (delivery.durationMs === null ? "–" : `${delivery.durationMs} ms`) },
          {
            header: "Next attempt",
            cell: (delivery) => (delivery.nextAttemptAt ? formatDateTime(delivery.nextAttemptAt) : "–"),
          },
          { header: "Error", cell: (delivery) => delivery.error ?? "" },
        ]}
        rows={log.data?.items}
        rowKey={(delivery) => delivery.id}
        empty="Nothing sent yet."
        loading={log.loading}
        error={log.error}
      />
    </details>
  );
}

function SubscriptionPanel({ webhook, onChanged }: { webhook: WebhookSubscription; onChanged: () => void }) {
  const action = useAction();
  const [version, setVersion] = useState(0);
  const [events, setEvents] = useState<WebhookEvent[]>(webhook.events);
  const [test, setTest] = useState<WebhookDelivery | null>(null);
  const change = async (patch: Partial<{ enabled: boolean; events: WebhookEvent[] }>) => {
    if (await action.run(() => api.patch(`/webhooks/${webhook.id}`, patch))) onChanged();
  };
  const sendTest = async () => {
    const result = await action.run(() => api.post<WebhookDelivery>(`/webhooks/${webhook.id}/test`));
    if (result) {
      setTest(result);
      setVersion((v) => v + 1);
    }
  };
  const remove = async () => {
    if (!confirm(`Delete the webhook to ${webhook.url}? Its delivery log goes with it.`)) return;
    if ((await action.run(() => api.delete(`/webhooks/${webhook.id}`))) !== undefined) onChanged();
  };
  return (
    <article class="panel" aria-labelledby={`webhook-${webhook.id}`}>
      <h2 id={`webhook-${webhook.id}`} class="mono">
        {webhook.url}
      </h2>
      <p class="field__hint">
        {webhook.enabled ? "On" : `Off since ${formatDateTime(webhook.disabledAt)}`}
        {webhook.consecutiveFailures > 0 && ` · ${webhook.consecutiveFailures} failed deliveries in a row`}
      </p>
      <ErrorMessage error={action.error} />
      <EventChoice value={events} onValue={setEvents} />
      <div class="form__actions">
        <button
          type="button"
          class="button"
          disabled={action.busy || events.length === 0}
          onClick={() => void change({ events })}
        >
          Save events
        </button>
        <button
          type="button"
          class="button"
          disabled={action.busy}
          onClick={() => void change({ enabled: !webhook.enabled })}
        >
          {webhook.enabled ? "Turn off" : "Turn on"}
        </button>
        <button type="button" class="button" disabled={action.busy} onClick={() => void sendTest()}>
          Send test
        </button>
        <button type="button" class="button button--quiet" disabled={action.busy} onClick={() => void remove()}>
          Delete
        </button>
      </div>
      {test && (
        <p class={`message ${test.status === "delivered" ? "message--ok" : "message--error"}`} role="status">
          Test {test.status === "delivered" ? "delivered" : "failed"}
          {test.responseCode !== null && `: the endpoint answered ${test.responseCode}`}
          {test.error && test.status !== "delivered" && ` (${test.error})`}.
        </p>
      )}
      <DeliveryLog id={webhook.id} version={version} />
    </article>
  );
}

/** Outgoing webhooks: partners get each chosen event as a signed POST. */
export function WebhooksScreen() {
  const list = useAsync(() => api.get<{ items: WebhookSubscription[] }>("/webhooks"), []);
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<WebhookEvent[]>(["article.published"]);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const create = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    setCreated(null);
    const answer = await create.run(() =>
      api.post<{ id: number; secret: string }>("/webhooks", { url: url.trim(), events }),
    );
    if (answer) {
      setCreated({ url: url.trim(), secret: answer.secret });
      setUrl("");
      list.reload();
    }
  };
  return (
    <>
      <PageHeader title="Webhooks" />
      <p>
        Each chosen event is sent to the address as a JSON POST signed with the webhook's secret in the{" "}
        <code>Gazette-Signature</code> header. Failed deliveries are retried for about a day; a webhook that fails 20
        times in a row is turned off and the owners are told by mail.
      </p>
      <section class="panel" aria-labelledby="webhook-new">
        <h2 id="webhook-new">Add a webhook</h2>
        <form class="form" onSubmit={submit}>
          <ErrorMessage error={create.error} />
          <TextField
            label="URL"
            hint="An http or https address on the public internet"
            type="url"
            required
            maxLength={2000}
            value={url}
            onValue={setUrl}
          />
          <EventChoice value={events} onValue={setEvents} />
          <SubmitButton busy={create.busy || events.length === 0}>Add</SubmitButton>
        </form>
        {created && (
          <SecretOnce key={created.secret} label="Webhook secret" value={created.secret}>
            <strong>Copy the secret for {created.url} now:</strong> it is shown only once. The receiver needs it to
            check signatures.
          </SecretOnce>
        )}
      </section>
      <ErrorMessage error={list.error} />
      {list.loading && <Loading what="webhooks" />}
      {list.data && list.data.items.length === 0 && <p class="muted">No webhooks yet.</p>}
      {list.data?.items.map((webhook) => (
        <SubscriptionPanel key={`${webhook.id}:${webhook.updatedAt}`} webhook={webhook} onChanged={list.reload} />
      ))}
    </>
  );
}
