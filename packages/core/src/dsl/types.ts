// The types a pipeline file is checked against in the user's editor. They exist so that `tsc`
// rejects wiring mistakes (unknown or missing inputs, a Model where a Dataset is wanted, a number
// for a string param) before the compiler runs. The compiler itself never executes this code.

export type ScalarKind = "string" | "int" | "float" | "bool" | "json";
export type ArtifactKindName = "dataset" | "model" | "metrics" | "html" | "markdown" | "artifact";
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The TypeScript value type of each scalar kind. */
export interface ScalarValue {
  string: string;
  int: number;
  float: number;
  bool: boolean;
  json: Json;
}

declare const outputBrand: unique symbol;
declare const artifactBrand: unique symbol;

/** Marks a value produced at run time (a pipeline param or a step output), not a constant. */
export interface RunTimeValue {
  readonly [outputBrand]: true;
}

/** A parameter output or a pipeline param: a branded primitive, so `accuracy >= 0.9` type-checks. */
export type ParamRef<T> = T & RunTimeValue;

/** An artifact of one kind flowing between steps. Kinds do not mix: a Model is not a Dataset. */
export interface Artifact<K extends ArtifactKindName = ArtifactKindName> {
  readonly [artifactBrand]: K;
  readonly kind: K;
}

export interface ParamOptions<T> {
  default?: T;
  description?: string;
  enum?: readonly T[];
  optional?: boolean;
}

/** Declares a parameter input or output; `Opt` records whether a call may leave it out. */
export interface ParamSpec<T, Opt extends boolean = boolean> {
  readonly category: "param";
  readonly __value?: T;
  readonly __optional?: Opt;
}

export interface ArtifactSpec<K extends ArtifactKindName, List extends boolean = false, Opt extends boolean = false> {
  readonly category: "artifact";
  readonly kind: K;
  readonly __list?: List;
  readonly __optional?: Opt;
}

export type AnySpec = ParamSpec<any, boolean> | ArtifactSpec<ArtifactKindName, boolean, boolean>;
export type SpecMap = Record<string, AnySpec>;

/** What a call must pass for an input declared by `S`. The generic `artifact` kind takes any kind. */
export type InputValue<S> =
  S extends ParamSpec<infer T, any>
    ? T
    : S extends ArtifactSpec<infer K, infer L, any>
      ? L extends true
        ? readonly Artifact<K extends "artifact" ? ArtifactKindName : K>[]
        : Artifact<K extends "artifact" ? ArtifactKindName : K>
      : never;

/** What a task's `outputs.X` is in the pipeline body. */
export type OutputValue<S> =
  S extends ParamSpec<infer T, any>
    ? ParamRef<T>
    : S extends ArtifactSpec<infer K, infer L, any>
      ? L extends true
        ? readonly Artifact<K>[]
        : Artifact<K>
      : never;

type OptionalKeys<I extends SpecMap> = { [K in keyof I]: I[K] extends { __optional?: infer O } ? (true extends O ? K : never) : never }[keyof I];
type RequiredKeys<I extends SpecMap> = Exclude<keyof I, OptionalKeys<I>>;

/** The object a step call takes: required inputs must be there, unknown names are rejected. */
export type CallInputs<I extends SpecMap> = { [K in RequiredKeys<I>]: InputValue<I[K]> } & { [K in OptionalKeys<I>]?: InputValue<I[K]> };

/** Inside `args`/`command`: every input and output reads as text placed on the command line. */
export interface ArgsContext<I extends SpecMap, O extends SpecMap> {
  inputs: { [K in keyof I]: I[K] extends ArtifactSpec<any, any, any> ? string & { readonly path: string } : string };
  outputs: { [K in keyof O]: { readonly path: string } };
}

export interface SecretRef {
  readonly secret: string;
  readonly key: string;
}

export interface FileRef {
  readonly file: string;
}

export type Duration = `${number}${"s" | "m" | "h" | "d"}` | number;

export interface RetryOptions {
  limit: number;
  /** Wait before the first retry, e.g. "30s"; or the full backoff. */
  backoff?: Duration | { duration: Duration; factor?: number; maxDuration?: Duration };
}

export interface ResourceOptions {
  cpu?: string | number;
  memory?: string;
  cpuLimit?: string | number;
  memoryLimit?: string;
  /** GPU count (nvidia.com/gpu), or the count with a vendor resource and accelerator type. */
  gpu?: number | { count: number; resource?: string; type?: string };
}

