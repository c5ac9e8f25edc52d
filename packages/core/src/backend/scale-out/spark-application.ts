// The IR's sparkJob form -> a SparkApplication (sparkoperator.k8s.io/v1beta2, Spark Operator v2.5).
import type { Component, SparkJob } from "../../ir/index.js";
import { setOwn } from "../../records/own-keys.js";
import { resourceMetadata } from "./metadata.js";
import { expandedArg, kubernetesExpandedFields } from "./expansion.js";
import { compact, podEnv, podNodeSelector, podTolerations, podVolumes } from "./pod.js";
import type { CustomResource, ResolveArg, ScaleOutMeta } from "./types.js";

export const SPARK_API_VERSION = "sparkoperator.k8s.io/v1beta2";

export function buildSparkApplication(component: Component, resolveArg: ResolveArg, meta: ScaleOutMeta): CustomResource {
  const job = sparkJobOf(component);
  const { volumes, mounts } = podVolumes(meta.settings);
  // Driver and executors run the same pod settings: env, mounts and placement apply to both.
  const pod = compact({
    env: podEnv(meta.settings),
    volumeMounts: mounts,
    nodeSelector: podNodeSelector(meta.settings, meta.gpuNodeLabel),
    tolerations: podTolerations(meta.settings),
  });
  const { serviceAccount, ...driver } = job.driver;
  // In cluster mode Spark writes the arguments into the driver pod's args (Kubernetes expands
  // them); spark-submit passes them through. mainApplicationFile is also read by spark-submit as
  // a location, and sparkConf is Spark's own: both stay as written (docs/scale-out.md).
  const argument = kubernetesExpandedFields(component).includes("spec.arguments") ? expandedArg(resolveArg) : resolveArg;
  return {
    apiVersion: SPARK_API_VERSION,
    kind: "SparkApplication",
    metadata: resourceMetadata(meta),
    spec: compact({
      type: job.type,
      pythonVersion: job.pythonVersion,
      mode: job.mode,
      image: component.image,
      mainApplicationFile: resolveArg(job.mainApplicationFile),
      mainClass: job.mainClass,
      arguments: job.arguments.length ? job.arguments.map(argument) : undefined,
      sparkVersion: job.sparkVersion,
      sparkConf: job.sparkConf ? sparkConf(job.sparkConf, resolveArg) : undefined,
      deps: job.deps,
      dynamicAllocation: job.dynamicAllocation,
      volumes,
      driver: compact({ ...driver, serviceAccount: serviceAccount ?? meta.serviceAccount, ...pod }),
      executor: compact({ ...job.executor, ...pod }),
    }),
  };
}

function sparkConf(conf: NonNullable<SparkJob["sparkConf"]>, resolveArg: ResolveArg): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(conf)) setOwn(out, k, resolveArg(v));
  return out;
}

function sparkJobOf(component: Component): SparkJob {
  if ("sparkJob" in component.implementation) return component.implementation.sparkJob;
  throw new Error(`internal: buildSparkApplication called for step "${component.name}", which is not a sparkJob`);
}
