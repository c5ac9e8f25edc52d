import { shortHash } from "@sluice/core/backend";

/**
 * Airflow names (see docs/targets/airflow.md, "Naming").
 *
 * Task, group and DAG ids may hold only ASCII letters, digits, `_`, `-` and `.`, and a task's full
 * id (its TaskGroup prefixes joined by `.`) is at most 250 characters. Sluice never puts a dot in
 * an id it makes, so the only dots in a full id are the group separators. An id that had to change
 * keeps a readable part and gets `_` plus a short hash of the original, so two originals that
 * clean up alike still differ; callers check for collisions on the full ids afterwards. The
 * original text goes to task_display_name / dag_display_name.
 */
export const MAX_TASK_ID_LENGTH = 250;

export function airflowId(original: string, maxLength = MAX_TASK_ID_LENGTH): string {
  const cleaned = original.replace(/[^A-Za-z0-9_-]+/g, "_");
  if (cleaned === original && cleaned.length > 0 && cleaned.length <= maxLength) return cleaned;
  const suffix = shortHash(original);
  const room = Math.max(1, maxLength - suffix.length - 1);
  return `${cleaned.slice(0, room) || "x"}_${suffix}`;
}

/** A task id inside the given TaskGroup prefix, keeping the full id within Airflow's limit. */
export function taskIdIn(prefix: string, original: string): { local: string; full: string } {
  const room = MAX_TASK_ID_LENGTH - (prefix ? prefix.length + 1 : 0);
  const local = airflowId(original, Math.max(8, room));
  return { local, full: prefix ? `${prefix}.${local}` : local };
}

/** The output file: a valid Python module name made from the pipeline name. */
export function moduleFileName(pipelineName: string): string {
  const base = pipelineName.replace(/[^A-Za-z0-9_]/g, "_");
  return `${/^[0-9]/.test(base) ? `dag_${base}` : base}.py`;
}

/**
 * Python variable names in the generated file. They are generated (`task_1`, `branch_2`), never
 * derived from user names, so no keyword, soft keyword or NFKC-equivalent name can clash.
 */
export class PyNames {
  private counters = new Map<string, number>();
  next(kind: string): string {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return `${kind}_${n}`;
  }
}
