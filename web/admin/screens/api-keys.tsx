import { useState } from "preact/hooks";
import type { ApiKeyDto } from "../../../src/api/api-keys.schemas.js";
import { api } from "../api.js";
import { type Column, DataTable } from "../data-table.js";
import {
  ConfirmRevoke,
  ErrorMessage,
  formatDateTime,
  PageHeader,
  replaceItem,
  SecretOnce,
  SubmitButton,
  TextField,
  useAction,
  useAsync,
} from "../ui.js";

function ApiKeyRow({ apiKey, onRevoked }: { apiKey: ApiKeyDto; onRevoked: (revoked: ApiKeyDto) => void }) {
  const { busy, error, run } = useAction();
  const revoke = async () => {
    const revoked = await run(() => api.delete<ApiKeyDto>(`/api-keys/${apiKey.id}`));
    if (revoked) onRevoked(revoked);
  };
  return (
    <tr>
      <td>{apiKey.name}</td>
      <td class="mono">{apiKey.prefix}…</td>
      <td class="nowrap">{formatDateTime(apiKey.createdAt)}</td>
      <td class="nowrap">{apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : "Never"}</td>
      <td>{apiKey.requestCount.toLocaleString()}</td>
      <td>
        {apiKey.revokedAt ? (
          <span class="muted">Revoked {formatDateTime(apiKey.revokedAt)}</span>
        ) : (
          <ConfirmRevoke name={apiKey.name} busy={busy} onRevoke={() => void revoke()} />
        )}
        <ErrorMessage error={error} />
      </td>
    </tr>
  );
}

const API_KEY_COLUMNS: readonly Column<ApiKeyDto>[] = [
  { header: "Partner" },
  { header: "Key" },
  { header: "Created" },
  { header: "Last used" },
  { header: "Requests" },
  { header: "Actions", hiddenHeader: true },
];

/** Keys of the public Content API, one per partner: made here (shown once), revoked here. */
export function ApiKeysScreen() {
  const list = useAsync(() => api.get<{ items: ApiKeyDto[] }>("/api-keys"), []);
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const create = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    setCreated(null);
    const answer = await create.run(() => api.post<ApiKeyDto & { key: string }>("/api-keys", { name: name.trim() }));
    if (answer) {
      setCreated({ name: answer.name, key: answer.key });
      setName("");
      list.reload();
    }
  };
  return (
    <>
      <PageHeader title="Content API keys" />
      <p>
        Partners, apps and aggregators read published stories from <a href="/api/v1/docs">the Content API</a> with{" "}
        <code>Authorization: Bearer &lt;key&gt;</code>. Give each partner a key of its own: its requests are counted and
        rate-limited, and revoking it shuts that partner out at once.
      </p>
      <section class="panel" aria-labelledby="api-key-heading">
        <h2 id="api-key-heading">Create a key</h2>
        <form class="form form--row" onSubmit={submit}>
          <ErrorMessage error={create.error} />
          <TextField
            label="Partner"
            hint="Who uses it, e.g. News aggregator"
            required
            maxLength={100}
            value={name}
            onValue={setName}
          />
          <SubmitButton busy={create.busy}>Create</SubmitButton>
        </form>
        {created && (
          <SecretOnce key={created.key} label="New API key" value={created.key}>
            <strong>Copy the key for “{created.name}” now:</strong> it is shown only once.
          </SecretOnce>
        )}
      </section>
      <DataTable
        what="API keys"
        caption="Content API keys"
        hiddenCaption
        columns={API_KEY_COLUMNS}
        rows={list.data?.items}
        rowKey={(apiKey) => apiKey.id}
        renderRow={(apiKey) => <ApiKeyRow apiKey={apiKey} onRevoked={(revoked) => replaceItem(list, revoked)} />}
        empty="No keys yet."
        loading={list.loading}
        error={list.error}
      />
    </>
  );
}
