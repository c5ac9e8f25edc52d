/**
 * What every group (condition, branch set, loop, exit handler) shares: a component whose DAG is
 * the group's body, and a task in the parent DAG that binds each channel the body asked for.
 */
import type { BuildContext } from "./context.js";
import { bindInput, dependentTasks, hasInputs, sortInputs } from "./build-task.js";
import { artifactType } from "./build-types.js";
import { kfpTaskName } from "./names.js";
import { DagScope, type KfpType, type LoopContext } from "./scope.js";
import type { ComponentSpec, OutputDefinitions, PipelineTaskSpec, TaskInputs } from "./types.js";

/** A child DAG of `parent` for a group's body. */
export function childScope(parent: DagScope, loop?: LoopContext): DagScope {
  return new DagScope(parent, undefined, loop, parent.body);
}

/**
 * Registers the group's component (named after the group id) and returns its task for the parent
 * DAG, with one input per channel the body declared and the producers it waits for.
 */
export function groupTask(ctx: BuildContext, parent: DagScope, body: DagScope, group: { id: string; span: string }, own?: OutputDefinitions): PipelineTaskSpec {
  const outputs = exportFanIns(body, group.id, own);
  const componentName = ctx.componentNames.allocate(group.id);
  const component: ComponentSpec = {
    dag: { ...(hasOutputs(body) ? { outputs: body.outputs } : {}), tasks: body.tasks },
    ...(Object.keys(body.inputs).length ? { inputDefinitions: body.inputs } : {}),
    ...(outputs ? { outputDefinitions: outputs } : {}),
  };
  ctx.components[componentName] = component;
  const inputs: TaskInputs = {};
  const producers: string[] = [];
  for (const channel of body.channels.values()) {
    bindInput(ctx, parent, group, channel.name, channel.binding, inputs, producers, channel.type);
  }
  const deps = dependentTasks(parent, group, producers);
  const task: PipelineTaskSpec = { componentRef: { name: componentName }, taskInfo: { name: kfpTaskName(group.id) } };
  if (deps.length) task.dependentTasks = deps;
  if (hasInputs(inputs)) task.inputs = sortInputs(inputs);
  return task;
}

/**
 * Adds the DAG outputs this group passes up for a fan-in of an enclosing loop (fan-in-routes.ts),
 * typed as kfp types them: a list (`LIST`, `isArtifactList`), the type of the fan-in they serve.
 */
function exportFanIns(body: DagScope, groupId: string, own: OutputDefinitions | undefined): OutputDefinitions | undefined {
  const exports = body.body.fanIn.exports.get(groupId) ?? [];
  if (exports.length === 0) return own;
  const defs: OutputDefinitions = { ...(own?.artifacts ? { artifacts: { ...own.artifacts } } : {}), ...(own?.parameters ? { parameters: { ...own.parameters } } : {}) };
  for (const e of exports) declareListOutput(body, defs, e.name, body.typeOf({ collected: e.collected }), e);
  return defs;
}

/** A DAG output `name` of `body` selecting `from.key` of its task `from.producer`, declared as a list. */
export function declareListOutput(body: DagScope, defs: OutputDefinitions, name: string, type: KfpType | undefined, from: { producer: string; key: string }): void {
  const producerSubtask = kfpTaskName(from.producer);
  if (type?.kind === "artifact") {
    (body.outputs.artifacts ??= {})[name] = { artifactSelectors: [{ outputArtifactKey: from.key, producerSubtask }] };
    (defs.artifacts ??= {})[name] = { artifactType: artifactType(type.type.kind), isArtifactList: true };
  } else {
    (body.outputs.parameters ??= {})[name] = { valueFromParameter: { outputParameterKey: from.key, producerSubtask } };
    (defs.parameters ??= {})[name] = { parameterType: "LIST" };
  }
}

function hasOutputs(scope: DagScope): boolean {
  return Object.keys(scope.outputs.artifacts ?? {}).length + Object.keys(scope.outputs.parameters ?? {}).length > 0;
}
