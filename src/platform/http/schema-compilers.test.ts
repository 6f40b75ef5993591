import { TypeBoxValidatorCompiler } from "@fastify/type-provider-typebox";
import type { FastifySchemaCompiler } from "fastify";
import { Type } from "typebox";
import { describe, expect, it, vi } from "vitest";
import {
  cachedSerializerFactory,
  cachedValidatorCompiler,
  compileDeferredSchemas,
  contentKey,
} from "./schema-compilers.js";

const route = (schema: unknown, httpPart = "body") => ({ schema, httpPart, method: "POST", url: "/x" });

// Each test wraps its own spy, so it starts with an empty cache and can count compilations.
function countingValidator() {
  const compile = vi.fn<FastifySchemaCompiler<unknown>>((definition) => TypeBoxValidatorCompiler(definition as never));
  return { compile, cached: cachedValidatorCompiler(compile) };
}

const item = () => Type.Object({ id: Type.Integer(), title: Type.String({ minLength: 1 }) });

describe("cached validator compiler", () => {
  it("compiles a schema object once and answers the same validator after that", () => {
    const { compile, cached } = countingValidator();
    const schema = item();
    const first = cached(route(schema));
    expect(cached(route(schema))).toBe(first);
    first({ id: 1, title: "a" });
    cached(route(schema))({ id: 2, title: "b" });
    expect(compile).toHaveBeenCalledTimes(1);
  });

  it("reuses the validator for a schema rebuilt with the same content (a new app)", () => {
    const { compile, cached } = countingValidator();
    const first = cached(route(item()));
    expect(cached(route(item()))).toBe(first);
    first({ id: 1, title: "a" });
    expect(compile).toHaveBeenCalledTimes(1);
  });

  it("compiles schemas that differ anywhere separately", () => {
    const { compile, cached } = countingValidator();
    const strict = cached(route(item()));
    const loose = cached(route(Type.Object({ id: Type.Integer(), title: Type.String() })));
    expect(loose).not.toBe(strict);
    expect(loose({ id: 1, title: "" })).toEqual({ value: { id: 1, title: "" } });
    expect(strict({ id: 1, title: "" })).toHaveProperty("error");
    expect(compile).toHaveBeenCalledTimes(2);
  });

  it("keeps a validator per request part: query strings are converted from text, bodies are not", () => {
    const { cached } = countingValidator();
    const schema = Type.Object({ page: Type.Integer() });
    expect(cached(route(schema, "querystring"))({ page: "2" })).toEqual({ value: { page: 2 } });
    expect(cached(route(schema, "body"))({ page: "2" })).toHaveProperty("error");
  });

  it("never shares a validator between refinements whose JSON is the same", () => {
    const { compile, cached } = countingValidator();
    const startsWithA = cached(route(Type.Refine(Type.String(), (value) => value.startsWith("a"))));
    const startsWithB = cached(route(Type.Refine(Type.String(), (value) => value.startsWith("b"))));
    expect(startsWithA("apple")).toEqual({ value: "apple" });
    expect(startsWithB("apple")).toHaveProperty("error");
    expect(compile).toHaveBeenCalledTimes(2);
  });

  it("compiles a schema on its first use, or when the deferred schemas are compiled", async () => {
    const { compile, cached } = countingValidator();
    const used = cached(route(Type.Object({ used: Type.Boolean() })));
    cached(route(Type.Object({ unused: Type.Boolean() })));
    expect(compile).not.toHaveBeenCalled();
    expect(used({ used: true })).toEqual({ value: { used: true } });
    expect(compile).toHaveBeenCalledTimes(1);
    await compileDeferredSchemas();
    expect(compile).toHaveBeenCalledTimes(2);
    used({ used: false });
    expect(compile).toHaveBeenCalledTimes(2);
  });
});

describe("cached serializer factory", () => {
  const options = { ajv: { formats: { "safe-url": true as const } } };
  const article = () => Type.Object({ title: Type.String(), words: Type.Integer() });

  it("answers the same serializer for the same schema object and for a rebuilt one", () => {
    const compiler = cachedSerializerFactory({}, options);
    const schema = article();
    const first = compiler({ schema, method: "GET", url: "/a", httpStatus: "200" });
    expect(compiler({ schema, method: "GET", url: "/b", httpStatus: "200" })).toBe(first);
    // A second app builds its own factory and its own schema objects.
    const again = cachedSerializerFactory({}, { ajv: { formats: { "safe-url": true as const } } });
    expect(again({ schema: article(), method: "GET", url: "/a", httpStatus: "200" })).toBe(first);
    expect(first({ title: "Hi", words: 2, extra: true })).toBe('{"title":"Hi","words":2}');
  });

  it("writes properties in each schema's own order", () => {
    const compiler = cachedSerializerFactory({}, options);
    const titleFirst = compiler({ schema: article(), method: "GET", url: "/", httpStatus: "200" });
    const wordsFirst = compiler({
      schema: Type.Object({ words: Type.Integer(), title: Type.String() }),
      method: "GET",
      url: "/",
      httpStatus: "200",
    });
    expect(wordsFirst({ title: "Hi", words: 2 })).toBe('{"words":2,"title":"Hi"}');
    expect(titleFirst({ title: "Hi", words: 2 })).toBe('{"title":"Hi","words":2}');
  });

  it("keeps separate serializers for different options", () => {
    const schema = article();
    const plain = cachedSerializerFactory({}, {})({ schema, method: "GET", url: "/", httpStatus: "200" });
    const withFormats = cachedSerializerFactory({}, options)({ schema, method: "GET", url: "/", httpStatus: "200" });
    expect(withFormats).not.toBe(plain);
  });
});

describe("contentKey", () => {
  it("is the same for schemas built the same way and different when a hidden TypeBox property differs", () => {
    expect(contentKey(item())).toBe(contentKey(item()));
    const required = Type.Object({ a: Type.String() });
    const optional = Type.Object({ a: Type.Optional(Type.String()) });
    expect(contentKey(required.properties.a)).not.toBe(contentKey(optional.properties.a));
  });

  it("refuses what text cannot capture: functions, symbols, class instances and cycles", () => {
    const cyclic: Record<string, unknown> = { type: "object" };
    cyclic.self = cyclic;
    expect(contentKey(Type.Refine(Type.String(), () => true))).toBeUndefined();
    expect(contentKey({ [Symbol("kind")]: "x" })).toBeUndefined();
    expect(contentKey({ default: new Date(0) })).toBeUndefined();
    expect(contentKey(cyclic)).toBeUndefined();
    const shared = { type: "string" };
    expect(contentKey({ anyOf: [shared, shared] })).toBeDefined();
  });
});