export interface VolumeOptions {
  name: string;
  mountPath: string;
  readOnly?: boolean;
  pvc?: string;
  emptyDir?: true | { sizeLimit?: string };
  configMap?: string;
  secret?: string;
}

export interface Toleration {
  key?: string;
  operator?: "Equal" | "Exists";
  value?: string;
  effect?: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
  tolerationSeconds?: number;
}

/** Settings a step definition, pipeline defaults and a single call may each set. */
export interface RunOptions {
  retry?: RetryOptions;
  timeout?: Duration;
  cache?: boolean;
  resources?: ResourceOptions;
  env?: Record<string, string | SecretRef>;
  volumes?: readonly VolumeOptions[];
  nodeSelector?: Record<string, string>;
  tolerations?: readonly Toleration[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export type StepKind =
  | "loader"
  | "preprocessor"
  | "featurizer"
  | "tokenizer"
  | "splitter"
  | "trainer"
  | "tuner"
  | "evaluator"
  | "validator"
  | "deployer"
  | "monitor"
  | "custom";

export type ArgItem = string;

export type ScriptSource = { python: string | FileRef } | { bash: string | FileRef } | { sh: string | FileRef } | { node: string | FileRef };

export interface StepDefinition<I extends SpecMap, O extends SpecMap> extends RunOptions {
  name: string;
  kind?: StepKind;
  description?: string;
  /** Falls back to the pipeline's `defaults.image`. */
  image?: string;
  inputs?: I;
  outputs?: O;
  command?: readonly ArgItem[] | ((ctx: ArgsContext<I, O>) => readonly ArgItem[]);
  args?: readonly ArgItem[] | ((ctx: ArgsContext<I, O>) => readonly ArgItem[]);
  /** Inline source or file(); the step gets `--<input> VALUE` and `--<output> PATH` flags. */
  script?: ScriptSource;
}

/** Options of one call of a step or pipeline, on top of its definition. */
export interface CallOptions extends RunOptions {
  /** The task's id in the compiled pipeline (default: the step name, numbered when repeated). */
  name?: string;
  displayName?: string;
  after?: readonly (Task<any> | Task<any>[])[];
}

export interface Task<O extends SpecMap> {
  readonly name: string;
  readonly outputs: { readonly [K in keyof O]: OutputValue<O[K]> };
}

export interface Step<I extends SpecMap, O extends SpecMap> {
  (inputs: CallInputs<I>, options?: CallOptions): Task<O>;
  readonly definition: StepDefinition<I, O>;
}

export interface Schedule {
  cron: string;
  timezone?: string;
  concurrencyPolicy?: "Allow" | "Forbid" | "Replace";
  catchup?: boolean;
}

export interface PipelineDefaults extends RunOptions {
  image?: string;
  serviceAccount?: string;
  imagePullSecrets?: readonly string[];
  parallelism?: number;
}

export interface PipelineConfig<P extends SpecMap> {
  name: string;
  displayName?: string;
  description?: string;
  params?: P;
  schedule?: Schedule;
  defaults?: PipelineDefaults;
}

/** What the body sees as `params`: run-time values, lists that can be `.map`ped and looped over. */
export type PipelineParams<P extends SpecMap> = { readonly [K in keyof P]: OutputValue<P[K]> };

/** A pipeline's body may return outputs that a calling pipeline reads like a task's. */
export type PipelineBody<P extends SpecMap, R> = (ctx: { params: PipelineParams<P> }) => R;

/** The output spec a calling pipeline sees for one value a pipeline body returns. */
export type ReturnedSpec<V> =
  V extends Artifact<infer K>
    ? ArtifactSpec<K>
    : V extends readonly Artifact<infer K>[]
      ? ArtifactSpec<K, true>
      : V extends ParamRef<infer T>
        ? ParamSpec<T, false>
        : V extends readonly (infer T)[]
          ? ParamSpec<readonly T[], false>
          : ParamSpec<V, false>;

/** A body's returned object, as the outputs of a call of that pipeline. */
export type ReturnedOutputs<R> = R extends Record<string, unknown> ? { [K in keyof R & string]: ReturnedSpec<R[K]> } : {};

export interface Pipeline<P extends SpecMap, R = void> {
  (inputs: CallInputs<P>, options?: CallOptions): Task<ReturnedOutputs<R>>;
  readonly config: PipelineConfig<P>;
}
