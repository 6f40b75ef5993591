import type { ApiOperation } from "./openapi.js";

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Escaped text with `code` spans, as the schemas' descriptions write them. */
const prose = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");

interface ParameterSchema {
  properties?: Record<string, { description?: string }>;
  required?: string[];
}

function parameterList(operation: ApiOperation): string {
  const rows: string[] = [];
  for (const [schema, where] of [
    [operation.params, "path"],
    [operation.querystring, "query"],
  ] as const) {
    const object = schema as ParameterSchema | undefined;
    for (const [name, property] of Object.entries(object?.properties ?? {})) {
      if (name === "key") continue;
      const required = where === "path" || (object?.required ?? []).includes(name);
      rows.push(
        `<li><code>${escapeHtml(name)}</code> (${where}${required ? ", required" : ""})${property.description ? `: ${prose(property.description)}` : ""}</li>`,
      );
    }
  }
  return rows.length > 0 ? `<ul>${rows.join("")}</ul>` : "";
}

/**
 * The API's guide as one static page: how to authenticate and paginate, then every endpoint from
 * the same operations the OpenAPI document is written from. No script and no inline style, so the
 * site's Content-Security-Policy holds.
 */
export function renderApiDocs(
  operations: readonly ApiOperation[],
  info: { title: string; description: string; serverUrl: string; prefix: string },
): string {
  const base = `${info.serverUrl}${info.prefix}`;
  const endpoints = operations
    .map(
      (operation) => `<section>
<h3><code>GET ${escapeHtml(operation.path)}</code></h3>
<p>${escapeHtml(operation.summary)}.${operation.description ? ` ${prose(operation.description)}` : ""}${operation.secured ? "" : " No key needed."}</p>
${parameterList(operation)}
</section>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)}</title>
</head>
<body>
<main>
<h1>${escapeHtml(info.title)}</h1>
<p>${escapeHtml(info.description)} The machine-readable description is the <a href="${escapeHtml(info.prefix)}/openapi.json">OpenAPI 3.1 document</a>.</p>

<h2>Keys</h2>
<p>Every request except this page and the OpenAPI document needs a key from the newsroom. Send it in a header:</p>
<pre><code>curl -H "Authorization: Bearer gzk_…" "${escapeHtml(base)}/articles?edition=en&amp;limit=10"</code></pre>
<p>or, where a header cannot be set, as <code>?key=gzk_…</code>. A missing key answers 401 with the code <code>api_key_missing</code>; an unknown or revoked one 401 with <code>api_key_invalid</code>. Each key has a number of requests per minute; past it the answer is 429 <code>rate_limited</code> with a <code>Retry-After</code> header in seconds.</p>

<h2>Pages of articles</h2>
<p>Lists are newest first, by publication or, with <code>sort=updated</code>, by last change. Each answer has <code>next</code>: pass it as <code>cursor</code> with the same filters for the following page, until it is <code>null</code>.</p>
<pre><code>GET ${escapeHtml(info.prefix)}/articles?edition=en&amp;section=world&amp;limit=20
→ {"articles": [{"id": 42, "slug": "…", "url": "…", "title": "…", "dek": "…", "publishedAt": "…", "updatedAt": "…", "body": {"type": "doc", "content": […]}, "html": "…"}], "next": "WyJwdWJsaXNoZWQiLC…"}
GET ${escapeHtml(info.prefix)}/articles?edition=en&amp;section=world&amp;limit=20&amp;cursor=WyJwdWJsaXNoZWQiLC…</code></pre>
<p>To follow changes, keep the time of your last sync and ask for <code>updatedSince=2026-03-21T07:30:00Z&amp;sort=updated</code>.</p>

<h2>Caching</h2>
<p>Answers carry an <code>ETag</code>; send it back as <code>If-None-Match</code> and an unchanged answer is a 304 with no body. Errors carry <code>{"code", "message"}</code>: branch on <code>code</code>.</p>

<h2>Endpoints</h2>
${endpoints}
</main>
</body>
</html>
`;
}
