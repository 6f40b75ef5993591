import type { TestServer } from "./server.js";

/** The owner's browser session, as the one-time setup answered it. */
export interface OwnerSession {
  /** `gazette_session=…`, ready for a Cookie header. */
  cookie: string;
  /** The cookie's value alone, for a browser context's `addCookies`. */
  sessionCookie: string;
  csrfToken: string;
}

/**
 * Creates the owner from the server's one-time setup link through the API (no browser), waiting
 * for the link to be printed first.
 */
export async function setUpOwnerViaApi(
  server: TestServer,
  owner: { email: string; name: string; password: string } = {
    email: "owner@news.example",
    name: "Desk Owner",
    password: "a long desk password",
  },
): Promise<OwnerSession> {
  const deadline = Date.now() + 10_000;
  while (!server.ownerSetupUrl() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const link = server.ownerSetupUrl();
  const token = link ? new URL(link).hash.replace(/^#token=/, "") : "";
  const setup = await fetch(`${server.url}/admin/api/auth/setup`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.origin },
    body: JSON.stringify({ token, ...owner }),
  });
  if (setup.status !== 201) throw new Error(`owner setup failed: ${setup.status} ${await setup.text()}`);
  const { csrfToken } = (await setup.json()) as { csrfToken: string };
  const cookie = (setup.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { cookie, sessionCookie: cookie.replace(/^gazette_session=/, ""), csrfToken };
}

/** An API token of `role`, created by the signed-in owner. */
export async function createApiToken(
  server: TestServer,
  session: OwnerSession,
  name: string,
  role: "contributor" | "author" | "editor" | "admin",
): Promise<string> {
  const created = await fetch(`${server.url}/admin/api/tokens`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: server.origin,
      cookie: session.cookie,
      "x-csrf-token": session.csrfToken,
    },
    body: JSON.stringify({ name, role }),
  });
  if (created.status !== 201) throw new Error(`token failed: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}

/** A JSON client for `/admin/api` with a bearer token; anything but 2xx throws with the answer. */
export function adminApi(server: TestServer, token: string) {
  return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${server.url}/admin/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}
