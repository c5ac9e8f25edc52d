/**
 * A pipeline body (the top pipeline or a sub-pipeline) as a DAG component: its params as
 * `inputDefinitions`, its tasks, and its outputs as DAG outputs.
 */
import { bindingsOfNode, errorAt, allNodes, flattenBinding } from "@sluice/core/backend";
import type { Binding, Node, PipelineOutput, PipelineParam } from "@sluice/core/backend";
import { liftAfterEdges } from "./after-edges.js";
import { buildNodes } from "./build-dag.js";
import { artifactType, parameterType } from "./build-types.js";
import { fanInRoutes } from "./fan-in-routes.js";
import { finallyGroupIds } from "./finally-groups.js";
import { Codes } from "./codes.js";
import type { BuildContext } from "./context.js";
import { kfpTaskName } from "./names.js";
import { DagScope, collectedKey } from "./scope.js";
import type { ComponentSpec, InputDefinitions, OutputDefinitions } from "./types.js";
import { makeTypeOf } from "./typing.js";

export function buildBody(ctx: BuildContext, body: { params: PipelineParam[]; outputs: PipelineOutput[]; root: Node[]; span: string }): ComponentSpec {
  const typeOf = makeTypeOf(ctx.ir, body.params, body.root);
  const finallyGroups = finallyGroupIds(body.root);
  const collected = collectedByLoop(body.root, body.outputs);
  const fanIn = fanInRoutes(body.root, finallyGroups, collected);
  const scope = new DagScope(undefined, body.params, undefined, { typeOf, collected, extraAfter: liftAfterEdges(body.root, finallyGroups), finallyGroups, fanIn });
  buildNodes(ctx, scope, body.root);
  const outputs = bodyOutputs(ctx, scope, body.outputs, body.span);
  const inputs = paramDefinitions(body.params);
  return {
    dag: { ...(outputs ? { outputs: outputs.dag } : {}), tasks: scope.tasks },
    ...(inputs ? { inputDefinitions: inputs } : {}),
    ...(outputs ? { outputDefinitions: outputs.defs } : {}),
  };
}

function paramDefinitions(params: PipelineParam[]): InputDefinitions | undefined {
  if (params.length === 0) return undefined;
  const defs: InputDefinitions = {};
  for (const p of params) {
    const common = { ...(p.description ? { description: p.description } : {}) };
    if (p.type.category === "artifact" || p.type.category === "artifactList") {
      (defs.artifacts ??= {})[p.name] = { artifactType: artifactType(p.type.kind), ...(p.type.category === "artifactList" ? { isArtifactList: true } : {}), ...common };
    } else {
      (defs.parameters ??= {})[p.name] = {
        parameterType: parameterType(p.type, p.default),
        ...(p.default !== undefined ? { defaultValue: p.default, isOptional: true } : {}),
        ...(p.enum ? { literals: p.enum } : {}),
        ...common,
      };
    }
  }
  return defs;
}

function bodyOutputs(ctx: BuildContext, scope: DagScope, outputs: PipelineOutput[], span: string): { dag: NonNullable<NonNullable<ComponentSpec["dag"]>["outputs"]>; defs: OutputDefinitions } | undefined {
  if (outputs.length === 0) return undefined;
  const dag: NonNullable<NonNullable<ComponentSpec["dag"]>["outputs"]> = {};
  const defs: OutputDefinitions = {};
  for (const out of outputs) {
    const from = out.from;
    const source = "taskOutput" in from ? { task: from.taskOutput.task, key: from.taskOutput.output } : "collected" in from ? { task: from.collected.loop, key: collectedKey(from.collected) } : undefined;
    if (!source || !scope.localIds.has(source.task)) {
      ctx.diagnostics.push(errorAt(Codes.pipelineOutput, `pipeline output "${out.name}": KFP can only return an output of a step called at the top level of the pipeline body`, span));
      continue;
    }
    const producerSubtask = kfpTaskName(source.task);
    if (out.type.category === "artifact" || out.type.category === "artifactList") {
      (dag.artifacts ??= {})[out.name] = { artifactSelectors: [{ outputArtifactKey: source.key, producerSubtask }] };
      (defs.artifacts ??= {})[out.name] = { artifactType: artifactType(out.type.kind), ...(out.type.category === "artifactList" ? { isArtifactList: true } : {}) };
    } else {
      (dag.parameters ??= {})[out.name] = { valueFromParameter: { outputParameterKey: source.key, producerSubtask } };
      (defs.parameters ??= {})[out.name] = { parameterType: parameterType(out.type) };
    }
  }
  return { dag, defs };
}

/** For each loop, the task outputs some fan-in collects from it, in first-use order. */
function collectedByLoop(root: Node[], outputs: PipelineOutput[]): Map<string, { task: string; output: string }[]> {
  const map = new Map<string, { task: string; output: string }[]>();
  const bindings: Binding[] = [...allNodes(root).flatMap(bindingsOfNode), ...outputs.flatMap((o) => flattenBinding(o.from))];
  for (const b of bindings) {
    if (!("collected" in b)) continue;
    const list = map.get(b.collected.loop) ?? [];
    if (!list.some((c) => c.task === b.collected.task && c.output === b.collected.output)) list.push({ task: b.collected.task, output: b.collected.output });
    map.set(b.collected.loop, list);
  }
  return map;
}
