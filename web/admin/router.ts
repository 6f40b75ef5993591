/** History routing under /admin: every screen has its own address, so reload and the back button work. */
import { useEffect, useState } from "preact/hooks";
import { requestNavigationFocus } from "./focus.js";

export const BASE = "/admin";

export type Route =
  | { name: "dashboard" }
  | { name: "signIn" }
  | { name: "forgotPassword" }
  | { name: "setup" }
  | { name: "acceptInvitation" }
  | { name: "resetPassword" }
  | { name: "articles"; edition?: string; status?: string; q?: string }
  | { name: "newArticle"; edition?: string }
  | { name: "article"; id: number }
  | { name: "liveDesk"; id: number }
  | { name: "articleStats"; id: number }
  | { name: "audience"; edition?: string }
  | { name: "audienceReports"; edition?: string; days?: number }
  | { name: "media" }
  | { name: "taxonomy"; kind: "sections" | "tags" | "people" }
  | { name: "settings"; edition?: string }
  | { name: "publicationCheck" }
  | { name: "banner"; edition?: string }
  | { name: "crisis" }
  | { name: "staff" }
  | { name: "tokens" }
  | { name: "apiKeys" }
  | { name: "mirrors" }
  | { name: "audit" }
  | { name: "outbox" }
  | { name: "push" }
  | { name: "webhooks" }
  | { name: "maps" }
  | { name: "map"; id: number }
  | { name: "newsletters" }
  | { name: "newsletterList"; id: number }
  | { name: "newsletterIssue"; id: number }
  | { name: "account" }
  | { name: "revenue" }
  | { name: "supporters" }
  | { name: "revenueSettings" }
  | { name: "telegram" }
  | { name: "imports"; run?: number }
  | { name: "redirects" }
  | {
      name: "planning";
      view?: "week" | "day";
      date?: string;
      edition?: string;
      sectionId?: number;
      assigneeId?: number;
    }
  | { name: "myAssignments" }
  | { name: "notFound" };

/** Screens one sees without being signed in: the one-time links and signing in itself. */
export const PUBLIC_ROUTES = new Set<Route["name"]>([
  "signIn",
  "forgotPassword",
  "setup",
  "acceptInvitation",
  "resetPassword",
]);

function param(search: URLSearchParams, key: string): string | undefined {
  const value = search.get(key)?.trim();
  return value ? value : undefined;
}

