// Small helpers for timing: medians and a monotonic clock in milliseconds.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `fn` and returns how long it took, in milliseconds. */
export function timeMs(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export const round = (x, digits = 1) => (x === undefined || Number.isNaN(x) ? "n/a" : x.toFixed(digits));
