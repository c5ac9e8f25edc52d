/**
 * `for (const x of list)` and `list.map(...)` as kfp compiles `dsl.ParallelFor`: a group task with
 * a `parameterIterator` (or `artifactIterator` for a list of artifacts) and, when asked,
 * `iteratorPolicy.parallelismLimit`. The list reaches the loop as a channel input; a literal list
 * is written `raw`, as JSON. A fan-in (`collected`) becomes an output of the loop's DAG, which KFP
 * gathers into a list (kfp's `dsl.Collected`); a producer nested in a group of the body is reached
 * through that group's outputs (fan-in-routes.ts).
 */
import { errorAt } from "@sluice/core/backend";
import type { LoopNode } from "@sluice/core/backend";
import { buildNodes } from "./build-dag.js";
import { holdsLauncherSyntax, valueWarning } from "./value-warnings.js";
import { childScope, declareListOutput, groupTask } from "./build-group.js";
import { Codes } from "./codes.js";
import type { BuildContext } from "./context.js";
import { channelName, kfpTaskName } from "./names.js";
import { routeKey } from "./fan-in-routes.js";
import { channelBase, collectedKey, declareInput, type DagScope, type KfpType } from "./scope.js";
import type { OutputDefinitions, PipelineTaskSpec } from "./types.js";

export function buildLoop(ctx: BuildContext, parent: DagScope, node: LoopNode): void {
  const literalItems = "literal" in node.items ? node.items.literal : undefined;
  // A field of an outer item has no declared type; it is iterated, so it is a LIST.
  const listType: KfpType | undefined = literalItems === undefined ? (parent.typeOf(node.items) ?? { kind: "parameter", type: "LIST" }) : undefined;
  if ((literalItems !== undefined && !Array.isArray(literalItems)) || "template" in node.items) {
    ctx.diagnostics.push(errorAt(Codes.bindingNotExpressible, `loop "${node.id}": its items are not a list KFP can iterate`, node.span));
    return;
  }
  if (holdsLauncherSyntax(literalItems)) ctx.diagnostics.push(valueWarning(`an item of loop "${node.id}"`, node.span));
  // The list comes in as the body's first channel, so it keeps kfp's name (pipelinechannel--<list>)
  // and the item input is named after it, as kfp names it.
  const plannedList = literalItems === undefined ? channelName(channelBase(node.items)) : undefined;
  const itemInput = plannedList ? `${plannedList}-loop-item` : channelName(`${node.id}-loop-item`);
  const itemType: KfpType = parent.body.typeOf({ loopItem: node.id }) ?? { kind: "parameter", type: "STRING" };

  const body = childScope(parent, { id: node.id, itemInput, itemType });
  const listChannel = listType ? body.channelFor(node.items, listType) : undefined;
  declareInput(body.inputs, itemInput, itemType);
  buildNodes(ctx, body, node.nodes);
  const outputs = collectOutputs(ctx, body, node);
  const task = groupTask(ctx, parent, body, node, outputs);
  // The language bounds iterations by defaults.parallelism; KFP can only bound each loop.
  const parallelism = node.parallelism ?? ctx.ir.spec.defaults.parallelism;
  parent.tasks[kfpTaskName(node.id)] = withIterator(task, parallelism, literalItems, listChannel, itemInput, itemType);
}

function withIterator(task: PipelineTaskSpec, parallelism: number | undefined, literal: unknown, listChannel: string | undefined, itemInput: string, itemType: KfpType): PipelineTaskSpec {
  const { taskInfo, ...rest } = task;
  const iterator: Partial<PipelineTaskSpec> =
    itemType.kind === "artifact" && listChannel
      ? { artifactIterator: { itemInput, items: { inputArtifact: listChannel } } }
      : { parameterIterator: { itemInput, items: listChannel ? { inputParameter: listChannel } : { raw: pythonJson(literal) } } };
  return {
    ...rest,
    ...(parallelism ? { iteratorPolicy: { parallelismLimit: parallelism } } : {}),
    ...iterator,
    taskInfo,
  };
}

/** Declares a DAG output for every fan-in of this loop, from the producing task in its body. */
function collectOutputs(ctx: BuildContext, body: DagScope, node: LoopNode): OutputDefinitions | undefined {
  const wanted = body.body.collected.get(node.id) ?? [];
  if (wanted.length === 0) return undefined;
  const defs: OutputDefinitions = {};
  for (const c of wanted) {
    // The step itself when it is called in the loop body, else the group holding it (fan-in-routes.ts).
    const source = body.body.fanIn.loopSource.get(routeKey(node.id, c));
    if (!source) {
      ctx.diagnostics.push(errorAt(Codes.collectedNotInLoop, `loop "${node.id}": the fan-in of "${c.task}.${c.output}" names a step that is not inside the loop`, node.span));
      continue;
    }
    declareListOutput(body, defs, collectedKey(c), body.typeOf({ collected: { loop: node.id, ...c } }), source);
  }
  return defs;
}

/** JSON as Python's json.dumps writes it (", " and ": " separators), which kfp uses for `raw`. */
export function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  if (value && typeof value === "object") return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pythonJson(v)}`).join(", ")}}`;
  return JSON.stringify(value);
}
