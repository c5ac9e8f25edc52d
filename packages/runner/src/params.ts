import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describeType, errorAt, parseParamArgs, type Diagnostic, type JsonValue, type Pipeline } from "@sluice/core/backend";
import { RUN_CODES } from "./codes.js";

/** `--param NAME=VALUE` values checked against the IR's params, before anything runs. */
export interface CheckedParams {
  values: Record<string, JsonValue>;
  /** Artifact params: the local file or folder to store and pass in, by param name. */
  artifactPaths: Record<string, string>;
  diagnostics: Diagnostic[];
}

/**
 * The one `--param` parser of @sluice/core/backend (the same reading and errors as `sluice
 * submit`), plus what only a local run needs: an artifact param is a local file or folder,
 * which must exist (it is stored, then passed in).
 */
export function checkParams(ir: Pipeline, given: readonly string[], cwd: string): CheckedParams {
  const parsed = parseParamArgs(ir, given);
  const diagnostics = [...parsed.diagnostics];
  const artifactPaths: Record<string, string> = {};
  for (const [name, text] of Object.entries(parsed.artifacts)) {
    const p = ir.spec.params.find((x) => x.name === name)!;
    const path = resolve(cwd, text);
    if (!existsSync(path)) diagnostics.push(errorAt(RUN_CODES.artifactParamNotFound, `--param ${name}: no file or folder "${text}" to pass as the ${describeType(p.type)} artifact`, p.span));
    else artifactPaths[name] = path;
  }
  return { values: parsed.values, artifactPaths, diagnostics };
}
