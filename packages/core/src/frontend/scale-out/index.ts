// Scale-out step definitions (sparkJob, rayJob, trainer with `distributed`) -> the IR's
// sparkJob / rayJob / trainJob implementation forms. Each form allows its own options; the
// others a step has are located SLU1420 errors that say what to write instead.
import type { ComponentInput, ComponentOutput, Implementation } from "../../ir/index.js";
import type { FrontendContext } from "../context.js";
import type { Evaluator } from "../evaluate.js";
import { nodeOfProperty, type StepValue } from "../values.js";
import { readRayJob } from "./ray.js";
import { readSparkJob } from "./spark.js";
import { readTrainJob } from "./train.js";
import { readStatusOutputs } from "./outputs.js";

export type ScaleOutStepForm = "sparkJob" | "rayJob" | "trainJob";

/** Options of a plain step that a form replaces with its own, and what to write instead. */
const REPLACED: Record<ScaleOutStepForm, Record<string, string>> = {
  sparkJob: {
    command: "the Spark Operator starts the application: set `spark.mainApplicationFile` (and `spark.mainClass`)",
    script: "put the script in the image and name it in `spark.mainApplicationFile`",
    resources: "set `spark.driver` and `spark.executor` (cores, memory) instead",
  },
  rayJob: {
    command: "write the command as `entrypoint`",
    args: "write the whole command as `entrypoint`",
    script: "put the script in the image (or a volume) and run it from `entrypoint`",
    resources: "set `ray.head.resources` and each `ray.workers[i].resources` instead",
  },
  trainJob: { script: "a distributed trainer runs `command` and `args` on every node: put the script in the image" },
};

/** The options each form adds to a step's. */
export const SCALE_OUT_KEYS: Record<ScaleOutStepForm, readonly string[]> = {
  sparkJob: ["spark", "statusOutputs"],
  rayJob: ["entrypoint", "ray", "statusOutputs"],
  trainJob: ["distributed", "statusOutputs"],
};

/** sparkJob(...) and rayJob(...) say so; a trainer is a TrainJob when it has `distributed`. */
export function scaleOutFormOf(step: StepValue): ScaleOutStepForm | undefined {
  if (step.form) return step.form;
  return step.definition.distributed !== undefined && step.kind === "trainer" ? "trainJob" : undefined;
}

/** Reports the plain-step options this form does not take; true when there was none. */
export function checkReplacedOptions(ctx: FrontendContext, step: StepValue, form: ScaleOutStepForm): boolean {
  let ok = true;
  for (const [key, instead] of Object.entries(REPLACED[form])) {
    if (step.definition[key] === undefined) continue;
    ctx.report("badScaleOut", nodeOfProperty(step.definition, key, step.node), `a ${form} step has no \`${key}\`: ${instead}`);
    ok = false;
  }
  return ok;
}

export function readScaleOutImplementation(ctx: FrontendContext, ev: Evaluator, step: StepValue, form: ScaleOutStepForm, inputs: ComponentInput[], outputs: ComponentOutput[]): Implementation | undefined {
  const statusOutputs = readStatusOutputs(ctx, step, outputs);
  const extra = statusOutputs ? { statusOutputs } : {};
  if (form === "sparkJob") {
    const job = readSparkJob(ctx, ev, step, inputs, outputs);
    return job && { sparkJob: { ...job, ...extra } };
  }
  if (form === "rayJob") {
    const job = readRayJob(ctx, ev, step, inputs, outputs);
    return job && { rayJob: { ...job, ...extra } };
  }
  const job = readTrainJob(ctx, ev, step, inputs, outputs);
  return job && { trainJob: { ...job, ...extra } };
}
