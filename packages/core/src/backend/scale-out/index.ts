// One builder per engine: the IR's scale-out forms -> the plain custom resource each engine's
// operator reads. Back ends supply only how a reference reads (ResolveArg) and the metadata;
// they never re-build these manifests (docs/scale-out.md).
import type { Component } from "../../ir/index.js";
import { scaleOutForm } from "./forms.js";
import { buildRayJob } from "./ray-job.js";
import { buildSparkApplication } from "./spark-application.js";
import { buildTrainJob } from "./train-job.js";
import type { CustomResource, ResolveArg, ScaleOutMeta } from "./types.js";

export * from "./forms.js";
export * from "./types.js";
export { argResolver, statusJsonPath } from "./resolve.js";
export { shellJoin, shellQuote, singleQuoted } from "./shell.js";
export { expandedArg, kubernetesExpandedFields } from "./expansion.js";
export { TERMINAL_STATES, unsupportedSettings, type TerminalStates } from "./status.js";
export { buildSparkApplication, SPARK_API_VERSION } from "./spark-application.js";
export { buildTrainJob, TRAINER_API_VERSION } from "./train-job.js";
export { buildRayJob, RAY_API_VERSION } from "./ray-job.js";

/** The custom resource of any scale-out component; undefined for a container or script step. */
export function buildScaleOutResource(component: Component, resolveArg: ResolveArg, meta: ScaleOutMeta): CustomResource | undefined {
  switch (scaleOutForm(component.implementation)) {
    case "sparkJob":
      return buildSparkApplication(component, resolveArg, meta);
    case "trainJob":
      return buildTrainJob(component, resolveArg, meta);
    case "rayJob":
      return buildRayJob(component, resolveArg, meta);
    default:
      return undefined;
  }
}
