import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startLivePoll, type VisibilitySource } from "./live-poll.js";

class FakePage implements VisibilitySource {
  visibilityState: DocumentVisibilityState = "visible";
  private readonly listeners = new Set<() => void>();
  addEventListener(_type: "visibilitychange", listener: () => void) {
    this.listeners.add(listener);
  }
  removeEventListener(_type: "visibilitychange", listener: () => void) {
    this.listeners.delete(listener);
  }
  show(state: DocumentVisibilityState) {
    this.visibilityState = state;
    for (const listener of this.listeners) listener();
  }
  get listening() {
    return this.listeners.size;
  }
}

describe("startLivePoll", () => {
  let page: FakePage;
  let calls: number;
  const seen: number[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    page = new FakePage();
    calls = 0;
    seen.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  const start = (load = async () => ++calls) =>
    startLivePoll({ load, onData: (value) => seen.push(value), onError: () => {}, intervalMs: 5_000, page });

  it("asks at once and then every interval while the page is visible", async () => {
    const stop = start();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([1]);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(seen).toEqual([1, 2, 3, 4]);
    stop();
  });

  it("stops asking while the tab is hidden and asks at once when it is shown again", async () => {
    const stop = start();
    await vi.advanceTimersByTimeAsync(0);
    page.show("hidden");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(1);
    page.show("visible");
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toBe(3);
    stop();
  });

  it("asks nothing more, reports nothing and stops listening once stopped", async () => {
    let finish: (value: number) => void = () => {};
    const stop = start(() => new Promise<number>((resolve) => (finish = resolve)));
    await vi.advanceTimersByTimeAsync(0);
    stop();
    finish(99);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(seen).toEqual([]);
    expect(page.listening).toBe(0);
  });

  it("keeps polling after a failed request", async () => {
    const errors: unknown[] = [];
    let n = 0;
    const stop = startLivePoll({
      load: async () => {
        n++;
        if (n === 1) throw new Error("offline");
        return n;
      },
      onData: (value) => seen.push(value),
      onError: (error) => errors.push(error),
      intervalMs: 5_000,
      page,
    });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(errors).toHaveLength(1);
    expect(seen).toEqual([2]);
    stop();
  });

  it("never runs two requests at once when the tab is shown while one is out", async () => {
    let finish: (value: number) => void = () => {};
    const stop = start(() => {
      calls++;
      return new Promise<number>((resolve) => (finish = resolve));
    });
    await vi.advanceTimersByTimeAsync(0);
    page.show("hidden");
    page.show("visible");
    expect(calls).toBe(1);
    finish(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([1]);
    stop();
  });
});
