import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { isAppError } from "../../errors.js";

/** The JSON error every API answers with: a stable `code` to branch on, a sentence for people. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** Renders an HTML error page for reader requests; returns undefined to fall back to JSON. */
export type HtmlErrorRenderer = (
  request: FastifyRequest,
  status: number,
) => Promise<{ contentType: string; body: Buffer } | undefined>;

function wantsHtml(request: FastifyRequest): boolean {
  if (["/admin/api/", "/healthz", "/readyz", "/metrics"].some((prefix) => request.url.startsWith(prefix))) return false;
  return (request.headers.accept ?? "text/html").includes("text/html") || request.method === "POST";
}

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: { format?: unknown };
}

/**
 * A sentence a person can act on: "The body is not valid: title must be a string; unknown
 * field "href"." rather than the validator's "body/href schema is false".
 */
function describeValidation(error: { validation?: ValidationIssue[]; validationContext?: string }): string {
  const context = error.validationContext ?? "request";
  const parts = (error.validation ?? []).map((issue) => {
    const field = (issue.instancePath ?? "").replace(/^\//, "").replace(/\//g, ".");
    if (issue.keyword === "additionalProperties" || issue.message === "schema is false") {
      // The validator reports an extra field twice: at the field, and at its parent without a name.
      return field ? `unknown field "${field}"` : undefined;
    }
    if (issue.keyword === "format" && String(issue.params?.format ?? "").startsWith("safe-url")) {
      return `${field || context} must be an http(s) address or a site path starting with a single "/"`;
    }
    return `${field || context} ${issue.message ?? "is not valid"}`;
  });
  const unique = [...new Set(parts.filter((part): part is string => part !== undefined))].slice(0, 3);
  return `The ${context} is not valid: ${unique.join("; ") || "it does not match the expected shape"}.`;
}

/**
 * Every error leaves with a stable `code`: AppErrors keep theirs, schema failures are
 * `validation_failed`, anything unexpected is logged and answered as `internal` without details.
 */
export function createErrorHandler(renderHtml?: HtmlErrorRenderer) {
  return async (error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    let status = 500;
    let body: ErrorBody;
    if (isAppError(error)) {
      status = error.status;
      // Load balancers and crawlers come back after a moment instead of giving up on the page.
      if (status === 503) reply.header("retry-after", "5");
      body = {
        ...error.fields,
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      };
    } else if ("validation" in error && error.validation) {
      status = 400;
      body = {
        code: "validation_failed",
        message: describeValidation(error),
        details: { issues: error.validation.slice(0, 10) },
      };
    } else if ("statusCode" in error && error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      body = { code: status === 413 ? "payload_too_large" : "bad_request", message: error.message };
    } else {
      request.log.error({ err: error }, "unhandled error");
      body = { code: "internal", message: "Something went wrong on our side. It has been logged." };
    }
    if (renderHtml && wantsHtml(request)) {
      const page = await renderHtml(request, status).catch(() => undefined);
      if (page) return reply.code(status).header("cache-control", "no-store").type(page.contentType).send(page.body);
    }
    return reply.code(status).header("cache-control", "no-store").send(body);
  };
}
