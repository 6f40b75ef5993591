import { describe, expect, it } from "vitest";
import { BeaconService } from "./beacon.service.js";
import type { CounterBatch } from "./counter-batch.js";
import type { CounterSink } from "./counter-sinks.js";

const BROWSER = {
  userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/133.0",
  gpc: undefined,
  dnt: undefined,
};

/** A sink that fails while `failing` is set and otherwise remembers every count written. */
class FlakySink implements CounterSink {
  failing = false;
  readonly written = new Map<string, number>();

  async write(batch: CounterBatch): Promise<void> {
    if (this.failing) throw new Error("database is down");
    for (const [field, count] of batch.fields()) this.written.set(field, (this.written.get(field) ?? 0) + count);
  }

  async settle(): Promise<void> {}

  total(): number {
    return [...this.written.values()].reduce((a, b) => a + b, 0);
  }
}

function service(sink: CounterSink, enabled = true) {
  return new BeaconService({
    sink,
    editionExists: (code) => code === "uk",
    enabled,
    flushMs: 1000,
    now: () => new Date("2026-12-07T08:00:00.000Z"),
  });
}

const view = (article: number) =>
  JSON.stringify({ t: "view", e: "uk", a: String(article), r: "", u: "", m: "", d: "m" });

describe("BeaconService", () => {
  it("keeps the counts of a failed flush and writes them with the next one", async () => {
    const sink = new FlakySink();
    const beacons = service(sink);
    for (let i = 0; i < 30; i++) beacons.record(view(1 + (i % 3)), BROWSER);
    sink.failing = true;
    await expect(beacons.flush()).rejects.toThrow("database is down");
    expect(sink.total()).toBe(0);
    for (let i = 0; i < 6; i++) beacons.record(view(1), BROWSER);
    sink.failing = false;
    await beacons.flush();
    expect(sink.total()).toBe(36);
    // Nothing is written twice.
    await beacons.flush();
    expect(sink.total()).toBe(36);
  });

  it("drops new counters rather than grow without bound while the database is away", async () => {
    const sink = new FlakySink();
    sink.failing = true;
    const beacons = service(sink);
    for (let article = 1; article <= 100_050; article++) beacons.record(view(article), BROWSER);
    expect(beacons.dropped).toBe(50);
    await expect(beacons.flush()).rejects.toThrow();
    // Known counters still count; the dropped ones are reported, not kept.
    beacons.record(view(1), BROWSER);
    sink.failing = false;
    await beacons.flush();
    expect(sink.total()).toBe(100_001);
  });

  it("counts nothing when analytics is switched off", async () => {
    const sink = new FlakySink();
    const beacons = service(sink, false);
    beacons.record(view(1), BROWSER);
    beacons.recordPixel("uk", 1, BROWSER);
    await beacons.flush();
    expect(sink.total()).toBe(0);
  });

  it("writes what is left when it stops", async () => {
    const sink = new FlakySink();
    const beacons = service(sink);
    beacons.start();
    beacons.record(view(7), BROWSER);
    await beacons.stop();
    expect(sink.total()).toBe(1);
  });
});
