import type { Pipeline, StepKind } from "@sluice/core/backend";
import { labelValue, templateName } from "./names.js";

/**
 * Labels that trace every generated object (the workflow, the ConfigMap, each step's pod) back
 * to the code that made it. Label values hold at most 63 characters of `[A-Za-z0-9._-]`, so the
 * IR hash is cut to its first 32 hex digits and the git commit to 63 characters; the full values
 * are in the annotations of the same name.
 */
export function traceLabels(ir: Pipeline, stepKind?: StepKind): Record<string, string> {
  return {
    "sluice.dev/pipeline": templateName(ir.metadata.name),
    ...(stepKind ? { "sluice.dev/step-kind": stepKind } : {}),
    "sluice.dev/git-commit": labelValue(ir.metadata.git?.commit ?? "unknown"),
    "sluice.dev/ir-hash": ir.metadata.hash.replace(/^sha256:/, "").slice(0, 32),
  };
}

export function traceAnnotations(ir: Pipeline): Record<string, string> {
  return {
    "sluice.dev/git-commit": ir.metadata.git?.commit ?? "unknown",
    "sluice.dev/ir-hash": ir.metadata.hash,
  };
}
