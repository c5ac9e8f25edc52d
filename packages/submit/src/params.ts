import { parseParamArgs, type JsonValue, type Pipeline } from "@sluice/core/backend";
import { SubmitError } from "./errors.js";

/**
 * Reads `--param NAME=VALUE` flags with the one parser of @sluice/core/backend (the same reading
 * and errors as `sluice run`), before anything is sent. Values come back typed (`epochs=10` is
 * 10) so each client can encode them for its target; an artifact param is passed as its URI
 * text. Params not given keep the default compiled into the files. All problems are reported at
 * once: the first as the error, the others beside it.
 */
export function checkParams(ir: Pipeline, given: readonly string[]): Record<string, JsonValue> {
  const parsed = parseParamArgs(ir, given);
  const [first, ...rest] = parsed.diagnostics;
  if (first) throw SubmitError.fromDiagnostic(first, rest);
  return { ...parsed.values, ...parsed.artifacts };
}

/** How Argo and Airflow's string-typed params carry a value: text as is, anything else as JSON. */
export function paramText(value: JsonValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
