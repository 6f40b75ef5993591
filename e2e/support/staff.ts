import type { OwnerSession } from "./admin-api.js";
import { type Browser, type BrowserOptions, openBrowser } from "./browser.js";
import { mailedLink } from "./outbox.js";
import type { TestServer } from "./server.js";

/** A signed-in staff member's session (the owner's has the same shape). */
export type StaffSession = OwnerSession;

export interface Person {
  email: string;
  name: string;
  password: string;
}

/** The session of a sign-in or invitation answer: its cookie and the CSRF token in its body. */
async function sessionOf(response: Response, what: string): Promise<StaffSession> {
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`${what} failed: ${response.status} ${await response.text()}`);
  }
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { cookie, sessionCookie: cookie.replace(/^gazette_session=/, ""), csrfToken };
}

/**
 * A JSON client for `/admin/api` as a signed-in person (cookie, CSRF token and Origin, as the app
 * sends them). `call` throws on anything but 2xx; `raw` answers the response, for refusals.
 */
export function sessionApi(server: TestServer, session: StaffSession) {
  const raw = (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${server.url}/admin/api${path}`, {
      method,
      headers: {
        origin: server.origin,
        cookie: session.cookie,
        "x-csrf-token": session.csrfToken,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await raw(method, path, body);
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return { call, raw };
}

/**
 * The owner invites `person` with `role` through the API; the invitation mailed to them (the dev
 * outbox) is accepted through the API too. Resolves with the new member's session.
 */
export async function inviteStaff(
  server: TestServer,
  owner: OwnerSession,
  person: Person,
  role: "contributor" | "author" | "editor" | "admin",
): Promise<StaffSession> {
  await sessionApi(server, owner).call("POST", "/staff/invitations", { email: person.email, role });
  let link = "";
  const deadline = Date.now() + 10_000;
  while (!link) {
    try {
      link = mailedLink(server, person.email);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const token = new URL(link).hash.replace(/^#token=/, "");
  const accepted = await fetch(`${server.url}/admin/api/auth/invitations/accept`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.origin },
    body: JSON.stringify({ token, name: person.name, password: person.password }),
  });
  return sessionOf(accepted, `accepting the invitation of ${person.email}`);
}

/** A browser of its own, already signed in with `session` (no sign-in form). */
export async function signedInBrowser(
  server: TestServer,
  session: StaffSession,
  options: BrowserOptions = {},
): Promise<Browser> {
  const browser = await openBrowser(server.origin, options);
  await browser.context.addCookies([
    { name: "gazette_session", value: session.sessionCookie, url: server.url, httpOnly: true, sameSite: "Lax" },
  ]);
  return browser;
}
