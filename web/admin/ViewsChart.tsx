/**
 * Views per hour as a uPlot line chart, with the same numbers in a table for screen readers and
 * anyone who prefers them. uPlot is loaded on first use, so the rest of the app does not carry it;
 * its stylesheet comes with admin.css.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type uPlot from "uplot";
import { chartColumns, chartSummary, type HourPoint } from "./audience.js";
import { formatDateTime } from "./ui.js";

const HEIGHT = 220;

export function ViewsChart({ points, timeZone }: { points: readonly HourPoint[]; timeZone?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const formatHour = (iso: string) => formatDateTime(iso, timeZone);
  const summary = chartSummary(points, formatHour);

  useEffect(() => {
    const element = box.current;
    if (!element || points.length === 0) return;
    let chart: uPlot | undefined;
    let observer: ResizeObserver | undefined;
    let stopped = false;
    import("uplot").then(
      ({ default: UPlot }) => {
        if (stopped) return;
        const width = () => Math.max(280, element.clientWidth);
        chart = new UPlot(
          {
            width: width(),
            height: HEIGHT,
            scales: { x: { time: true } },
            legend: { show: false },
            cursor: { y: false },
            series: [{}, { label: "Views", stroke: "#1d4ed8", width: 2, fill: "rgba(29, 78, 216, 0.12)" }],
            axes: [{}, { size: 48 }],
          },
          chartColumns(points),
          element,
        );
        // Follows the screen's width: a phone held upright, a desktop window resized.
        observer = new ResizeObserver(() => chart?.setSize({ width: width(), height: HEIGHT }));
        observer.observe(element);
      },
      () => setFailed(true),
    );
    return () => {
      stopped = true;
      observer?.disconnect();
      chart?.destroy();
    };
  }, [points]);

  if (points.length === 0) return <p class="muted">No views counted for this story yet.</p>;
  return (
    <figure class="views-chart">
      <div ref={box} class="views-chart__plot" role="img" aria-label={summary} />
      {failed && <p class="muted">The chart could not be drawn; the numbers are in the table below.</p>}
      <figcaption class="muted">{summary}</figcaption>
      <details class="views-chart__table">
        <summary>Views per hour as a table</summary>
        <table class="table">
          <caption class="visually-hidden">Views per hour</caption>
          <thead>
            <tr>
              <th scope="col">Hour from</th>
              <th scope="col">Views</th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.hour}>
                <td>{formatHour(point.hour)}</td>
                <td>{point.views}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
