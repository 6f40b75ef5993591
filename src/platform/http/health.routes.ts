import type { FastifyInstance } from "fastify";
import { Type } from "typebox";

const Health = Type.Object({ status: Type.Literal("ok"), uptimeSeconds: Type.Number() });

const Readiness = Type.Object({
  status: Type.Union([Type.Literal("ready"), Type.Literal("unavailable")]),
  /** Each dependency: "ok", or what went wrong. */
  checks: Type.Record(Type.String(), Type.String()),
  /** The dependencies that are down, named. */
  down: Type.Array(Type.String()),
});

/** A dependency the process needs to serve (the database, Redis); throws when it is not reachable. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2000;

async function runCheck(check: ReadinessCheck): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check.check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return "ok";
  } catch (error) {
    return error instanceof Error && error.message ? error.message.slice(0, 200) : "unreachable";
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/healthz`: the process is alive (restart it if not). `/readyz`: it can serve, because what it
 * depends on answers (take it out of the load balancer if not; it comes back by itself).
 */
export function registerHealthRoutes(app: FastifyInstance, checks: readonly ReadinessCheck[] = []): void {
  app.get("/healthz", { schema: { response: { 200: Health } } }, async () => ({
    status: "ok" as const,
    uptimeSeconds: Math.round(process.uptime()),
  }));
  app.get("/readyz", { schema: { response: { 200: Readiness, 503: Readiness } } }, async (_request, reply) => {
    const results = await Promise.all(checks.map(async (check) => [check.name, await runCheck(check)] as const));
    const down = results.filter(([, result]) => result !== "ok").map(([name]) => name);
    reply.header("cache-control", "no-store").code(down.length === 0 ? 200 : 503);
    return {
      status: down.length === 0 ? ("ready" as const) : ("unavailable" as const),
      checks: Object.fromEntries(results),
      down,
    };
  });
}
