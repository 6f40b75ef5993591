import { TypeBoxValidatorCompiler } from "@fastify/type-provider-typebox";
import Fastify from "fastify";
import { Type } from "typebox";
import { describe, expect, it } from "vitest";
import { AppError } from "../../errors.js";
import { createErrorHandler } from "./error-handler.js";

async function appWithRoutes() {
  const app = Fastify({ logger: false });
  app.setErrorHandler(createErrorHandler());
  app.get("/admin/api/conflict", async () => {
    throw new AppError("conflict", "Someone saved first.", { current: 3 });
  });
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  app.post(
    "/admin/api/typed",
    { schema: { body: Type.Object({ n: Type.Integer() }, { additionalProperties: false }) } },
    async () => ({ ok: true }),
  );
  app.get("/admin/api/boom", async () => {
    throw new Error("database password is hunter2");
  });
  await app.ready();
  return app;
}

describe("error handler", () => {
  it("answers an AppError with its status, code, message and details", async () => {
    const app = await appWithRoutes();
    const response = await app.inject({ url: "/admin/api/conflict" });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({ code: "conflict", message: "Someone saved first.", details: { current: 3 } });
  });

  it("answers a schema failure with 400 validation_failed", async () => {
    const app = await appWithRoutes();
    const response = await app.inject({ method: "POST", url: "/admin/api/typed", payload: { n: "seven" } });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("validation_failed");
  });

  it("names an unknown field and a wrongly typed one in words", async () => {
    const app = await appWithRoutes();
    const unknown = await app.inject({ method: "POST", url: "/admin/api/typed", payload: { n: 1, extra: true } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toBe('The body is not valid: unknown field "extra".');
    const wrong = await app.inject({ method: "POST", url: "/admin/api/typed", payload: { n: "seven" } });
    expect(wrong.json().message).toMatch(/^The body is not valid: n /);
  });

  it("answers malformed JSON with a 400, not a 500", async () => {
    const app = await appWithRoutes();
    const response = await app.inject({
      method: "POST",
      url: "/admin/api/typed",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("bad_request");
  });

  it("hides the details of an unexpected error behind code internal", async () => {
    const app = await appWithRoutes();
    const response = await app.inject({ url: "/admin/api/boom" });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ code: "internal", message: expect.any(String) });
    expect(response.body).not.toContain("hunter2");
  });
});
