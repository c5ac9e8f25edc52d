/**
 * Calling another pipeline as a step, as kfp compiles a pipeline used as a component: the called
 * pipeline is a DAG component (`comp-<name>`, built once), and the call is a task referring to it.
 */
import { errorAt, findSubPipeline, getOwn } from "@sluice/core/backend";
import type { SubPipelineNode } from "@sluice/core/backend";
import { buildBody } from "./build-body.js";
import { bindInput, dependentTasks, hasInputs, sortInputs } from "./build-task.js";
import { Codes } from "./codes.js";
import type { BuildContext } from "./context.js";
import { kfpTaskName } from "./names.js";
import { kfpTypeOf, type DagScope } from "./scope.js";
import type { TaskInputs } from "./types.js";

export function buildSubPipelineCall(ctx: BuildContext, scope: DagScope, node: SubPipelineNode): void {
  const sub = findSubPipeline(ctx.ir, node.pipeline);
  let componentName = ctx.subPipelineComponents.get(sub.name);
  if (!componentName) {
    componentName = ctx.componentNames.allocate(sub.name);
    ctx.subPipelineComponents.set(sub.name, componentName);
    ctx.components[componentName] = buildBody(ctx, sub);
  }
  const inputs: TaskInputs = {};
  const producers: string[] = [];
  for (const p of sub.params) {
    const b = getOwn(node.inputs, p.name);
    if (b) bindInput(ctx, scope, node, p.name, b, inputs, producers, kfpTypeOf(p.type, p.default));
  }
  const ignored = Object.keys(node.options ?? {}).filter((k) => k !== "displayName");
  if (ignored.length) ctx.diagnostics.push({ ...errorAt(Codes.subPipelineOptions, `call of pipeline "${sub.name}": ${ignored.join(", ")} apply to steps; KFP has no such setting on a nested pipeline`, node.span), severity: "warning" });
  const deps = dependentTasks(scope, node, producers);
  scope.tasks[kfpTaskName(node.id)] = {
    cachingOptions: { enableCache: true },
    componentRef: { name: componentName },
    ...(deps.length ? { dependentTasks: deps } : {}),
    ...(hasInputs(inputs) ? { inputs: sortInputs(inputs) } : {}),
    taskInfo: { name: node.options?.displayName ?? node.id },
  };
}
