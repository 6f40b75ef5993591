/**
 * The admin API client. Every error becomes an ApiError carrying the server's `{ code, message,
 * details }`, so screens show the person what the API said. State-changing requests carry the
 * session's CSRF token.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** The whole error answer, for contracts that put fields beside `code` (the publication check's `findings`). */
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const API_BASE = "/admin/api";

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Listeners told when the API answers 401 to a signed-in request (the session ended elsewhere). */
const unauthorizedListeners = new Set<() => void>();
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Listeners told when the API refuses a request until two-factor sign-in is set up (the owner's rule). */
const setupRequiredListeners = new Set<() => void>();
export function onTwoFactorSetupRequired(listener: () => void): () => void {
  setupRequiredListeners.add(listener);
  return () => setupRequiredListeners.delete(listener);
}

const FALLBACK: Record<number, string> = {
  0: "The server could not be reached. Check your connection and try again.",
  413: "The file or text is too large.",
  429: "Too many attempts. Wait a moment and try again.",
  502: "The server is not answering right now. Try again in a moment.",
  503: "The server is busy or restarting. Try again in a moment.",
};

/** Reads an error answer; falls back to a plain sentence when the body is not the API's JSON. */
export function errorFromResponse(status: number, bodyText: string): ApiError {
  try {
    const body = JSON.parse(bodyText) as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof body.message === "string" && body.message) {
      return new ApiError(
        status,
        typeof body.code === "string" ? body.code : "error",
        body.message,
        body.details,
        body as Record<string, unknown>,
      );
    }
  } catch {
    // Not JSON (a proxy's error page): use the fallback below.
  }
  return new ApiError(status, "error", FALLBACK[status] ?? `The server answered with an error (HTTP ${status}).`);
}

function notifyUnauthorized(path: string, status: number, code: string): void {
  if (status === 401 && code === "unauthorized" && !path.startsWith("/auth/")) {
    for (const listener of unauthorizedListeners) listener();
  }
  if (status === 403 && code === "two_factor_setup_required") {
    for (const listener of setupRequiredListeners) listener();
  }
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && method !== "HEAD" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "network_error", FALLBACK[0]!);
  }
  const text = await response.text();
  if (!response.ok) {
    const error = errorFromResponse(response.status, text);
    notifyUnauthorized(path, response.status, error.code);
    throw error;
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  delete: <T = void>(path: string) => request<T>("DELETE", path),
};

/** A query string from the defined values only: `query({ a: 1, b: undefined })` → "?a=1". */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/**
 * Sends a multipart form with XMLHttpRequest, whose `upload.onprogress` reports bytes sent
 * (fetch cannot), and resolves with the JSON answer.
 */
export function upload<T>(path: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${API_BASE}${path}`);
    xhr.setRequestHeader("accept", "application/json");
    if (csrfToken) xhr.setRequestHeader("x-csrf-token", csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, "error", "The server's answer could not be read."));
        }
      } else {
        const error = errorFromResponse(xhr.status, xhr.responseText);
        notifyUnauthorized(path, xhr.status, error.code);
        reject(error);
      }
    };
    xhr.onerror = () => reject(new ApiError(0, "network_error", FALLBACK[0]!));
    xhr.onabort = () => reject(new ApiError(0, "aborted", "The upload was cancelled."));
    xhr.send(form);
  });
}

/** A message to show for anything thrown by a request. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}
