// The IR's trainJob form -> a TrainJob (trainer.kubeflow.org/v1alpha1, Kubeflow Trainer v2.3).
// The runtime (e.g. torch-distributed) owns the pod template; the TrainJob sets the trainer's
// image, command, args, env, node count and resources per node. Node selectors, tolerations and
// volumes have no TrainJob field in v2.3 except through runtimePatches: see unsupportedSettings.
import type { Component, TrainJob } from "../../ir/index.js";
import { resourceMetadata } from "./metadata.js";
import { expandedArg } from "./expansion.js";
import { compact, podEnv, podResources } from "./pod.js";
import type { CustomResource, ResolveArg, ScaleOutMeta } from "./types.js";

export const TRAINER_API_VERSION = "trainer.kubeflow.org/v1alpha1";

export function buildTrainJob(component: Component, resolveArg: ResolveArg, meta: ScaleOutMeta): CustomResource {
  const job = trainJobOf(component);
  // Trainer copies command and args into the training container, where Kubernetes expands them.
  const inContainer = expandedArg(resolveArg);
  const command = job.command.map(inContainer);
  const args = job.args.map(inContainer);
  return {
    apiVersion: TRAINER_API_VERSION,
    kind: "TrainJob",
    metadata: resourceMetadata(meta),
    spec: {
      runtimeRef: { apiGroup: "trainer.kubeflow.org", kind: job.runtime.kind, name: job.runtime.name },
      trainer: compact({
        image: component.image,
        command: command.length ? command : undefined,
        args: args.length ? args : undefined,
        env: podEnv(meta.settings),
        numNodes: job.numNodes,
        numProcPerNode: job.numProcPerNode,
        resourcesPerNode: podResources(meta.settings.resources),
      }),
    },
  };
}

function trainJobOf(component: Component): TrainJob {
  if ("trainJob" in component.implementation) return component.implementation.trainJob;
  throw new Error(`internal: buildTrainJob called for step "${component.name}", which is not a trainJob`);
}
