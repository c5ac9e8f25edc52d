// Small helpers for timing: medians, and clocks in milliseconds.

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

export const round = (x, digits = 1) => (x === undefined || Number.isNaN(x) ? "n/a" : x.toFixed(digits));
