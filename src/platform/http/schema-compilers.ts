import SerializerSelector from "@fastify/fast-json-stringify-compiler";
import type { FastifySchemaCompiler } from "fastify";

/*
 * Compiling a route's schemas is most of what `app.ready()` costs (each schema becomes generated
 * code), and every app built in a process compiles the same schemas again: one app per test suite,
 * or per test. The compiled functions depend only on the schema (and, for the serializer, on the
 * shared schemas and options), so they are kept for the life of the process.
 *
 * A schema object seen before is found by identity. Schemas that are rebuilt for each app (inside
 * a route's register function, or the lower-cased copy Fastify makes of a headers schema) are
 * found by their content instead, but only when the content says everything about them: TypeBox
 * keeps some properties non-enumerable (`~kind`, `~optional`, refinements), so the content key
 * covers those too, and a schema carrying a function or a class instance is never matched by
 * content.
 *
 * The generated code itself is made on a schema's first use, not when the app becomes ready: a
 * start-up that compiled every route's schemas spent about a third of a second on it before
 * listening. `compileDeferredSchemas` compiles what is left once the server listens.
 */

type Compiled<F> = { byIdentity: WeakMap<object, F>; byContent: Map<string, F> };

const newCache = <F>(): Compiled<F> => ({ byIdentity: new WeakMap(), byContent: new Map() });

function lookup<F>(cache: Compiled<F>, schema: unknown, compile: () => F): F {
  const isObject = typeof schema === "object" && schema !== null;
  if (isObject) {
    const known = cache.byIdentity.get(schema);
    if (known) return known;
  }
  const key = contentKey(schema);
  let compiled = key === undefined ? undefined : cache.byContent.get(key);
  if (!compiled) {
    compiled = compiledOnFirstUse(compile);
    if (key !== undefined) cache.byContent.set(key, compiled);
  }
  if (isObject) cache.byIdentity.set(schema, compiled);
  return compiled;
}

// Schemas handed out but not compiled yet, for compileDeferredSchemas.
const deferred = new Set<() => unknown>();

/**
 * A stand-in for the function `compile` makes, which compiles it on its first call. Fastify reads
 * `errors` from a validator that returned false (Ajv's convention), so that is passed on.
 */
function compiledOnFirstUse<F>(compile: () => F): F {
  let compiled: F | undefined;
  const ensure = (): F => {
    if (compiled === undefined) {
      compiled = compile();
      deferred.delete(ensure);
    }
    return compiled;
  };
  deferred.add(ensure);
  const standIn = (...args: unknown[]): unknown => {
    const fn = ensure() as (...args: unknown[]) => unknown;
    const result = fn(...args);
    (standIn as { errors?: unknown }).errors = (fn as { errors?: unknown }).errors;
    return result;
  };
  return standIn as F;
}

/**
 * Compiles the schemas no request has used yet, one per turn of the event loop so requests
 * arriving meanwhile are not held up; the server calls it after it starts listening.
 */
export async function compileDeferredSchemas(): Promise<void> {
  for (const ensure of deferred) {
    ensure();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * A text that two schemas share only when they are interchangeable, or undefined when the schema
 * holds something text cannot capture (a function, a symbol, a Date or other class instance, a cycle).
 * Property order is kept: fast-json-stringify writes properties in the order the schema lists them.
 */
export function contentKey(schema: unknown): string | undefined {
  const path = new Set<object>();
  const walk = (value: unknown): unknown => {
    if (value === null || typeof value === "string" || typeof value === "boolean") return value;
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value !== "object" || path.has(value) || Object.getOwnPropertySymbols(value).length > 0) {
      throw UNKEYABLE;
    }
    path.add(value);
    try {
      if (Array.isArray(value)) return value.map(walk);
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) throw UNKEYABLE;
      // Every own string key, enumerable or not, so that TypeBox's hidden `~kind` and friends count.
      return Object.getOwnPropertyNames(value).map((name) => [name, walk((value as Record<string, unknown>)[name])]);
    } finally {
      path.delete(value);
    }
  };
  try {
    return JSON.stringify(walk(schema));
  } catch (error) {
    if (error === UNKEYABLE) return undefined;
    throw error;
  }
}

// Thrown out of the walk when the schema cannot be keyed by content.
const UNKEYABLE = Symbol("unkeyable");

const validators = new Map<FastifySchemaCompiler<unknown>, Map<string, Compiled<unknown>>>();

/**
 * The validator compiler, answering a schema compiled before from the cache. The compiled
 * validator also depends on the part of the request (TypeBox converts text for params and query
 * strings, not bodies), so each part has its own cache.
 */
export function cachedValidatorCompiler<S>(compiler: FastifySchemaCompiler<S>): FastifySchemaCompiler<S> {
  let byPart = validators.get(compiler as FastifySchemaCompiler<unknown>);
  if (!byPart) {
    byPart = new Map();
    validators.set(compiler as FastifySchemaCompiler<unknown>, byPart);
  }
  const parts = byPart;
  return (route) => {
    let cache = parts.get(route.httpPart ?? "");
    if (!cache) {
      cache = newCache();
      parts.set(route.httpPart ?? "", cache);
    }
    return lookup(cache, route.schema, () => compiler(route)) as ReturnType<FastifySchemaCompiler<S>>;
  };
}

type Serializer = SerializerSelector.Serializer;
const serializers = new Map<string, Compiled<Serializer>>();
const buildFastJsonStringify = SerializerSelector();

/**
 * Fastify's own serializer (fast-json-stringify), as a `compilersFactory.buildSerializer`, with
 * the compiled serializers kept per set of shared schemas and options. Shared schemas or options
 * that cannot be keyed by content (a custom format function) get no cache, which is still correct.
 */
export const cachedSerializerFactory: SerializerSelector.SerializerFactory = (externalSchemas, options) => {
  const compile = buildFastJsonStringify(externalSchemas, options);
  const key = contentKey({ externalSchemas: externalSchemas ?? null, options: options ?? null });
  if (key === undefined) return compile;
  let cache = serializers.get(key);
  if (!cache) {
    cache = newCache();
    serializers.set(key, cache);
  }
  const compiled = cache;
  return (route) => lookup(compiled, route.schema, () => compile(route));
};
