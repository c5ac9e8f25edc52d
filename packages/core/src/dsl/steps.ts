import type { KindRule } from "./kind-rules.js";
import type { DistributedOptions } from "./scale-out.js";
import type { CallInputs, CallOptions, FileRef, SecretRef, SpecMap, Step, StepDefinition, StepKind, Task } from "./types.js";

// At run time these functions only build inert descriptions: the compiler reads the source
// statically and never runs it. They exist so that a pipeline file type-checks and imports.

function makeTask(name: string, outputs: SpecMap | undefined): Task<any> {
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(outputs ?? {})) values[key] = { task: name, output: key, path: `{{outputs.${key}}}` };
  return { name, outputs: values as any };
}

/**
 * Declares a step: a container (or script) with typed inputs and outputs, called from pipelines.
 * `NoInfer` keeps the kind rule out of type inference: `I`, `O` and the kind come from the
 * literal the user wrote, and only then is the rule checked against them.
 */
export function step<const I extends SpecMap = {}, const O extends SpecMap = {}, const Kind extends StepKind = "custom">(
  definition: StepDefinition<I, O> & { kind?: Kind } & NoInfer<KindRule<Kind, O>>,
): Step<I, O> {
  const call = (_inputs: CallInputs<I>, options?: CallOptions) => makeTask(options?.name ?? definition.name, definition.outputs);
  return Object.assign(call, { definition }) as Step<I, O>;
}

/** `trainer({...})` is `step({ kind: "trainer", ... })`, with the same checks. */
type KindHelper<Kind extends StepKind> = <const I extends SpecMap = {}, const O extends SpecMap = {}>(
  definition: Omit<StepDefinition<I, O>, "kind"> & NoInfer<KindRule<Kind, O>>,
) => Step<I, O>;

function kindHelper<Kind extends StepKind>(kind: Kind): KindHelper<Kind> {
  return (definition) => step({ ...definition, kind } as any);
}

export const loader = kindHelper("loader");
export const preprocessor = kindHelper("preprocessor");
export const featurizer = kindHelper("featurizer");
export const tokenizer = kindHelper("tokenizer");
export const splitter = kindHelper("splitter");
/**
 * A trainer must declare a model output. With `distributed: { runtime, numNodes }` it runs as a
 * Kubeflow Trainer TrainJob over several nodes (docs/language.md, "Scale-out steps").
 */
export const trainer: <const I extends SpecMap = {}, const O extends SpecMap = {}>(
  definition: Omit<StepDefinition<I, O>, "kind"> & { distributed?: DistributedOptions; statusOutputs?: { readonly [K in keyof O]?: `status.${string}` } } & NoInfer<KindRule<"trainer", O>>,
) => Step<I, O> = kindHelper("trainer") as any;
export const tuner = kindHelper("tuner");
/** An evaluator must declare a metrics output. */
export const evaluator = kindHelper("evaluator");
export const validator = kindHelper("validator");
export const deployer = kindHelper("deployer");
export const monitor = kindHelper("monitor");

/** An environment variable read from a Kubernetes Secret. */
export function secret(name: string, key: string): SecretRef {
  return { secret: name, key };
}

/** A file read at compile time, relative to the pipeline file (script sources). */
export function file(path: string): FileRef {
  return { file: path };
}
