/** An open editor tab learns when someone else moves the story on (publishes it, returns it…). */
import { useEffect, useRef } from "preact/hooks";
import { api } from "./api.js";
import type { ArticleStatus, RevisionLabel } from "./types.js";

/** How often an open story asks the server: often enough to stop work on a changed story soon. */
export const STATUS_POLL_MS = 15_000;

export interface ArticleStatusInfo {
  id: number;
  status: ArticleStatus;
  version: number;
  changed: boolean;
  lastChange: { label: RevisionLabel; by: string | null; at: string } | null;
  returnNote: { message: string; by: string | null; at: string } | null;
}

/**
 * Polls `GET /articles/{id}/status?since={version}` and calls `onMoved` when the story's status
 * is no longer the one the tab shows (the tab's own saves keep `version` and `status` current, so
 * only someone else's step counts). A failed poll is skipped: the next one tries again.
 */
export function useStatusWatch(
  id: number,
  current: { version: number; status: ArticleStatus },
  onMoved: (info: ArticleStatusInfo) => void,
  intervalMs = STATUS_POLL_MS,
): void {
  const latest = useRef({ current, onMoved });
  latest.current = { current, onMoved };
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      const { version } = latest.current.current;
      try {
        const info = await api.get<ArticleStatusInfo>(`/articles/${id}/status?since=${version}`);
        // The tab may have saved or published while the poll was out: judge the answer against
        // what the tab shows now, so its own step is never taken for someone else's.
        const now = latest.current.current;
        if (!stopped && isMovedUnder(info, now)) latest.current.onMoved(info);
      } catch {
        // Offline for a moment, or signed out (the app handles that): the next poll tries again.
      }
    };
    const timer = setInterval(() => void poll(), intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [id, intervalMs]);
}

/** True when someone else moved the story: a newer version than the tab's, in another status. */
export function isMovedUnder(info: ArticleStatusInfo, shown: { version: number; status: ArticleStatus }): boolean {
  return info.changed && info.version > shown.version && info.status !== shown.status;
}

/** The sentence a tab shows when the story moved under it. */
export function describeMove(info: ArticleStatusInfo): string {
  const who = info.lastChange?.by ?? "Someone";
  switch (info.lastChange?.label) {
    case "returned":
      return `${who} returned this story to its author.`;
    case "published":
      return `${who} published this story.`;
    case "scheduled":
      return `${who} scheduled this story.`;
    case "submitted":
      return `${who} submitted this story for review.`;
    case "unpublished":
      return `${who} took this story off the site.`;
    case "archived":
      return `${who} archived this story.`;
    case "held":
      return "The publication check held this story at its scheduled time: it is back in review.";
    default:
      return `${who} changed this story's status.`;
  }
}
