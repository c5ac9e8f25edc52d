// Small helpers for timing: medians, and clocks in milliseconds.
import { PerformanceObserver, performance } from "node:perf_hooks";

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Wall-clock time of `fn`, in milliseconds. */
export function timeMs(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * CPU time (user + system, all of this process's threads) spent while `fn` runs, in
 * milliseconds. On a shared machine wall time grows with everyone else's load; CPU time mostly
 * does not, so comparisons made with it survive a busy neighbour.
 */
export function cpuMs(fn) {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** cpuMs(fn), with the clock times (performance.now()) it started and ended at. */
export function cpuSpan(fn) {
  const start = performance.now();
  const ms = cpuMs(fn);
  return { ms, start, end: performance.now() };
}

/**
 * Starts recording when each garbage collection of this process starts (performance.now()
 * times). `stop()` waits for the observer's last entries, which arrive after the code that
 * caused them, and returns the times.
 */
export function recordCollections() {
  const starts = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) starts.push(entry.startTime);
  });
  observer.observe({ entryTypes: ["gc"] });
  return {
    async stop() {
      await new Promise((resolve) => setTimeout(resolve, 50));
      observer.disconnect();
      return starts;
    },
  };
}

export const round = (x, digits = 1) => (x === undefined || Number.isNaN(x) ? "n/a" : x.toFixed(digits));

/** The value below which a share `q` (0..1) of `values` lies, by nearest rank. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/**
 * Compile against parse over paired runs ({ compileMs, parseMs } each). `ratio` is the total
 * compile CPU over the total parse CPU: what a warm process pays per compile for each parse's
 * worth, collections included wherever they fell. The per-run ratios are kept as a median and
 * quartiles; they are not one hump but three (bench/README.md, fifth round): a run whose compile
 * took a young-generation collection (about 4x), a run whose parse took it (about 1.1x), and a
 * run with none (about 2.2x), so their median jumps between humps with the share of runs in each.
 */
export function pairedRatio(samples) {
  const perRun = samples.map((s) => s.compileMs / s.parseMs);
  const total = (key) => samples.reduce((sum, s) => sum + s[key], 0);
  return { ratio: total("compileMs") / total("parseMs"), perRun: { median: median(perRun), p25: quantile(perRun, 0.25), p75: quantile(perRun, 0.75) } };
}
