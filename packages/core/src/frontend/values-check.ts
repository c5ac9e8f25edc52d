// Checks of single values users write: durations, Kubernetes quantities and cron expressions.
// Each returns a reason string when the value is wrong, so callers report it where it was written.

const DURATION = /^(\d+(?:\.\d+)?)(s|m|h|d)$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** "30s", "30m", "2h", "1d" or a number of seconds, as whole seconds; undefined when invalid. */
export function durationSeconds(value: unknown): number | undefined {
  let seconds: number | undefined;
  if (typeof value === "number") seconds = value;
  else if (typeof value === "string") {
    const m = DURATION.exec(value.trim());
    if (m) seconds = Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  }
  return seconds !== undefined && Number.isInteger(seconds) && seconds > 0 ? seconds : undefined;
}

// The grammar of k8s.io/apimachinery resource.Quantity, without a sign: requests are never negative.
const QUANTITY = /^(\d+(\.\d*)?|\.\d+)(([KMGTPE]i)|[numkKMGTPE]|([eE][+-]?\d+))?$/;

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
