/** Integration tokens: made here for scripts and tools (shown once), revoked here. */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { type Column, DataTable } from "../data-table.js";
import { type Role, tokenRoles } from "../permissions.js";
import { useSession } from "../session.js";
import type { IntegrationToken } from "../types.js";
import {
  ConfirmRevoke,
  ErrorMessage,
  formatDateTime,
  PageHeader,
  removeItem,
  SecretOnce,
  SelectField,
  SubmitButton,
  TextField,
  useAction,
  useAsync,
} from "../ui.js";
import { roleOptions } from "./staff.js";

function TokenStanding({ token }: { token: IntegrationToken }) {
  switch (token.status) {
    case "active":
      return null;
    case "limited":
      return <div class="muted">Acts as {token.effectiveRole}: its creator's role is lower now</div>;
    case "creator_disabled":
      return <div class="muted">Not working: its creator's account is disabled</div>;
    case "creator_unknown":
      return <div class="muted">Not working: it acts for nobody</div>;
  }
}

function TokenRow({ token, onRevoked }: { token: IntegrationToken; onRevoked: () => void }) {
  const { busy, error, run } = useAction();
  const revoke = async () => {
    const ok = await run(async () => {
      await api.delete(`/tokens/${token.id}`);
      return true;
    });
    if (ok) onRevoked();
  };
  return (
    <tr>
      <td>{token.name}</td>
      <td>{token.creator ? `${token.creator.name} (${token.creator.email})` : "Server operator"}</td>
      <td>
        {token.role}
        <TokenStanding token={token} />
      </td>
      <td class="nowrap">{formatDateTime(token.createdAt)}</td>
      <td class="nowrap">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never"}</td>
      <td>
        <ConfirmRevoke name={token.name} busy={busy} onRevoke={() => void revoke()} />
        <ErrorMessage error={error} />
      </td>
    </tr>
  );
}

const TOKEN_COLUMNS: readonly Column<IntegrationToken>[] = [
  { header: "Name" },
  { header: "Acts for" },
  { header: "Role" },
  { header: "Created" },
  { header: "Last used" },
  { header: "Actions", hiddenHeader: true },
];

export function TokensScreen() {
  const { staff: me } = useSession();
  const list = useAsync(() => api.get<{ items: IntegrationToken[] }>("/tokens"), []);
  const roles = tokenRoles(me.role);
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("author");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const create = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    setCreated(null);
    const answer = await create.run(() =>
      api.post<{ id: number; name: string; role: Role; token: string }>("/tokens", { name: name.trim(), role }),
    );
    if (answer) {
      setCreated({ name: answer.name, token: answer.token });
      setName("");
      list.reload();
    }
  };
  return (
    <>
      <PageHeader title="Integration tokens" />
      <p>
        Scripts and newswire importers call the admin API with <code>Authorization: Bearer &lt;token&gt;</code>. A token
        acts for you with its role, never more than your own: it stops working if your account is disabled, and is
        limited to your new role if yours is lowered. Revoke it when it is no longer used.
      </p>
      <section class="panel" aria-labelledby="token-heading">
        <h2 id="token-heading">Create a token</h2>
        <form class="form form--row" onSubmit={submit}>
          <ErrorMessage error={create.error} />
          <TextField
            label="Name"
            hint="What uses it, e.g. Wire importer"
            required
            maxLength={120}
            value={name}
            onValue={setName}
          />
          <SelectField label="Role" value={role} onValue={(r) => setRole(r as Role)} options={roleOptions(roles)} />
          <SubmitButton busy={create.busy}>Create</SubmitButton>
        </form>
        {created && (
          <SecretOnce key={created.token} label="New token" value={created.token}>
            <strong>Copy the token for “{created.name}” now:</strong> it is shown only once.
          </SecretOnce>
        )}
      </section>
      <DataTable
        what="tokens"
        caption="Integration tokens"
        hiddenCaption
        columns={TOKEN_COLUMNS}
        rows={list.data?.items}
        rowKey={(token) => token.id}
        renderRow={(token) => <TokenRow token={token} onRevoked={() => removeItem(list, token.id)} />}
        empty="No tokens."
        loading={list.loading}
        error={list.error}
      />
    </>
  );
}
