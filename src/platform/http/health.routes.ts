import type { FastifyInstance } from "fastify";
import { Type } from "typebox";

const Health = Type.Object({ status: Type.Literal("ok"), uptimeSeconds: Type.Number() });

export function registerHealthRoutes(app: FastifyInstance): void {
  app.get("/healthz", { schema: { response: { 200: Health } } }, async () => ({
    status: "ok" as const,
    uptimeSeconds: Math.round(process.uptime()),
  }));
}
