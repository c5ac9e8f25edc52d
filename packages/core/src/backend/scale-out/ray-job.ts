// The IR's rayJob form -> a RayJob (ray.io/v1, KubeRay v1.7): a Ray cluster made for the job
// (head and worker groups, all from the component's image), the entrypoint submitted to it.
import type { Component, RayJob, RunSettings } from "../../ir/index.js";
import { setOwn } from "../../records/own-keys.js";
import { serializeYaml } from "../../serialize/yaml.js";
import { resourceMetadata } from "./metadata.js";
import { compact, podEnv, podNodeSelector, podResources, podTolerations, podVolumes } from "./pod.js";
import { escapeKubernetesExpansion } from "../kubernetes-expansion.js";
import { shellJoin } from "./shell.js";
import type { CustomResource, ResolveArg, ScaleOutMeta } from "./types.js";

export const RAY_API_VERSION = "ray.io/v1";

/** The ports KubeRay's samples open on the head: GCS, dashboard (job submission), client. */
const HEAD_PORTS = [
  { containerPort: 6379, name: "gcs-server" },
  { containerPort: 8265, name: "dashboard" },
  { containerPort: 10001, name: "client" },
];

export function buildRayJob(component: Component, resolveArg: ResolveArg, meta: ScaleOutMeta): CustomResource {
  const job = rayJobOf(component);
  const head = job.head;
  return {
    apiVersion: RAY_API_VERSION,
    kind: "RayJob",
    metadata: resourceMetadata(meta),
    spec: compact({
      // KubeRay's default submission (K8sJobMode) puts the entrypoint into a submitter pod's args.
      entrypoint: escapeKubernetesExpansion(shellJoin(job.entrypoint.map(resolveArg))),
      runtimeEnvYAML: job.runtimeEnv ? serializeYaml(job.runtimeEnv) : undefined,
      // KubeRay's default is false: written only when the cluster is to be deleted.
      shutdownAfterJobFinishes: job.shutdownAfterJobFinishes || undefined,
      ttlSecondsAfterFinished: job.ttlSecondsAfterFinished,
      rayClusterSpec: compact({
        rayVersion: job.rayVersion,
        headGroupSpec: { rayStartParams: startParams(head.rayStartParams), template: podTemplate(component, meta, "ray-head", head.resources, HEAD_PORTS) },
        workerGroupSpecs: job.workers.length
          ? job.workers.map((w) => ({
              groupName: w.groupName,
              replicas: w.replicas,
              // KubeRay requires both bounds; without autoscaling bounds the group stays at `replicas`.
              minReplicas: w.minReplicas ?? w.replicas,
              maxReplicas: w.maxReplicas ?? Math.max(w.replicas, w.minReplicas ?? 0),
              rayStartParams: startParams(w.rayStartParams),
              template: podTemplate(component, meta, "ray-worker", w.resources),
            }))
          : undefined,
      }),
    }),
  };
}

function podTemplate(component: Component, meta: ScaleOutMeta, name: string, resources: RunSettings["resources"], ports?: object[]): Record<string, unknown> {
  const { volumes, mounts } = podVolumes(meta.settings);
  // A group's own resources; the step's `resources` are refused for a rayJob by the front end.
  const container = compact({ name, image: component.image, ports, env: podEnv(meta.settings), resources: podResources(resources, true), volumeMounts: mounts });
  const placement = { ...meta.settings, resources } as RunSettings;
  return {
    spec: compact({
      serviceAccountName: meta.serviceAccount,
      containers: [container],
      nodeSelector: podNodeSelector(placement, meta.gpuNodeLabel),
      tolerations: podTolerations(meta.settings),
      volumes,
    }),
  };
}

/** KubeRay writes `--key=value` into the `ray start` line of the container's args, which Kubernetes expands. */
function startParams(params: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params ?? {})) setOwn(out, k, escapeKubernetesExpansion(v));
  return out;
}

function rayJobOf(component: Component): RayJob {
  if ("rayJob" in component.implementation) return component.implementation.rayJob;
  throw new Error(`internal: buildRayJob called for step "${component.name}", which is not a rayJob`);
}