export function parseRoute(pathname: string, search = ""): Route {
  const query = new URLSearchParams(search);
  const path = pathname.replace(/\/+$/, "");
  if (path !== BASE && !path.startsWith(`${BASE}/`)) return { name: "notFound" };
  const segments = path.slice(BASE.length).split("/").filter(Boolean);
  const [first, second, third, fourth] = segments;
  if (fourth !== undefined) return { name: "notFound" };
  // Only an article's live desk and audience numbers are three segments deep.
  if (third !== undefined && !(first === "articles" && (third === "live" || third === "stats"))) {
    return { name: "notFound" };
  }
  switch (first) {
    case undefined:
      return { name: "dashboard" };
    case "sign-in":
      return second ? { name: "notFound" } : { name: "signIn" };
    case "forgot-password":
      return second ? { name: "notFound" } : { name: "forgotPassword" };
    case "setup":
      return second ? { name: "notFound" } : { name: "setup" };
    // The staff mailer links to /admin/invitation and /admin/reset-password; the short forms work too.
    case "invite":
    case "invitation":
      return second ? { name: "notFound" } : { name: "acceptInvitation" };
    case "reset":
    case "reset-password":
      return second ? { name: "notFound" } : { name: "resetPassword" };
    case "articles": {
      if (second === undefined) {
        const route: Route = { name: "articles" };
        const edition = param(query, "edition");
        const status = param(query, "status");
        const q = param(query, "q");
        return { ...route, ...(edition ? { edition } : {}), ...(status ? { status } : {}), ...(q ? { q } : {}) };
      }
      if (second === "new") {
        if (third !== undefined) return { name: "notFound" };
        const edition = param(query, "edition");
        return edition ? { name: "newArticle", edition } : { name: "newArticle" };
      }
      const id = Number(second);
      if (!(Number.isSafeInteger(id) && id > 0 && /^\d+$/.test(second))) return { name: "notFound" };
      if (third === "stats") return { name: "articleStats", id };
      return third === "live" ? { name: "liveDesk", id } : { name: "article", id };
    }
    case "maps": {
      if (second === undefined) return { name: "maps" };
      const id = Number(second);
      return /^\d+$/.test(second) && Number.isSafeInteger(id) && id > 0 ? { name: "map", id } : { name: "notFound" };
    }
    case "media":
    case "staff":
    case "tokens":
    case "outbox":
    case "push":
    case "webhooks":
    case "account":
    case "telegram":
    case "mirrors":
    case "audit":
      return second ? { name: "notFound" } : { name: first };
    case "api-keys":
      return second ? { name: "notFound" } : { name: "apiKeys" };
    case "imports": {
      if (second) return { name: "notFound" };
      const run = param(query, "run");
      const id = Number(run);
      return run && /^\d+$/.test(run) && Number.isSafeInteger(id) && id > 0
        ? { name: "imports", run: id }
        : { name: "imports" };
    }
    case "redirects":
      return second ? { name: "notFound" } : { name: "redirects" };
    case "audience": {
      const edition = param(query, "edition");
      if (second === "reports") {
        const days = positiveId(param(query, "days"));
        return { name: "audienceReports", ...(edition ? { edition } : {}), ...(days ? { days } : {}) };
      }
      if (second) return { name: "notFound" };
      return edition ? { name: "audience", edition } : { name: "audience" };
    }
    case "planning": {
      if (second === "mine") return { name: "myAssignments" };
      if (second) return { name: "notFound" };
      const view = param(query, "view");
      const date = param(query, "date");
      const edition = param(query, "edition");
      const sectionId = positiveId(param(query, "section"));
      const assigneeId = positiveId(param(query, "person"));
      return {
        name: "planning",
        ...(view === "day" || view === "week" ? { view } : {}),
        ...(date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date } : {}),
        ...(edition ? { edition } : {}),
        ...(sectionId ? { sectionId } : {}),
        ...(assigneeId ? { assigneeId } : {}),
      };
    }
    case "newsletters":
    case "newsletter-issues": {
      if (second === undefined) return first === "newsletters" ? { name: "newsletters" } : { name: "notFound" };
      const id = Number(second);
      if (!/^\d+$/.test(second) || !Number.isSafeInteger(id) || id < 1) return { name: "notFound" };
      return first === "newsletters" ? { name: "newsletterList", id } : { name: "newsletterIssue", id };
    }
    case "sections":
    case "tags":
    case "people":
      return second ? { name: "notFound" } : { name: "taxonomy", kind: first };
    case "banner": {
      if (second) return { name: "notFound" };
      const edition = param(query, "edition");
      return edition ? { name: "banner", edition } : { name: "banner" };
    }
    case "crisis":
      return second ? { name: "notFound" } : { name: "crisis" };
    case "revenue":
      if (second === undefined) return { name: "revenue" };
      if (second === "supporters") return { name: "supporters" };
      return second === "settings" ? { name: "revenueSettings" } : { name: "notFound" };
    case "settings": {
      if (second === "publication-check") return { name: "publicationCheck" };
      if (second) return { name: "notFound" };
      const edition = param(query, "edition");
      return edition ? { name: "settings", edition } : { name: "settings" };
    }
    default:
      return { name: "notFound" };
  }
}

function positiveId(text: string | undefined): number | undefined {
  const id = Number(text);
  return text && /^\d+$/.test(text) && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** The token of a one-time link: `#token=…` keeps it out of server logs and Referer headers. */
export function tokenFromHash(hash: string): string | undefined {
  const value = new URLSearchParams(hash.replace(/^#/, "")).get("token")?.trim();
  return value ? value : undefined;
}

const CHANGE = "gazette:navigate";

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  requestNavigationFocus();
  if (options.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  window.dispatchEvent(new Event(CHANGE));
}

export interface Location {
  pathname: string;
  search: string;
  hash: string;
}

function current(): Location {
  return { pathname: location.pathname, search: location.search, hash: location.hash };
}

/** The current address; re-renders on navigation, back/forward, and hash changes. */
export function useLocation(): Location {
  const [value, setValue] = useState(current);
  useEffect(() => {
    const update = () => setValue(current());
    const back = () => {
      requestNavigationFocus();
      update();
    };
    window.addEventListener("popstate", back);
    window.addEventListener("hashchange", update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener("popstate", back);
      window.removeEventListener("hashchange", update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return value;
}

/**
 * Turns clicks on same-origin links under /admin into in-app navigation (modified clicks,
 * downloads and other targets keep the browser's behaviour).
 */
export function interceptLinks(root: HTMLElement): () => void {
  const onClick = (event: MouseEvent) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const link = (event.target as Element | null)?.closest("a");
    if (!link || link.target || link.hasAttribute("download")) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !(url.pathname === BASE || url.pathname.startsWith(`${BASE}/`))) return;
    if (url.pathname.startsWith(`${BASE}/api/`)) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
  root.addEventListener("click", onClick);
  return () => root.removeEventListener("click", onClick);
}
