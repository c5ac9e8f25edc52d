import { readFileSync, statSync } from "node:fs";

/**
 * The one JSON form of a metrics artifact that `sluice runs` reads (docs/run.md):
 *   { "accuracy": 0.93, "loss": 0.21 }                 numbers by name (nested objects are
 *                                                      flattened with dots: {"val": {"f1": 0.8}}
 *                                                      gives "val.f1");
 * and, so that steps written for Kubeflow work unchanged, KFP's Metrics shape:
 *   { "metrics": [ { "name": "accuracy", "numberValue": 0.93 } ] }
 * Anything else (not JSON, a folder, non-numbers) yields no metrics, and the reason.
 */
export function readMetricsFile(path: string): { metrics: { name: string; value: number }[]; problem?: string } {
  if (statSync(path).isDirectory()) return { metrics: [], problem: "a folder, not a JSON file" };
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return { metrics: [], problem: "not JSON" };
  }
  return parseMetrics(doc);
}

export function parseMetrics(doc: unknown): { metrics: { name: string; value: number }[]; problem?: string } {
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return { metrics: [], problem: "not a JSON object" };
  const list = (doc as { metrics?: unknown }).metrics;
  if (Array.isArray(list)) {
    const metrics = list
      .filter((m): m is { name: string; numberValue: number } => typeof m?.name === "string" && typeof m?.numberValue === "number" && Number.isFinite(m.numberValue))
      .map((m) => ({ name: m.name, value: m.numberValue }));
    return { metrics };
  }
  const metrics: { name: string; value: number }[] = [];
  flatten(doc as Record<string, unknown>, "", metrics);
  return { metrics };
}

function flatten(obj: Record<string, unknown>, prefix: string, out: { name: string; value: number }[]): void {
  for (const [key, v] of Object.entries(obj)) {
    if (typeof v === "number" && Number.isFinite(v)) out.push({ name: prefix + key, value: v });
    else if (typeof v === "boolean") out.push({ name: prefix + key, value: v ? 1 : 0 });
    else if (v && typeof v === "object" && !Array.isArray(v)) flatten(v as Record<string, unknown>, `${prefix}${key}.`, out);
  }
}
