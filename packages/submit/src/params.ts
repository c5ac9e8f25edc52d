import type { JsonValue, Pipeline, PipelineParam, ScalarType } from "@sluice/core/backend";
import { SUBMIT_CODES, SubmitError } from "./errors.js";

/**
 * Reads `--param NAME=VALUE` flags against the pipeline's params, before anything is sent: an
 * unknown name, a value of the wrong type, a value outside the enum, or a missing required param
 * is a coded error naming the param. Values are typed (`epochs=10` becomes 10) so each client
 * can encode them for its target; params not given keep the default compiled into the files.
 */
export function checkParams(ir: Pipeline, given: readonly string[]): Record<string, JsonValue> {
  const declared = new Map(ir.spec.params.map((p) => [p.name, p]));
  const values: Record<string, JsonValue> = {};
  for (const flag of given) {
    const eq = flag.indexOf("=");
    if (eq <= 0) throw new SubmitError(SUBMIT_CODES.badParamSyntax, `--param "${flag}" is not NAME=VALUE`, "write --param epochs=10");
    const name = flag.slice(0, eq);
    const param = declared.get(name);
    if (!param) throw new SubmitError(SUBMIT_CODES.unknownParam, `pipeline "${ir.metadata.name}" has no param "${name}"`, paramsHint(ir));
    if (name in values) throw new SubmitError(SUBMIT_CODES.duplicateParam, `--param ${name} is given twice`);
    values[name] = readValue(param, flag.slice(eq + 1));
  }
  const missing = ir.spec.params.filter((p) => p.default === undefined && !(p.name in values));
  if (missing.length > 0) {
    const names = missing.map((p) => p.name).join(", ");
    throw new SubmitError(SUBMIT_CODES.missingParam, `pipeline "${ir.metadata.name}" needs a value for ${names} (no default)`, `add ${missing.map((p) => `--param ${p.name}=...`).join(" ")}`);
  }
  return values;
}

function paramsHint(ir: Pipeline): string {
  if (ir.spec.params.length === 0) return "this pipeline takes no params";
  return `its params are ${ir.spec.params.map((p) => `${p.name} (${describeType(p)})`).join(", ")}`;
}

function describeType(p: PipelineParam): string {
  const t = p.type;
  if (t.category === "param") return t.type;
  if (t.category === "paramList") return `list of ${t.items}`;
  return "artifact URI";
}

function readValue(param: PipelineParam, text: string): JsonValue {
  const t = param.type;
  let value: JsonValue;
  if (t.category === "param") value = readScalar(param, t.type, text);
  else if (t.category === "paramList") value = readList(param, t.items, text);
  else value = text;
  if (param.enum && !param.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    throw bad(param, text, `one of ${param.enum.map((e) => JSON.stringify(e)).join(", ")}`);
  }
  return value;
}

function readScalar(param: PipelineParam, type: ScalarType, text: string): JsonValue {
  switch (type) {
    case "string":
      return text;
    case "int":
      if (!/^-?\d+$/.test(text.trim())) throw bad(param, text, "an integer");
      return Number(text);
    case "float":
      if (text.trim() === "" || !Number.isFinite(Number(text))) throw bad(param, text, "a number");
      return Number(text);
    case "bool":
      if (text !== "true" && text !== "false") throw bad(param, text, "true or false");
      return text === "true";
    case "json":
      return parseJson(param, text, "JSON");
  }
}

function readList(param: PipelineParam, items: ScalarType, text: string): JsonValue {
  const value = parseJson(param, text, `a JSON list of ${items}`);
  if (!Array.isArray(value)) throw bad(param, text, `a JSON list of ${items}`);
  for (const item of value) {
    if (items === "json") continue;
    const ok = items === "string" ? typeof item === "string" : items === "bool" ? typeof item === "boolean" : typeof item === "number" && (items === "float" || Number.isInteger(item));
    if (!ok) throw bad(param, text, `a JSON list of ${items}`);
  }
  return value;
}

function parseJson(param: PipelineParam, text: string, expected: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw bad(param, text, expected);
  }
}

function bad(param: PipelineParam, text: string, expected: string): SubmitError {
  return new SubmitError(SUBMIT_CODES.badParamValue, `param "${param.name}" must be ${expected}, not "${text}"`, `declared at ${param.span}`);
}

/** How Argo and Airflow's string-typed params carry a value: text as is, anything else as JSON. */
export function paramText(value: JsonValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
