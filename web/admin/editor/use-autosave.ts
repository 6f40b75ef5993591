import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api.js";

/** How long typing may pause before the article is saved. */
export const AUTOSAVE_MS = 3000;

export type SaveState = "saved" | "dirty" | "saving" | "error" | "conflict";

export interface Autosave {
  state: SaveState;
  /** Why the last save failed (shown under the state), null after a good one. */
  error: unknown;
  /** The server's 409 when someone else saved a newer version: saving stops until a reload. */
  conflict: ApiError | null;
  savedAt: string | null;
  /** Marks an edit: the next autosave sends it. */
  changed(): void;
  /** Saves if anything changed; resolves false when the save failed (the reason is in `error`). */
  save(): Promise<boolean>;
  /** "Save now": tries again even the state whose save just failed. */
  retry(): Promise<boolean>;
  /** Stops saving into a version this tab no longer has (someone moved the story on). */
  stop(): void;
  /** Forgets unsaved edits (the form is about to start again from the server's version). */
  forget(): void;
}

/**
 * Autosave with optimistic concurrency: each edit bumps a counter, a timer saves a few seconds after
 * the last one (never twice at once, never the exact state that just failed), leaving the page
 * with unsaved edits asks first, and a 409 `conflict` stops all saving. `send` does the request
 * and applies its answer; it throws to fail.
 */
export function useAutosave(send: () => Promise<void>): Autosave {
  const sendRef = useRef(send);
  sendRef.current = send;
  const seq = useRef(0);
  const savedSeq = useRef(0);
  const failedSeq = useRef(-1);
  const saving = useRef<Promise<boolean> | null>(null);
  const stopped = useRef(false);
  const [state, setState] = useState<SaveState>("saved");
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);

  const changed = useCallback(() => {
    seq.current += 1;
    setState((current) => (current === "conflict" ? current : "dirty"));
  }, []);

  const save = useCallback(async (): Promise<boolean> => {
    if (stopped.current) return false;
    if (saving.current) await saving.current;
    const at = seq.current;
    if (at === savedSeq.current) return true;
    const run = (async () => {
      setState("saving");
      try {
        await sendRef.current();
        savedSeq.current = at;
        setError(null);
        setSavedAt(new Date().toISOString());
        setState(seq.current === at ? "saved" : "dirty");
        return true;
      } catch (failure) {
        if (failure instanceof ApiError && failure.status === 409 && failure.code === "conflict") {
          stopped.current = true;
          setConflict(failure);
          setState("conflict");
        } else {
          failedSeq.current = at;
          setError(failure);
          setState("error");
        }
        return false;
      } finally {
        saving.current = null;
      }
    })();
    saving.current = run;
    return run;
  }, []);

  useEffect(() => {
    const timer = setInterval(() => {
      if (seq.current !== savedSeq.current && seq.current !== failedSeq.current && !saving.current) void save();
    }, AUTOSAVE_MS);
    return () => clearInterval(timer);
  }, [save]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (seq.current !== savedSeq.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  return {
    state,
    error,
    conflict,
    savedAt,
    changed,
    save,
    retry: () => {
      failedSeq.current = -1;
      return save();
    },
    stop: () => {
      stopped.current = true;
    },
    forget: () => {
      seq.current = savedSeq.current;
    },
  };
}
