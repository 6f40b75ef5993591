/** The "Review (n)" entry of the navigation: how many stories wait for an editor. */
import { useEffect, useState } from "preact/hooks";
import { api } from "./api.js";
import { STATUS_POLL_MS } from "./use-status-watch.js";

/** The label, with the count once known; asks again on the status poll's rhythm. */
export function ReviewNavLabel() {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let stopped = false;
    const load = async () => {
      try {
        const answer = await api.get<{ count: number }>("/articles/awaiting-review");
        if (!stopped) setCount(answer.count);
      } catch {
        // The count is a hint: a failed request leaves the last one until the next try.
      }
    };
    void load();
    const timer = setInterval(() => void load(), STATUS_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return (
    <>
      Review
      {count !== null && (
        <span class={count > 0 ? "nav-badge" : undefined}>
          {" "}
          ({count})<span class="visually-hidden"> {count === 1 ? "story waits" : "stories wait"} for review</span>
        </span>
      )}
    </>
  );
}
