// trainer({ ..., distributed: {...} }) -> the IR's trainJob form (a Kubeflow Trainer TrainJob subset).
// The trainer's own `command` and `args` become the TrainJob's; `resources` are per node.
import type { ComponentInput, ComponentOutput, TrainJob } from "../../ir/index.js";
import type { FrontendContext } from "../context.js";
import type { Evaluator } from "../evaluate.js";
import { readArgs } from "../args.js";
import { nodeOfProperty, type StepValue } from "../values.js";
import { FieldReader } from "./fields.js";
import { dropUndefined } from "./drop-undefined.js";

const DISTRIBUTED_KEYS = ["runtime", "numNodes", "numProcPerNode"] as const;
const RUNTIME_KINDS = ["ClusterTrainingRuntime", "TrainingRuntime"] as const;

export function readTrainJob(ctx: FrontendContext, ev: Evaluator, step: StepValue, inputs: ComponentInput[], outputs: ComponentOutput[]): TrainJob | undefined {
  const def = step.definition;
  const d = FieldReader.of(ctx, def, "distributed", step.node, "distributed");
  if (!d) return undefined;
  d.onlyKeys(DISTRIBUTED_KEYS);
  const runtime = readRuntime(ctx, d);
  const numNodes = d.integer("numNodes", 1) ?? (d.has("numNodes") ? undefined : d.missing("numNodes", "scaleOutCount", "`distributed` needs `numNodes`, the number of training nodes (at least 1)"));
  const numProcPerNode = d.integer("numProcPerNode", 1);
  if (def.command === undefined) ctx.report("scaleOutEntry", step.node, 'a distributed trainer needs `command`, what each node runs, e.g. ["torchrun", "train.py"]');
  const command = def.command === undefined ? [] : readArgs(ctx, ev, def.command, "command", inputs, outputs, nodeOfProperty(def, "command", step.node));
  const args = def.args === undefined ? [] : readArgs(ctx, ev, def.args, "args", inputs, outputs, nodeOfProperty(def, "args", step.node));
  if (!runtime || numNodes === undefined || def.command === undefined) return undefined;
  return dropUndefined({ runtime, numNodes, numProcPerNode, command, args });
}

/** "torch-distributed" names a ClusterTrainingRuntime, as kubeflow's own examples do. */
function readRuntime(ctx: FrontendContext, d: FieldReader): TrainJob["runtime"] | undefined {
  const v = d.obj.runtime;
  if (v === undefined) return d.missing("runtime", "scaleOutEntry", '`distributed` needs `runtime`, the training runtime to use, e.g. "torch-distributed"');
  if (typeof v === "string") return v === "" ? d.bad("runtime", "a runtime name") : { name: v, kind: "ClusterTrainingRuntime" };
  const r = FieldReader.of(ctx, d.obj, "runtime", d.node, "distributed.runtime");
  if (!r) return undefined;
  r.onlyKeys(["name", "kind"]);
  const name = r.string("name") ?? (r.has("name") ? undefined : r.missing("name", "badScaleOut", "`distributed.runtime` needs `name`"));
  const kind = r.oneOf("kind", RUNTIME_KINDS) ?? (r.has("kind") ? undefined : "ClusterTrainingRuntime");
  return name && kind ? { name, kind } : undefined;
}
