import { z } from "zod";
import { RunSettings } from "./settings.js";
import { Arg } from "./args.js";
import { RayJob, SparkJob, TrainJob } from "./scale-out.js";
import { JsonValue, SourceSpan, ValueType } from "./types.js";

export const StepKind = z.enum([
  "loader",
  "preprocessor",
  "featurizer",
  "tokenizer",
  "splitter",
  "trainer",
  "tuner",
  "evaluator",
  "validator",
  "deployer",
  "monitor",
  "custom",
]);
export type StepKind = z.infer<typeof StepKind>;

export { Arg, ArgRef } from "./args.js";

export const ComponentInput = z
  .object({
    name: z.string(),
    type: ValueType,
    /** Absent: the input is required (unless optional). */
    default: JsonValue.optional(),
    optional: z.boolean().optional(),
    description: z.string().optional(),
    enum: z.array(JsonValue).optional(),
  })
  .strict();
export type ComponentInput = z.infer<typeof ComponentInput>;

export const ComponentOutput = z
  .object({ name: z.string(), type: ValueType, description: z.string().optional() })
  .strict();
export type ComponentOutput = z.infer<typeof ComponentOutput>;

export const ScriptLanguage = z.enum(["python", "bash", "sh", "node"]);
export type ScriptLanguage = z.infer<typeof ScriptLanguage>;

/**
 * How the step runs. A script step receives its inputs and output paths in `args`, built by the
 * front end with the same convention on every target (see docs/language.md, "Script steps").
 * `sparkJob`, `trainJob` and `rayJob` hand the work to an engine (docs/scale-out.md).
 */
export const Implementation = z.union([
  z.object({ container: z.object({ command: z.array(Arg), args: z.array(Arg) }).strict() }).strict(),
  z
    .object({
      script: z
        .object({
          language: ScriptLanguage,
          source: z.string(),
          /** The file the source was read from, relative to the project root, when `file()` was used. */
          sourceFile: z.string().optional(),
          args: z.array(Arg),
        })
        .strict(),
    })
    .strict(),
  // Scale-out forms: the work runs as one custom resource of an engine (scale-out.ts).
  z.object({ sparkJob: SparkJob }).strict(),
  z.object({ trainJob: TrainJob }).strict(),
  z.object({ rayJob: RayJob }).strict(),
]);
export type Implementation = z.infer<typeof Implementation>;

/** A step definition, declared once and called by any number of tasks. */
export const Component = z
  .object({
    name: z.string(),
    kind: StepKind,
    description: z.string().optional(),
    image: z.string(),
    implementation: Implementation,
    inputs: z.array(ComponentInput),
    outputs: z.array(ComponentOutput),
    ...RunSettings.shape,
    span: SourceSpan,
  })
  .strict();
export type Component = z.infer<typeof Component>;
