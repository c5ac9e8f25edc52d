import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describeType, errorAt, type Diagnostic, type JsonValue, type PipelineParam, type Pipeline } from "@sluice/core/backend";
import { RUN_CODES } from "./codes.js";
import { fitsType } from "./value-types.js";

/** `--param NAME=VALUE` values checked against the IR's params, before anything runs. */
export interface CheckedParams {
  values: Record<string, JsonValue>;
  /** Artifact params: the local file or folder to store and pass in, by param name. */
  artifactPaths: Record<string, string>;
  diagnostics: Diagnostic[];
}

/**
 * Reads each `NAME=VALUE` as the param's type says: text for strings, JSON for everything else
 * (`0.1`, `true`, `[0.01,0.1]`), a path for artifact params. Unknown names, values of the wrong
 * type or outside the enum, and required params left out are errors located at the param's
 * declaration in the pipeline file.
 */
export function checkParams(ir: Pipeline, given: readonly string[], cwd: string): CheckedParams {
  const diagnostics: Diagnostic[] = [];
  const values: Record<string, JsonValue> = {};
  const artifactPaths: Record<string, string> = {};
  const byName = new Map(ir.spec.params.map((p) => [p.name, p]));
  const known = ir.spec.params.map((p) => p.name).join(", ") || "(none)";
  const where = ir.spec.params[0]?.span ?? `${ir.metadata.source.file}:1:1`;
  for (const arg of given) {
    const eq = arg.indexOf("=");
    if (eq <= 0) {
      diagnostics.push({ code: RUN_CODES.badParamSyntax, severity: "error", message: `--param "${arg}" is not NAME=VALUE`, hint: `the params of "${ir.metadata.name}" are ${known}` });
      continue;
    }
    const name = arg.slice(0, eq);
    const text = arg.slice(eq + 1);
    const p = byName.get(name);
    if (!p) {
      diagnostics.push(errorAt(RUN_CODES.unknownParam, `pipeline "${ir.metadata.name}" has no param "${name}"`, where, `its params are ${known}`));
      continue;
    }
    if (p.type.category === "artifact" || p.type.category === "artifactList") {
      const path = resolve(cwd, text);
      if (!existsSync(path)) diagnostics.push(errorAt(RUN_CODES.artifactParamNotFound, `--param ${name}: no file or folder "${text}" to pass as the ${describeType(p.type)} artifact`, p.span));
      else artifactPaths[name] = path;
      continue;
    }
    const parsed = parseValue(p, text);
    if ("error" in parsed) diagnostics.push(errorAt(RUN_CODES.badParamValue, `--param ${name}=${text}: ${parsed.error}`, p.span, `"${name}" is declared ${describeType(p.type)}${p.enum ? `, one of ${p.enum.map((e) => JSON.stringify(e)).join(", ")}` : ""}`));
    else values[name] = parsed.value;
  }
  for (const p of ir.spec.params) {
    if (p.default === undefined && !(p.name in values) && !(p.name in artifactPaths) && !given.some((g) => g.startsWith(`${p.name}=`))) {
      diagnostics.push(errorAt(RUN_CODES.missingParam, `pipeline "${ir.metadata.name}" needs a value for "${p.name}" (${describeType(p.type)}), which has no default`, p.span, `pass --param ${p.name}=VALUE`));
    }
  }
  return { values, artifactPaths, diagnostics };
}

function parseValue(p: PipelineParam, text: string): { value: JsonValue } | { error: string } {
  const t = p.type;
  let value: JsonValue;
  if (t.category === "param" && t.type === "string") value = text;
  else {
    try {
      value = JSON.parse(text) as JsonValue;
    } catch {
      return { error: `not a ${describeType(t)} (values other than strings are written as JSON: 0.1, true, [1,2])` };
    }
    const ok = (t.category === "param" || t.category === "paramList") && fitsType(t, value);
    if (!ok) return { error: `not a ${describeType(t)}` };
  }
  if (p.enum && !p.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) return { error: `not one of ${p.enum.map((e) => JSON.stringify(e)).join(", ")}` };
  return { value };
}

