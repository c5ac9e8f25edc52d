import { asciiFolded, shortHash } from "@sluice/core/backend";

/**
 * Airflow names (see docs/targets/airflow.md, "Naming").
 *
 * Task, group and DAG ids may hold only ASCII letters, digits, `_`, `-` and `.`, and a task's full
 * id (its TaskGroup prefixes joined by `.`) is at most 250 characters. Sluice never puts a dot in
 * an id it makes, so the only dots in a full id are the group separators. An id that had to change
 * keeps a readable part and gets `_` plus a short hash of the original, so two originals that
 * clean up alike still differ; callers check for collisions on the full ids afterwards. The
 * original text goes to task_display_name / dag_display_name.
 *
 * Length budget: a task id gets the room its TaskGroup prefix leaves (250 minus the prefix and
 * its dot). A TaskGroup id takes at most half of that room, so the ids inside it always keep
 * room of their own, however long the names. Only nesting so deep that not even a hash fits is
 * left over: build-dag.ts reports any full id past 250 characters as a located error (SLU4009).
 */
export const MAX_TASK_ID_LENGTH = 250;
/** The shortest id the budget gives out: one readable character, `_` and the six-character hash. */
const MIN_ID_LENGTH = 8;

export function airflowId(original: string, maxLength = MAX_TASK_ID_LENGTH): string {
  const cleaned = asciiFolded(original).replace(/[^A-Za-z0-9_-]+/g, "_");
  if (cleaned === original && cleaned.length > 0 && cleaned.length <= maxLength) return cleaned;
  const suffix = shortHash(original);
  const room = Math.max(1, maxLength - suffix.length - 1);
  return `${cleaned.slice(0, room) || "x"}_${suffix}`;
}

/** A task id inside the given TaskGroup prefix, keeping the full id within Airflow's limit. */
export function taskIdIn(prefix: string, original: string): { local: string; full: string } {
  return idIn(prefix, original, roomIn(prefix));
}

/** A TaskGroup id inside the given prefix: at most half the room left, so its tasks keep room. */
export function groupIdIn(prefix: string, original: string): { local: string; full: string } {
  return idIn(prefix, original, Math.floor((roomIn(prefix) - 1) / 2));
}

function roomIn(prefix: string): number {
  return MAX_TASK_ID_LENGTH - (prefix ? prefix.length + 1 : 0);
}

function idIn(prefix: string, original: string, budget: number): { local: string; full: string } {
  const local = airflowId(original, Math.max(MIN_ID_LENGTH, budget));
  return { local, full: prefix ? `${prefix}.${local}` : local };
}

/** The DAG id: the pipeline name made an Airflow id (the original goes to dag_display_name). */
export function dagId(pipelineName: string): string {
  return airflowId(pipelineName);
}

/**
 * The output file: a valid Python module name made from the DAG id, at most 200 characters
 * before `.py` (file systems allow 255 bytes), shortened with a hash of the id past that.
 */
export function moduleFileName(dagIdText: string): string {
  const cleaned = dagIdText.replace(/[^A-Za-z0-9_]/g, "_");
  const base = /^[0-9]/.test(cleaned) ? `dag_${cleaned}` : cleaned;
  return `${base.length <= 200 ? base : `${base.slice(0, 193)}_${shortHash(dagIdText)}`}.py`;
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
