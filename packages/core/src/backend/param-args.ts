import { errorAt, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Pipeline, PipelineParam } from "../ir/pipeline.js";
import { describeType, type JsonValue } from "../ir/types.js";
import { fitsType } from "./value-types.js";

/**
 * The codes of `--param NAME=VALUE`, the same for every command that takes it (`sluice run`,
 * `sluice submit`): one parser, one reading, one set of errors (docs/cli.md#params).
 */
export const PARAM_CODES = {
  unknownParam: "SLU9010",
  badParamValue: "SLU9011",
  missingParam: "SLU9012",
  badParamSyntax: "SLU9013",
  duplicateParam: "SLU9021",
} as const;

export interface ParamArgs {
  /** Values of the params given, typed by their declaration. */
  values: Record<string, JsonValue>;
  /** Artifact params, as written (a local path for `run`, a URI for `submit`): the command reads them. */
  artifacts: Record<string, string>;
  /** Every problem, each located at the param's declaration where there is one. */
  diagnostics: Diagnostic[];
}

/**
 * Reads `--param NAME=VALUE` arguments against the pipeline's params, before anything runs or
 * is sent. A string param takes the text as written; every other type is JSON (`10`, `0.1`,
 * `true`, `{"a":1}`, `["x","y"]`), checked against the type and the enum. An unknown name, a
 * value of the wrong type, a param given twice, a required param left out and an argument
 * without `=` are errors; all of them are reported at once. Params not given keep their default.
 */
export function parseParamArgs(ir: Pipeline, given: readonly string[]): ParamArgs {
  const diagnostics: Diagnostic[] = [];
  const values: Record<string, JsonValue> = {};
  const artifacts: Record<string, string> = {};
  const seen = new Set<string>();
  const byName = new Map(ir.spec.params.map((p) => [p.name, p]));
  const known = ir.spec.params.map((p) => `${p.name} (${describeType(p.type)})`).join(", ") || "(none)";
  const source = ir.metadata.source as Pipeline["metadata"]["source"] | undefined;
  const where = ir.spec.params[0]?.span ?? source?.span ?? (source?.file ? `${source.file}:1:1` : undefined);
  for (const arg of given) {
    const eq = arg.indexOf("=");
    if (eq <= 0) {
      diagnostics.push({ code: PARAM_CODES.badParamSyntax, severity: "error", message: `--param "${arg}" is not NAME=VALUE`, hint: `write --param epochs=10; the params of "${ir.metadata.name}" are ${known}` });
      continue;
    }
    const name = arg.slice(0, eq);
    const text = arg.slice(eq + 1);
    const p = byName.get(name);
    if (!p) {
      diagnostics.push(errorAt(PARAM_CODES.unknownParam, `pipeline "${ir.metadata.name}" has no param "${name}"`, where, `its params are ${known}`));
      continue;
    }
    if (seen.has(name)) {
      diagnostics.push(errorAt(PARAM_CODES.duplicateParam, `--param ${name} is given more than once`, p.span, "keep one"));
      continue;
    }
    seen.add(name);
    if (p.type.category === "artifact" || p.type.category === "artifactList") {
      artifacts[name] = text;
      continue;
    }
    const parsed = readValue(p, text);
    if ("error" in parsed) diagnostics.push(errorAt(PARAM_CODES.badParamValue, `--param ${name}=${text}: ${parsed.error}`, p.span, `"${name}" is declared ${describeType(p.type)}${p.enum ? `, one of ${p.enum.map((e) => JSON.stringify(e)).join(", ")}` : ""}`));
    else values[name] = parsed.value;
  }
  for (const p of ir.spec.params) {
    if (p.default === undefined && !seen.has(p.name)) {
      diagnostics.push(errorAt(PARAM_CODES.missingParam, `pipeline "${ir.metadata.name}" needs a value for "${p.name}" (${describeType(p.type)}), which has no default`, p.span, `pass --param ${p.name}=VALUE`));
    }
  }
  return { values, artifacts, diagnostics };
}

function readValue(p: PipelineParam, text: string): { value: JsonValue } | { error: string } {
  const t = p.type;
  let value: JsonValue;
  if (t.category === "param" && t.type === "string") value = text;
  else {
    try {
      value = JSON.parse(text) as JsonValue;
    } catch {
      return { error: `not a ${describeType(t)} (values other than strings are written as JSON: 0.1, true, [1,2])` };
    }
    if (!((t.category === "param" || t.category === "paramList") && fitsType(t, value))) return { error: `not a ${describeType(t)}` };
  }
  if (p.enum && !p.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) return { error: `not one of ${p.enum.map((e) => JSON.stringify(e)).join(", ")}` };
  return { value };
}
