import { type Diagnostic, errorAt, type Pipeline, SCALE_OUT_ENGINES, scaleOutComponents, scaleOutForm, type ScaleOutForm } from "@sluice/core/backend";
import { RUN_CODES } from "./codes.js";

/** How to run each form for real: on a cluster where its operator is installed. */
const HOW: Readonly<Record<ScaleOutForm, string>> = {
  sparkJob: "run it on a Kubernetes cluster with the Spark Operator installed: compile for a cluster target (docs/scale-out.md) and submit there",
  trainJob: "run it on a Kubernetes cluster with Kubeflow Trainer installed: compile for a cluster target (docs/scale-out.md) and submit there; drop `distributed` to train on one node locally",
  rayJob: "run it on a Kubernetes cluster with KubeRay installed: compile for a cluster target (docs/scale-out.md) and submit there",
};

/**
 * Scale-out steps run on an engine's operator, which a local run does not have (docs/run.md,
 * "Scale-out steps"): each is one located error before anything runs, not a container that
 * would start the engine's image and do none of the work.
 */
export function checkScaleOutSteps(ir: Pipeline): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of scaleOutComponents(ir)) {
    const form = scaleOutForm(c.implementation)!;
    out.push(errorAt(RUN_CODES.needsEngine, `step "${c.name}" is a ${form} step: it needs ${SCALE_OUT_ENGINES[form]}, which \`sluice run\` does not provide`, c.span, HOW[form]));
  }
  return out;
}
