// Checks of single values users write: durations, Kubernetes quantities and cron expressions.
// Each returns a reason string when the value is wrong, so callers report it where it was written.

const DURATION = /^(\d+(?:\.\d+)?)(s|m|h|d)$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/**
 * The largest count (seconds, retries, parallelism) every target can store: Argo reads
 * `activeDeadlineSeconds` and `retryStrategy.limit` as IntOrString (a 32-bit int), and larger
 * seconds also overflow Python's timedelta on Airflow. About 68 years.
 */
export const MAX_COUNT = 2_147_483_647;

/** A whole number from `min` to MAX_COUNT. */
export function isCount(value: unknown, min: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= MAX_COUNT;
}

/** "30s", "30m", "2h", "1d" or a number of seconds, as whole seconds up to MAX_COUNT; undefined when invalid. */
export function durationSeconds(value: unknown): number | undefined {
  let seconds: number | undefined;
  if (typeof value === "number") seconds = value;
  else if (typeof value === "string") {
    const m = DURATION.exec(value.trim());
    if (m) seconds = Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  }
  return isCount(seconds, 1) ? seconds : undefined;
}

// The grammar of k8s.io/apimachinery resource.Quantity, without a sign: requests are never negative.
/**
 * Kubernetes' rule for env var names (IsEnvVarName): letters, digits, `_`, `-`, `.`, not starting
 * with a digit. `A=B` would set a different variable, and an empty name is refused by the API server.
 */
export function isEnvVarName(name: string): boolean {
  return /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name);
}

const QUANTITY = /^(\d+(\.\d*)?|\.\d+)(([KMGTPE]i)|[numkKMGTPE]|([eE][+-]?\d+))?$/;

/**
 * Why a container image cannot be used, or undefined. Kubernetes refuses an empty image (Argo:
 * "container.image may not be empty") and one with white space around it; no image reference
 * holds white space or control characters anywhere, so a kubelet could never pull one. The
 * reference grammar itself is left to the registry, as kfp and Argo do.
 */
export function imageProblem(image: string): string | undefined {
  if (image.trim() === "") return "is empty";
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/u.test(image)) return "contains white space or a control character";
  return undefined;
}

export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

const CRON_MACROS = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const FIELDS: { name: string; min: number; max: number; names?: string[] }[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day of week", min: 0, max: 7, names: DAYS },
];

/**
 * Standard five-field cron (minute hour day-of-month month day-of-week) or one of the @macros:
 * the subset Argo CronWorkflows, KFP recurring runs and Airflow all accept.
 * Returns why the expression is invalid, or undefined when it is fine.
 */
export function cronProblem(cron: string): string | undefined {
  const text = cron.trim();
  if (text.startsWith("@")) return CRON_MACROS.has(text) ? undefined : `unknown macro ${text}`;
  const parts = text.split(/\s+/);
  if (parts.length !== 5) return `expected 5 fields (minute hour day-of-month month day-of-week), found ${parts.length}`;
  for (let i = 0; i < 5; i++) {
    const problem = cronFieldProblem(parts[i]!, FIELDS[i]!);
    if (problem) return problem;
  }
  return undefined;
}

function cronFieldProblem(field: string, spec: (typeof FIELDS)[number]): string | undefined {
  for (const item of field.split(",")) {
    const [range, step, extra] = item.split("/");
    if (extra !== undefined || range === undefined || range === "") return `bad ${spec.name} field "${field}"`;
    if (step !== undefined && !/^\d+$/.test(step)) return `bad step "${step}" in the ${spec.name} field`;
    // `*/0` divides by zero: Argo's cron parser and croniter refuse it only at run time.
    if (step !== undefined && Number(step) === 0) return `step 0 in the ${spec.name} field "${field}" (a step must be at least 1)`;
    if (range === "*") continue;
    const bounds = range.split("-");
    if (bounds.length > 2) return `bad range "${range}" in the ${spec.name} field`;
    for (const b of bounds) {
      const n = cronNumber(b, spec);
      if (n === undefined) return `"${b}" is not a valid ${spec.name} (${spec.min}-${spec.max})`;
    }
  }
  return undefined;
}

function cronNumber(text: string, spec: (typeof FIELDS)[number]): number | undefined {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + (spec.names === MONTHS ? 1 : 0);
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= spec.min && n <= spec.max ? n : undefined;
}
