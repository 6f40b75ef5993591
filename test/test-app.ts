import type { Dialect } from "../src/platform/db/database.js";
import type { EditionRow } from "../src/platform/db/schema.js";
import type { Role } from "../src/staff/actor.js";
import { createEdition } from "./factories.js";
import { createTestApp, DIALECTS, type TestApp as HarnessApp } from "./harness.js";
import { type Browser, createToken, signedInAs } from "./staff-factories.js";

export { DIALECTS };

/**
 * An edition to make before the services load editions: its code, or the fields of its row. Its
 * position is its place in the list unless given.
 */
export type TestEdition = string | Partial<EditionRow>;

export type TestAppOptions = NonNullable<Parameters<typeof createTestApp>[1]> & {
  editions?: readonly TestEdition[];
};

/** The harness's app, with the ways most suites act on it as staff. */
export interface TestApp extends HarnessApp {
  /** Headers that authorise a request with a new integration token of this role. */
  bearer(role: Role): Promise<{ authorization: string }>;
  /** A new staff member of this role, signed in through the sign-in API (cookie and CSRF headers). */
  signInAs(role: Role): Promise<Browser>;
}

/**
 * The app most integration suites start: a fresh database with the given editions (made before the
 * services load them, then `prepare` runs), services and the HTTP app.
 */
export async function startTestApp(dialect: Dialect, options: TestAppOptions = {}): Promise<TestApp> {
  const { editions = [], prepare, ...rest } = options;
  const harness = await createTestApp(dialect, {
    ...rest,
    prepare: async (database, config) => {
      for (const [position, edition] of editions.entries()) {
        await createEdition(
          database.db,
          typeof edition === "string" ? { code: edition, position } : { position, ...edition },
        );
      }
      await prepare?.(database, config);
    },
  });
  return {
    ...harness,
    bearer: async (role) => ({ authorization: `Bearer ${await createToken(harness.services, role)}` }),
    signInAs: (role) => signedInAs(harness.app, harness.services, role),
  };
}
