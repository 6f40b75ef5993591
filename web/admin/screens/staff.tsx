/** Staff: invite, change role, disable, and the newsroom's sign-in rules (integration tokens: tokens.tsx). */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { type Column, DataTable } from "../data-table.js";
import { grantableRoles, type Role } from "../permissions.js";
import { useSession } from "../session.js";
import type { Staff, TwoFactorRequirement } from "../types.js";
import {
  ErrorMessage,
  formatDateTime,
  PageHeader,
  replaceItem,
  SelectField,
  StatusMessage,
  SubmitButton,
  TextField,
  useAction,
  useAsync,
} from "../ui.js";

export const roleOptions = (roles: Role[]) => roles.map((r) => ({ value: r, label: r[0]!.toUpperCase() + r.slice(1) }));

function StaffRow({ member, onSaved }: { member: Staff; onSaved: (s: Staff) => void }) {
  const { staff: me } = useSession();
  const { busy, error, run } = useAction();
  const [done, setDone] = useState<string | null>(null);
  const roles = grantableRoles(me.role);
  const touchable = member.id !== me.id && (member.role !== "owner" || me.role === "owner");
  const change = async (body: { role?: Role; status?: "active" | "disabled" }, message: string) => {
    setDone(null);
    const saved = await run(() => api.patch<Staff>(`/staff/${member.id}`, body));
    if (saved) {
      onSaved(saved);
      setDone(message);
    }
  };
  return (
    <tr>
      <td>{member.name}</td>
      <td>{member.email}</td>
      <td>
        {touchable && roles.includes(member.role) ? (
          <SelectField
            class="field--compact"
            label={`Role of ${member.name}`}
            value={member.role}
            options={roleOptions(roles)}
            disabled={busy}
            onValue={(role) => void change({ role: role as Role }, `${member.name} is now ${role}.`)}
          />
        ) : (
          member.role
        )}
      </td>
      <td>{member.status === "active" ? "Active" : "Disabled"}</td>
      <td>
        {touchable && (
          <button
            type="button"
            class={`button button--small ${member.status === "active" ? "button--danger" : ""}`}
            disabled={busy}
            onClick={() =>
              void change(
                { status: member.status === "active" ? "disabled" : "active" },
                member.status === "active"
                  ? `${member.name} can no longer sign in.`
                  : `${member.name} can sign in again.`,
              )
            }
          >
            {member.status === "active" ? "Disable" : "Enable"}
            <span class="visually-hidden"> {member.name}</span>
          </button>
        )}
        <ErrorMessage error={error} />
        {done && (
          <span role="status" class="muted">
            {done}
          </span>
        )}
      </td>
    </tr>
  );
}

const REQUIREMENT_OPTIONS: { value: TwoFactorRequirement; label: string }[] = [
  { value: "none", label: "Nobody (each member chooses)" },
  { value: "editors_and_owners", label: "Editors, admins and owners" },
  { value: "all_staff", label: "Every member of staff" },
];

/** The owner's rule on two-factor sign-in; admins see it, only owners change it. */
function SignInRules() {
  const { staff: me } = useSession();
  const current = useAsync(() => api.get<{ requireTwoFactor: TwoFactorRequirement }>("/staff/settings"), []);
  const [choice, setChoice] = useState<TwoFactorRequirement | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useAction();
  const value = choice ?? current.data?.requireTwoFactor ?? "none";
  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const answer = await save.run(() =>
      api.put<{ requireTwoFactor: TwoFactorRequirement }>("/staff/settings", { requireTwoFactor: value }),
    );
    if (answer) {
      current.setData(answer);
      setChoice(null);
      setSaved(true);
    }
  };
  const owner = me.role === "owner";
  return (
    <section class="panel" aria-labelledby="sign-in-rules-heading">
      <h2 id="sign-in-rules-heading">Sign-in rules</h2>
      <ErrorMessage error={current.error ?? save.error} />
      {current.data && (
        <form class="form form--row" onSubmit={submit}>
          <SelectField
            label="Require two-factor sign-in of"
            value={value}
            disabled={!owner}
            onValue={(v) => setChoice(v as TwoFactorRequirement)}
            options={REQUIREMENT_OPTIONS}
            hint={
              owner
                ? "Members it covers who have not set it up are sent to the setup at their next request, and can do nothing else until they finish."
                : "Only an owner can change this."
            }
          />
          {owner && <SubmitButton busy={save.busy}>Save the rule</SubmitButton>}
        </form>
      )}
      {saved && (
        <StatusMessage>
          <p>The sign-in rule is saved.</p>
        </StatusMessage>
      )}
    </section>
  );
}

const STAFF_COLUMNS: readonly Column<Staff>[] = [
  { header: "Name" },
  { header: "Email" },
  { header: "Role" },
  { header: "Status" },
  { header: "Actions", hiddenHeader: true },
];

export function StaffScreen() {
  const { staff: me } = useSession();
  const list = useAsync(() => api.get<{ items: Staff[] }>("/staff"), []);
  const roles = grantableRoles(me.role);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("author");
  const [sent, setSent] = useState<string | null>(null);
  const invite = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    setSent(null);
    const answer = await invite.run(() =>
      api.post<{ id: number; expiresAt: string }>("/staff/invitations", { email: email.trim(), role }),
    );
    if (answer) {
      setSent(`Invitation sent to ${email.trim()}. The link works until ${formatDateTime(answer.expiresAt)}.`);
      setEmail("");
    }
  };
  return (
    <>
      <PageHeader title="Staff" />
      <section class="panel" aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite someone</h2>
        <form class="form form--row" onSubmit={submit}>
          <ErrorMessage error={invite.error} />
          <TextField label="Email" type="email" required value={email} onValue={setEmail} />
          <SelectField
            label="Role"
            value={role}
            onValue={(r) => setRole(r as Role)}
            options={roleOptions(roles)}
            hint="Contributors write drafts; authors also publish their own; editors handle everything."
          />
          <SubmitButton busy={invite.busy}>Send the invitation</SubmitButton>
        </form>
        {sent && (
          <StatusMessage>
            <p>{sent}</p>
          </StatusMessage>
        )}
      </section>
      <SignInRules />
      <DataTable
        what="staff"
        caption="Staff accounts"
        hiddenCaption
        columns={STAFF_COLUMNS}
        rows={list.data?.items}
        rowKey={(member) => member.id}
        renderRow={(member) => <StaffRow member={member} onSaved={(saved) => replaceItem(list, saved)} />}
        empty="No staff."
        loading={list.loading}
        error={list.error}
      />
    </>
  );
}

/** Why a token acts with less than its role, or not at all. */
