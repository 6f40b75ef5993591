import { api } from "../api.js";
import { ErrorMessage, formatDateTime, Loading, PageHeader, useAsync } from "../ui.js";

interface OutboxMessage {
  id: number;
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
  createdAt: string;
}

/**
 * Mail the newsroom would have sent. Until SMTP is set up, invitations and password resets wait
 * here, and an admin passes their links on by hand.
 */
export function OutboxScreen() {
  const outbox = useAsync(() => api.get<{ enabled: boolean; items: OutboxMessage[] }>("/outbox"), []);
  return (
    <>
      <PageHeader title="Outbox" />
      <p class="field__hint">
        No mail server is set up, so messages such as invitations and password resets are kept here instead of being
        sent. Copy a link from a message and pass it on to its recipient.
      </p>
      <ErrorMessage error={outbox.error} />
      {outbox.loading && <Loading what="the outbox" />}
      {outbox.data && !outbox.data.enabled && <p>Mail is sent by the mail server; nothing is kept here.</p>}
      {outbox.data?.enabled && outbox.data.items.length === 0 && <p>No messages yet.</p>}
      {outbox.data?.items.map((message) => (
        <article class="panel outbox-message" key={message.id} aria-labelledby={`outbox-${message.id}`}>
          <h2 id={`outbox-${message.id}`}>{message.subject}</h2>
          <p class="field__hint">
            To {message.to} · {formatDateTime(message.createdAt)}
          </p>
          {message.headers && (
            <details>
              <summary>Headers</summary>
              <pre class="outbox-message__text">
                {Object.entries(message.headers)
                  .map(([name, value]) => `${name}: ${value}`)
                  .join("\n")}
              </pre>
            </details>
          )}
          <pre class="outbox-message__text">{message.text}</pre>
        </article>
      ))}
    </>
  );
}
