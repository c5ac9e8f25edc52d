import type { Backend } from "@sluice/core/backend";

/**
 * Back-end options on the command line: every key of a back end's zod `options` object becomes
 * `--<backend>-<key-in-kebab-case> VALUE` (`--argo-kind template`, `--airflow-version 2`).
 * Values arrive as text; `parseBackendOptions` lets the schema decide what they mean.
 */

/** A zod schema, named through the Backend type so that the CLI need not depend on zod. */
type Schema = Backend<any>["options"];

export interface BackendFlag {
  backend: string;
  key: string;
  flag: string;
  description: string;
}

/** The flags a back end accepts, from the keys of its options schema (none if not an object). */
export function backendFlags(backend: Backend<any>): BackendFlag[] {
  const shape = objectShape(backend.options);
  if (!shape) return [];
  return Object.keys(shape).map((key) => ({
    backend: backend.name,
    key,
    flag: `--${backend.name}-${kebabCase(key)}`,
    description: describe(shape[key]!) ?? `${backend.name} back-end option: ${valueHint(shape[key]!)}`,
  }));
}

export type ParsedOptions = { ok: true; options: unknown } | { ok: false; message: string };

/**
 * Validates a back end's options with its schema. `raw` values may be text from the command
 * line: a value the schema refuses as text is tried again as JSON, so `--airflow-version 2`
 * works whether the schema wants "2" or 2, and lists or objects can be given as JSON.
 */
export function parseBackendOptions(backend: Backend<any>, raw: Record<string, unknown>): ParsedOptions {
  const shape = objectShape(backend.options) ?? {};
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) values[key] = typeof value === "string" && shape[key] ? coerce(shape[key]!, value) : value;
  const result = backend.options.safeParse(values);
  if (result.success) return { ok: true, options: result.data };
  const message = result.error.issues
    .map((issue) => {
      const key = issue.path.length > 0 ? String(issue.path[0]) : undefined;
      const where = key ? `--${backend.name}-${kebabCase(key)}` : `${backend.name} options`;
      return `${where}: ${issue.message}`;
    })
    .join("; ");
  return { ok: false, message };
}

function coerce(schema: Schema, text: string): unknown {
  if (schema.safeParse(text).success) return text;
  try {
    const json: unknown = JSON.parse(text);
    if (schema.safeParse(json).success) return json;
  } catch {
    // Not JSON either: keep the text so that the schema's own message explains the problem.
  }
  return text;
}

/** The shape of an object schema, looking through optional/default/pipe wrappers. */
function objectShape(schema: Schema): Record<string, Schema> | undefined {
  let current: any = schema;
  for (let depth = 0; current && depth < 10; depth++) {
    const def = current.def ?? current._def;
    if (!def) return undefined;
    if (def.type === "object") return def.shape as Record<string, Schema>;
    current = def.innerType ?? def.in ?? def.schema;
  }
  return undefined;
}

/** `workflow | template (default: workflow)`, read from the schema, for `--help`. */
export function valueHint(schema: Schema): string {
  let current: any = schema;
  let fallback: unknown;
  for (let depth = 0; current && depth < 10; depth++) {
    const def = current.def ?? current._def;
    if (!def) break;
    if (def.type === "default") fallback = typeof def.defaultValue === "function" ? def.defaultValue() : def.defaultValue;
    if (def.type === "enum") return withDefault(Object.values(def.entries as Record<string, string>).join(" | "), fallback);
    if (def.type === "boolean") return withDefault("true | false", fallback);
    if (def.type === "number") return withDefault("a number", fallback);
    if (def.type === "string") return withDefault("text", fallback);
    if (def.type !== "default" && def.type !== "optional" && def.type !== "nullable" && def.type !== "prefault") return withDefault("JSON", fallback);
    current = def.innerType;
  }
  return withDefault("a value", fallback);
}

function withDefault(values: string, fallback: unknown): string {
  return fallback === undefined ? values : `${values} (default: ${String(fallback)})`;
}

function describe(schema: Schema): string | undefined {
  return (schema as { description?: string }).description;
}

export function kebabCase(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1-$2").replace(/_/g, "-").toLowerCase();
}
