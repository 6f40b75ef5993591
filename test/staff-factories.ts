import type { FastifyInstance } from "fastify";
import type { Services } from "../src/app.js";
import type { Role } from "../src/staff/actor.js";
import type { StaffView } from "../src/staff/auth.service.js";

let counter = 0;

export const TEST_PASSWORD = "correct horse battery staple";

/** A staff member with a password, made the way the CLI makes one. */
export async function createStaffMember(
  services: Services,
  overrides: { email?: string; name?: string; role?: Role; password?: string } = {},
): Promise<StaffView & { password: string }> {
  const n = ++counter;
  const password = overrides.password ?? TEST_PASSWORD;
  const { staff } = await services.staff.create({
    email: overrides.email ?? `staff${n}@news.example`,
    name: overrides.name ?? `Staff Member ${n}`,
    role: overrides.role ?? "editor",
    password,
  });
  return { ...staff, password };
}

/** A signed-in browser: the session cookie and the CSRF token, ready to put on requests. */
export interface Browser {
  staff: StaffView;
  cookie: string;
  csrfToken: string;
  /** Headers of a same-site state-changing request. */
  headers: Record<string, string>;
}

export async function signIn(
  app: FastifyInstance,
  credentials: { email: string; password: string; totp?: string },
): Promise<Browser> {
  const response = await app.inject({ method: "POST", url: "/admin/api/auth/login", payload: credentials });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === "gazette_session");
  if (!cookie) throw new Error("sign-in set no session cookie");
  const body = response.json() as { staff: StaffView; csrfToken: string };
  const cookieHeader = `gazette_session=${cookie.value}`;
  return {
    staff: body.staff,
    cookie: cookieHeader,
    csrfToken: body.csrfToken,
    headers: { cookie: cookieHeader, "x-csrf-token": body.csrfToken },
  };
}

/** A member of the given role, signed in. */
export async function signedInAs(app: FastifyInstance, services: Services, role: Role): Promise<Browser> {
  const member = await createStaffMember(services, { role });
  return signIn(app, member);
}

/** A token acting for `createdBy`, or for a new member of the same role (tokens always act for someone). */
export async function createToken(services: Services, role: Role, createdBy?: number): Promise<string> {
  const n = ++counter;
  const creator =
    createdBy ??
    (await services.staff.create({ email: `token-maker${n}@news.example`, name: `Token Maker ${n}`, role })).staff.id;
  const { token } = await services.tokens.create({ name: `Token ${n}`, role, createdBy: creator });
  return token;
}
