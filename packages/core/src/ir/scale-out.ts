import { z } from "zod";
import { Arg } from "./args.js";
import { Resources } from "./settings.js";
import { JsonValue } from "./types.js";

// The three scale-out forms of a step: the step's work is handed to an engine the cluster already
// runs (Spark Operator, Kubeflow Trainer, KubeRay) as one custom resource. Each schema is a typed
// subset of that CRD (docs/scale-out.md). Values that can carry a run-time input or an output
// location are `Arg`s, resolved by each back end as for container args; everything else is a
// compile-time constant. The component's `image` is the engine's image (Spark driver and
// executors, trainer nodes, Ray head and workers).
//
// Outputs: an artifact output is a URI the job writes to (`outputPath` resolves to a URI under
// the target's artifact root, since a Spark driver or Ray head has no Argo/KFP artifact
// mechanism); a parameter output is read from the custom resource's status at the JSONPath
// named in `statusOutputs` (the only value every target can read back from a custom resource).

/**
 * Param outputs read from the custom resource's status: output name -> dotted path from the
 * resource's root, always under `status` (e.g. `status.applicationState.state`). Each back end
 * writes it its own way (Argo: `jsonPath: '{.status.applicationState.state}'`).
 */
export const StatusOutputs = z.record(z.string(), z.string());

const SparkPod = z
  .object({
    /** Whole cores (spec.driver.cores / spec.executor.cores). */
    cores: z.number().int().positive().optional(),
    /** Hard CPU limit, a Kubernetes quantity. */
    coreLimit: z.string().optional(),
    /** JVM heap, Spark notation (512m, 2g). */
    memory: z.string().optional(),
    memoryOverhead: z.string().optional(),
  })
  .strict();

export const SparkJob = z
  .object({
    type: z.enum(["Python", "Scala", "Java", "R"]),
    mode: z.enum(["cluster", "client"]),
    sparkVersion: z.string(),
    /** local:///..., s3a://..., or an input artifact URI. */
    mainApplicationFile: Arg,
    /** Required for Scala and Java. */
    mainClass: z.string().optional(),
    pythonVersion: z.enum(["2", "3"]).optional(),
    /** spec.arguments: the application's own command line. */
    arguments: z.array(Arg),
    driver: SparkPod.extend({ serviceAccount: z.string().optional() }).strict(),
    executor: SparkPod.extend({ instances: z.number().int().positive() }).strict(),
    dynamicAllocation: z
      .object({
        enabled: z.boolean(),
        initialExecutors: z.number().int().nonnegative().optional(),
        minExecutors: z.number().int().nonnegative().optional(),
        maxExecutors: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    /** spark-submit --conf pairs; user keys. */
    sparkConf: z.record(z.string(), Arg).optional(),
    deps: z
      .object({
        jars: z.array(z.string()).optional(),
        files: z.array(z.string()).optional(),
        pyFiles: z.array(z.string()).optional(),
        packages: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    statusOutputs: StatusOutputs.optional(),
  })
  .strict();

export const TrainJob = z
  .object({
    /** spec.runtimeRef: the (Cluster)TrainingRuntime, e.g. torch-distributed. */
    runtime: z.object({ name: z.string(), kind: z.enum(["ClusterTrainingRuntime", "TrainingRuntime"]) }).strict(),
    numNodes: z.number().int().positive(),
    /** Processes per node (torchrun nproc_per_node); the runtime's default when absent. */
    numProcPerNode: z.number().int().positive().optional(),
    // Resources per node are the component's (and task's) `resources` run setting.
    command: z.array(Arg),
    args: z.array(Arg),
    statusOutputs: StatusOutputs.optional(),
  })
  .strict();

const RayGroup = z
  .object({
    /** `ray start` flags, e.g. dashboard-host: 0.0.0.0; user keys. */
    rayStartParams: z.record(z.string(), z.string()).optional(),
    resources: Resources.optional(),
  })
  .strict();

export const RayJob = z
  .object({
    /** The job's shell command, joined with spaces (each piece quoted when it needs it). */
    entrypoint: z.array(Arg).min(1),
    rayVersion: z.string().optional(),
    /** Ray's runtime_env (pip, env_vars, working_dir...); written as spec.runtimeEnvYAML. */
    runtimeEnv: z.record(z.string(), JsonValue).optional(),
    head: RayGroup,
    workers: z.array(
      RayGroup.extend({
      groupName: z.string(),
      replicas: z.number().int().nonnegative(),
      minReplicas: z.number().int().nonnegative().optional(),
      maxReplicas: z.number().int().nonnegative().optional(),
      }).strict(),
    ),
    shutdownAfterJobFinishes: z.boolean(),
    ttlSecondsAfterFinished: z.number().int().nonnegative().optional(),
    statusOutputs: StatusOutputs.optional(),
  })
  .strict();
export type SparkJob = z.infer<typeof SparkJob>;
export type TrainJob = z.infer<typeof TrainJob>;
export type RayJob = z.infer<typeof RayJob>;
