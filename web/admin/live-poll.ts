/**
 * Asks for fresh numbers now and then every `intervalMs` while the page is visible: a hidden tab
 * stops asking and catches up the moment it is shown again; `stop()` (a screen unmounting) ends it
 * for good. One request at a time, and nothing is reported after `stop()`.
 */

/** What the poll needs of `document`: a test passes a stand-in. */
export interface VisibilitySource {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: "visibilitychange", listener: () => void): void;
  removeEventListener(type: "visibilitychange", listener: () => void): void;
}

export interface LivePollOptions<T> {
  load: () => Promise<T>;
  onData: (value: T) => void;
  onError: (error: unknown) => void;
  intervalMs: number;
  page?: VisibilitySource;
}

export function startLivePoll<T>({
  load,
  onData,
  onError,
  intervalMs,
  page = document,
}: LivePollOptions<T>): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  const hidden = () => page.visibilityState === "hidden";

  const tick = async (): Promise<void> => {
    timer = undefined;
    if (stopped || inFlight || hidden()) return;
    inFlight = true;
    try {
      const value = await load();
      if (!stopped) onData(value);
    } catch (error) {
      if (!stopped) onError(error);
    } finally {
      inFlight = false;
      if (!stopped && !hidden() && !timer) timer = setTimeout(() => void tick(), intervalMs);
    }
  };
  const onVisibility = () => {
    if (hidden()) {
      if (timer) clearTimeout(timer);
      timer = undefined;
    } else if (!timer && !inFlight) void tick();
  };

  page.addEventListener("visibilitychange", onVisibility);
  void tick();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    page.removeEventListener("visibilitychange", onVisibility);
  };
}
