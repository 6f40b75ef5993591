/** My account: my byline profile, signed-in sessions (revoke) and two-factor sign-in (set up, turn off). */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { DataTable } from "../data-table.js";
import { useSession } from "../session.js";
import type { SignedIn, StaffSession } from "../types.js";
import {
  ErrorMessage,
  formatDateTime,
  PageHeader,
  removeItem,
  StatusMessage,
  SubmitButton,
  TextField,
  useAction,
  useAsync,
} from "../ui.js";
import { ProfileForm } from "./profile-form.js";

function Sessions() {
  const { signOut } = useSession();
  const list = useAsync(() => api.get<{ items: StaffSession[] }>("/auth/sessions"), []);
  const revoke = useAction();
  const end = async (session: StaffSession) => {
    if (session.current) return signOut();
    const ok = await revoke.run(async () => {
      await api.delete(`/auth/sessions/${session.id}`);
      return true;
    });
    if (ok) removeItem(list, session.id);
  };
  return (
    <section class="panel" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are signed in</h2>
      <ErrorMessage error={revoke.error} />
      <DataTable
        what="sessions"
        caption="Your sessions"
        hiddenCaption
        columns={[
          {
            header: "Browser",
            cell: (session) => (
              <>
                {session.userAgent ?? "Unknown browser"}
                {session.current && <strong> (this browser)</strong>}
              </>
            ),
          },
          { header: "Signed in", class: "nowrap", cell: (session) => formatDateTime(session.createdAt) },
          { header: "Last seen", class: "nowrap", cell: (session) => formatDateTime(session.lastSeenAt) },
          {
            header: "Actions",
            hiddenHeader: true,
            cell: (session) => (
              <button
                type="button"
                class="button button--small"
                disabled={revoke.busy}
                onClick={() => void end(session)}
              >
                {session.current ? "Sign out" : "Revoke"}
                <span class="visually-hidden"> session from {formatDateTime(session.createdAt)}</span>
              </button>
            ),
          },
        ]}
        rows={list.data?.items}
        rowKey={(session) => session.id}
        empty="No sessions."
        loading={list.loading}
        error={list.error}
      />
    </section>
  );
}

interface TwoFactorSetup {
  secret: string;
  otpauthUrl: string;
  /** The otpauth URL as an SVG QR code, drawn by our server (nothing is fetched from elsewhere). */
  qrCode: string;
}

export function TwoFactor() {
  const { staff, signedIn } = useSession();
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const [off, setOff] = useState(false);
  const { busy, error, run } = useAction();

  const refresh = async () => signedIn(await api.get<SignedIn>("/auth/session"));

  const start = () =>
    run(async () => {
      setSetup(await api.post<TwoFactorSetup>("/auth/two-factor/setup"));
    });

  const enable = async (event: Event) => {
    event.preventDefault();
    await run(async () => {
      const answer = await api.post<{ recoveryCodes: string[] }>("/auth/two-factor/enable", { code: code.trim() });
      setRecovery(answer.recoveryCodes);
      setSetup(null);
      setCode("");
      await refresh();
    });
  };

  const disable = async (event: Event) => {
    event.preventDefault();
    await run(async () => {
      await api.post("/auth/two-factor/disable", { password });
      setPassword("");
      setOff(true);
      await refresh();
    });
  };

  return (
    <section class="panel" aria-labelledby="tfa-heading">
      <h2 id="tfa-heading">Two-factor sign-in</h2>
      <ErrorMessage error={error} />
      {recovery && (
        <div class="message message--ok" role="status">
          <p>
            <strong>Two-factor sign-in is on.</strong> Keep these recovery codes somewhere safe: each works once if you
            lose your phone. They are shown only now.
          </p>
          <ul class="recovery-codes mono">
            {recovery.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      )}
      {off && (
        <StatusMessage>
          <p>Two-factor sign-in is off.</p>
        </StatusMessage>
      )}
      {staff.twoFactor ? (
        <form class="form form--narrow" onSubmit={disable}>
          <p>Signing in asks for a code from your authenticator app.</p>
          <TextField
            label="Your password, to turn it off"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onValue={setPassword}
          />
          <SubmitButton busy={busy} danger>
            Turn off two-factor sign-in
          </SubmitButton>
        </form>
      ) : setup ? (
        <form class="form form--narrow" onSubmit={enable}>
          <p>Scan the QR code with your authenticator app, or type the key into it (or open the link on your phone).</p>
          <div class="two-factor-setup">
            <figure
              class="qr-code"
              role="img"
              aria-label="QR code of the key for your authenticator app"
              // Our own server drew this SVG from the otpauth URL; it carries no script or link.
              dangerouslySetInnerHTML={{ __html: setup.qrCode }}
            />
            <p>
              Key: <code class="mono">{setup.secret}</code>
            </p>
          </div>
          <p>
            <a href={setup.otpauthUrl}>Open in an authenticator app</a>
          </p>
          <TextField
            label="Code from the app"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            value={code}
            onValue={setCode}
          />
          <SubmitButton busy={busy}>Turn on</SubmitButton>
        </form>
      ) : (
        <>
          <p>Protect your account with a code from an authenticator app in addition to your password.</p>
          <button type="button" class="button" disabled={busy} onClick={() => void start()}>
            Set up two-factor sign-in
          </button>
        </>
      )}
    </section>
  );
}

export function AccountScreen() {
  const { staff } = useSession();
  return (
    <>
      <PageHeader title="My account" />
      <p>
        {staff.name} · {staff.email} · {staff.role}
      </p>
      <ProfileForm staffId={staff.id} heading="Your byline profile" />
      <TwoFactor />
      <Sessions />
    </>
  );
}

/**
 * What a member sees while the newsroom requires two-factor sign-in of their role and they have
 * not set it up: the reason and the setup, nothing else (the server refuses the rest).
 */
export function TwoFactorRequiredScreen() {
  const { staff, signOut } = useSession();
  return (
    <main id="main" class="auth">
      <div class="auth__card">
        <h1>Set up two-factor sign-in</h1>
        <div class="message" role="status">
          <p>
            The owner of this newsroom requires two-factor sign-in for your role ({staff.role}). Set it up now to
            continue: you will need an authenticator app on your phone.
          </p>
        </div>
        <TwoFactor />
        <p>
          <button type="button" class="button button--quiet" onClick={() => void signOut()}>
            Sign out
          </button>
        </p>
      </div>
    </main>
  );
}
