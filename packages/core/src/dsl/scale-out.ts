// Scale-out steps: the step's work runs on an engine the cluster already has (Spark Operator,
// Kubeflow Trainer, KubeRay) as one custom resource. They are called from a pipeline body like
// any step; docs/language.md ("Scale-out steps") and docs/scale-out.md describe them.
import type { KindRule } from "./kind-rules.js";
import { step } from "./steps.js";
import type { ArgItem, ArgsContext, Json, ResourceOptions, RunOptions, SpecMap, Step, StepDefinition, StepKind } from "./types.js";

type ArgList<I extends SpecMap, O extends SpecMap> = readonly ArgItem[] | ((ctx: ArgsContext<I, O>) => readonly ArgItem[]);

/** Param outputs read back from the custom resource's status: output name -> `status.<path>`. */
type StatusOutputs<O extends SpecMap> = { readonly [K in keyof O]?: `status.${string}` };

/** What every scale-out step shares with other steps: name, kind, image (the engine's), typed inputs and outputs. */
interface ScaleOutBase<I extends SpecMap, O extends SpecMap> extends Omit<RunOptions, "resources">, Pick<StepDefinition<I, O>, "name" | "kind" | "description" | "image" | "inputs" | "outputs"> {
  /** Every param output must be read from the resource's status; artifact outputs are URIs the job writes. */
  statusOutputs?: StatusOutputs<O>;
}

export interface SparkPodOptions {
  cores?: number;
  coreLimit?: string;
  /** Spark notation: "512m", "2g". */
  memory?: string;
  memoryOverhead?: string;
}

export interface SparkOptions {
  type: "Python" | "Scala" | "Java" | "R";
  mode?: "cluster" | "client";
  sparkVersion: string;
  /** e.g. local:///opt/spark/examples/src/main/python/pi.py */
  mainApplicationFile: string;
  /** Required for Scala and Java. */
  mainClass?: string;
  pythonVersion?: "2" | "3";
  driver?: SparkPodOptions & { serviceAccount?: string };
  executor: SparkPodOptions & { instances: number };
  dynamicAllocation?: { enabled: boolean; initialExecutors?: number; minExecutors?: number; maxExecutors?: number };
  sparkConf?: Record<string, string>;
  deps?: { jars?: readonly string[]; files?: readonly string[]; pyFiles?: readonly string[]; packages?: readonly string[] };
}

export interface SparkJobDefinition<I extends SpecMap, O extends SpecMap> extends ScaleOutBase<I, O> {
  spark: SparkOptions;
  /** The application's arguments (spec.arguments), with inputs and output locations as in `args`. */
  args?: ArgList<I, O>;
}

export interface RayGroupOptions {
  rayStartParams?: Record<string, string>;
  resources?: ResourceOptions;
}

export interface RayOptions {
  rayVersion?: string;
  runtimeEnv?: { [key: string]: Json };
  head?: RayGroupOptions;
  workers?: readonly (RayGroupOptions & { groupName: string; replicas: number; minReplicas?: number; maxReplicas?: number })[];
  /** Default true: the Ray cluster is deleted when the job ends. */
  shutdownAfterJobFinishes?: boolean;
  ttlSecondsAfterFinished?: number;
}

export interface RayJobDefinition<I extends SpecMap, O extends SpecMap> extends ScaleOutBase<I, O> {
  /** The job's command, e.g. ["python", "/code/infer.py", "--data", inputs.data]; joined into one shell line. */
  entrypoint: ArgList<I, O>;
  ray?: RayOptions;
}

/** A trainer's `distributed` block: the TrainJob's runtime and nodes; `resources` are per node. */
export interface DistributedOptions {
  /** A ClusterTrainingRuntime name such as "torch-distributed", or a namespaced TrainingRuntime. */
  runtime: string | { name: string; kind: "ClusterTrainingRuntime" | "TrainingRuntime" };
  numNodes: number;
  numProcPerNode?: number;
}

export type DistributedTrainerDefinition<I extends SpecMap, O extends SpecMap> = Omit<StepDefinition<I, O>, "kind" | "script"> & {
  distributed: DistributedOptions;
  statusOutputs?: StatusOutputs<O>;
};

/** A Spark application (SparkApplication of the Kubeflow Spark Operator) as one step. */
export function sparkJob<const I extends SpecMap = {}, const O extends SpecMap = {}, const Kind extends StepKind = "custom">(
  definition: SparkJobDefinition<I, O> & { kind?: Kind } & NoInfer<KindRule<Kind, O>>,
): Step<I, O> {
  return step(definition as any) as Step<I, O>;
}

/** A Ray job (RayJob of KubeRay: a Ray cluster for the job, then the entrypoint) as one step. */
export function rayJob<const I extends SpecMap = {}, const O extends SpecMap = {}, const Kind extends StepKind = "custom">(
  definition: RayJobDefinition<I, O> & { kind?: Kind } & NoInfer<KindRule<Kind, O>>,
): Step<I, O> {
  return step(definition as any) as Step<I, O>;
}
