/** Screens before signing in: sign-in (with two-factor), owner setup, invitations, password reset. */
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, api } from "../api.js";
import { navigate, tokenFromHash } from "../router.js";
import type { SignedIn } from "../types.js";
import { ErrorMessage, StatusMessage, SubmitButton, TextField, useAction } from "../ui.js";

const MIN_PASSWORD = 10;

function AuthLayout({ title, children }: { title: string; children: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} · Gazette newsroom`;
  }, [title]);
  return (
    <div class="auth">
      <header class="auth__brand">
        <p class="brand">Gazette newsroom</p>
      </header>
      <main id="main" class="auth__card">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}

export function SignInScreen({ onSignedIn }: { onSignedIn: (value: SignedIn) => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [totp, setTotp] = useState("");
  const [needsCode, setNeedsCode] = useState(false);
  const { busy, error, setError, run } = useAction();
  const codeInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (needsCode) codeInput.current?.focus();
  }, [needsCode]);

  const submit = async (event: Event) => {
    event.preventDefault();
    await run(async () => {
      try {
        const body = { email: email.trim(), password, ...(needsCode ? { totp: totp.trim() } : {}) };
        onSignedIn(await api.post<SignedIn>("/auth/login", body));
      } catch (err) {
        if (err instanceof ApiError && err.code === "two_factor_required" && !needsCode) {
          setNeedsCode(true);
          return;
        }
        throw err;
      }
    });
  };

  return (
    <AuthLayout title="Sign in">
      <form class="form" onSubmit={submit} noValidate={false}>
        <ErrorMessage error={error} />
        <TextField
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onValue={setEmail}
          disabled={needsCode}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onValue={setPassword}
          disabled={needsCode}
        />
        {needsCode && (
          <div class="field">
            <label for="totp">Two-factor code</label>
            <input
              id="totp"
              ref={codeInput}
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              value={totp}
              onInput={(event) => setTotp(event.currentTarget.value)}
              aria-describedby="totp-hint"
            />
            <p class="field__hint" id="totp-hint">
              The 6-digit code from your authenticator app, or one of your recovery codes.
            </p>
          </div>
        )}
        <div class="form__actions">
          <button class="button button--primary" type="submit" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
          {needsCode && (
            <button
              class="button"
              type="button"
              onClick={() => {
                setNeedsCode(false);
                setTotp("");
                setError(null);
              }}
            >
              Use another account
            </button>
          )}
        </div>
        <p>
          <a href="/admin/forgot-password">Forgot your password?</a>
        </p>
      </form>
    </AuthLayout>
  );
}

export function ForgotPasswordScreen() {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    await run(async () => {
      const answer = await api.post<{ message?: string } | undefined>("/auth/password-reset", { email: email.trim() });
      setSent(answer?.message ?? "If this address belongs to an account, a link is on its way.");
    });
  };
  return (
    <AuthLayout title="Reset your password">
      {sent ? (
        <StatusMessage>
          <p>{sent}</p>
        </StatusMessage>
      ) : (
        <form class="form" onSubmit={submit}>
          <ErrorMessage error={error} />
          <p>We will email you a link to choose a new password.</p>
          <TextField label="Email" type="email" autoComplete="email" required value={email} onValue={setEmail} />
          <SubmitButton busy={busy}>Send the link</SubmitButton>
        </form>
      )}
      <p>
        <a href="/admin/sign-in">Back to sign in</a>
      </p>
    </AuthLayout>
  );
}

function MissingToken() {
  return (
    <div class="message message--error" role="alert">
      <p>This link is incomplete: it has no token. Open the link from the message again, or ask for a new one.</p>
    </div>
  );
}

function passwordProblem(password: string, repeat: string): string | null {
  if (password.length < MIN_PASSWORD) return `Choose a password of at least ${MIN_PASSWORD} characters.`;
  if (password !== repeat) return "The two passwords are not the same.";
  return null;
}

/** A form that ends with a new password: the two fields, and a submit that checks them before sending. */
function usePasswordForm() {
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const { busy, error, setError, run } = useAction();
  const submit = async <T,>(event: Event, send: (password: string) => Promise<T>): Promise<T | undefined> => {
    event.preventDefault();
    const problem = passwordProblem(password, repeat);
    if (problem) {
      setError(new Error(problem));
      return undefined;
    }
    return run(() => send(password));
  };
  return { busy, error, submit, fields: { password, repeat, setPassword, setRepeat } };
}

/** A new account is signed in: into the newsroom, without the link page in the history. */
function enter(signedIn: SignedIn | undefined, onSignedIn: (value: SignedIn) => void): void {
  if (!signedIn) return;
  onSignedIn(signedIn);
  navigate("/admin", { replace: true });
}

function PasswordFields({
  password,
  repeat,
  setPassword,
  setRepeat,
}: {
  password: string;
  repeat: string;
  setPassword: (v: string) => void;
  setRepeat: (v: string) => void;
}) {
  return (
    <>
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD}
        hint={`At least ${MIN_PASSWORD} characters. A few unrelated words make a strong one.`}
        value={password}
        onValue={setPassword}
      />
      <TextField
        label="Repeat the password"
        type="password"
        autoComplete="new-password"
        required
        value={repeat}
        onValue={setRepeat}
      />
    </>
  );
}

/** First run: the owner creates their account from the one-time link printed by the server. */
export function SetupScreen({ hash, onSignedIn }: { hash: string; onSignedIn: (value: SignedIn) => void }) {
  const token = tokenFromHash(hash);
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const form = usePasswordForm();
  const submit = async (event: Event) =>
    enter(
      await form.submit(event, (password) =>
        api.post<SignedIn>("/auth/setup", { token, email: email.trim(), name: name.trim(), password }),
      ),
      onSignedIn,
    );
  return (
    <AuthLayout title="Set up your newsroom">
      {!token ? (
        <MissingToken />
      ) : (
        <form class="form" onSubmit={submit}>
          <p>You are the first person here, so you become the owner: you can invite everyone else.</p>
          <ErrorMessage error={form.error} />
          <TextField label="Your name" autoComplete="name" required value={name} onValue={setName} />
          <TextField label="Email" type="email" autoComplete="email" required value={email} onValue={setEmail} />
          <PasswordFields {...form.fields} />
          <SubmitButton busy={form.busy}>Create the owner account</SubmitButton>
        </form>
      )}
    </AuthLayout>
  );
}

export function AcceptInvitationScreen({ hash, onSignedIn }: { hash: string; onSignedIn: (value: SignedIn) => void }) {
  const token = tokenFromHash(hash);
  const [name, setName] = useState("");
  const form = usePasswordForm();
  const submit = async (event: Event) =>
    enter(
      await form.submit(event, (password) =>
        api.post<SignedIn>("/auth/invitations/accept", { token, name: name.trim(), password }),
      ),
      onSignedIn,
    );
  return (
    <AuthLayout title="Join the newsroom">
      {!token ? (
        <MissingToken />
      ) : (
        <form class="form" onSubmit={submit}>
          <p>Choose the name your colleagues will see and a password.</p>
          <ErrorMessage error={form.error} />
          <TextField label="Your name" autoComplete="name" required value={name} onValue={setName} />
          <PasswordFields {...form.fields} />
          <SubmitButton busy={form.busy}>Accept the invitation</SubmitButton>
        </form>
      )}
    </AuthLayout>
  );
}

export function ResetPasswordScreen({ hash }: { hash: string }) {
  const token = tokenFromHash(hash);
  const [done, setDone] = useState(false);
  const form = usePasswordForm();
  const submit = async (event: Event) => {
    await form.submit(event, async (password) => {
      await api.post("/auth/password-reset/complete", { token, password });
      setDone(true);
    });
  };
  return (
    <AuthLayout title="Choose a new password">
      {!token ? (
        <MissingToken />
      ) : done ? (
        <StatusMessage>
          <p>
            Your password is changed and you are signed out everywhere. <a href="/admin/sign-in">Sign in</a> with the
            new one.
          </p>
        </StatusMessage>
      ) : (
        <form class="form" onSubmit={submit}>
          <ErrorMessage error={form.error} />
          <PasswordFields {...form.fields} />
          <SubmitButton busy={form.busy}>Save the new password</SubmitButton>
        </form>
      )}
    </AuthLayout>
  );
}
