import { type LoopNode, errorAt, isArtifactType } from "@sluice/core/backend";
import { buildDagTemplate, groupArguments, scopeInputs } from "./build-dag.js";
import { Codes } from "./codes.js";
import { fanInOutputName } from "./fan-in.js";
import { fromChild, type Hop } from "./nested-fan-in.js";
import { paramName, templateName } from "./names.js";
import { DagScope, refText, taskKey } from "./scope.js";
import type { DagTask, Parameter, Template } from "./types.js";

/**
 * A loop: a DAG task with `withItems` (a literal list) or `withParam` (a list param, a list
 * output, an enclosing loop's item) that calls a DAG template of the loop's nodes once per
 * item. The body template re-exports each output a later task collects, so Argo aggregates it
 * into a JSON list (fan-in, see fan-in.ts). A parallelism limit needs a DAG of its own, since
 * Argo's `parallelism` applies to a whole template: the loop task then sits alone in a wrapper
 * template `<loop>` whose parallelism is the limit, and the body is `<loop>-iteration`.
 */
export function buildLoopTask(scope: DagScope, node: LoopNode): DagTask {
  const ctx = scope.body.ctx;
  const prefix = scope.body.prefix;
  const inner = new DagScope(scope.body, node.nodes, false, node);
  const bodyOriginal = node.parallelism ? `${node.id}-iteration` : node.id;
  const bodyName = ctx.templateNames.claim(`group ${prefix}${bodyOriginal}`, templateName(`${prefix}${bodyOriginal}`), node.span);
  const { dag, ...head } = buildDagTemplate(inner, bodyName, node.nodes);
  const outputs = fanInOutputs(scope, node);
  ctx.addTemplate({ ...head, ...(outputs.length ? { outputs: { parameters: outputs } } : {}), dag });

  if (!node.parallelism) return loopTask(scope, inner, node, taskKey(node.id), bodyName);

  const wrapperScope = new DagScope(scope.body, [], false);
  const iterate = loopTask(wrapperScope, inner, node, "iterate", bodyName);
  const wrapperName = ctx.templateNames.claim(`group ${prefix}${node.id}`, templateName(`${prefix}${node.id}`), node.span);
  const wrapper: Template = { name: wrapperName };
  const wrapperInputs = scopeInputs(wrapperScope);
  if (wrapperInputs) wrapper.inputs = wrapperInputs;
  if (outputs.length) {
    wrapper.outputs = { parameters: outputs.map((o) => ({ name: o.name, valueFrom: { parameter: `{{tasks.iterate.outputs.parameters.${o.name}}}` } })) };
  }
  wrapper.parallelism = node.parallelism;
  wrapper.dag = { tasks: [iterate] };
  ctx.addTemplate(wrapper);
  const task: DagTask = { name: taskKey(node.id), template: wrapperName };
  const args = groupArguments(scope, wrapperScope, node.span);
  if (args) task.arguments = args;
  return task;
}

/** The looping task, resolved in `scope` (the DAG that holds it). */
function loopTask(scope: DagScope, inner: DagScope, node: LoopNode, name: string, template: string): DagTask {
  const task: DagTask = { name, template };
  const items = node.items;
  if ("literal" in items) {
    const list = Array.isArray(items.literal) ? items.literal : [items.literal];
    if (JSON.stringify(list).includes("{{")) {
      scope.body.ctx.report(errorAt(Codes.unroutableString, `an item of the literal list of loop "${node.id}" contains "{{", which Argo would evaluate`, node.span, "pass the list as a pipeline param"));
    }
    task.withItems = list;
  } else if ("template" in items) {
    scope.body.ctx.report(errorAt(Codes.unsupportedBinding, `loop "${node.id}" iterates over a template string`, node.span));
  } else {
    const ref = scope.resolve(items);
    if (ref.category === "artifact") scope.body.ctx.report(errorAt(Codes.unsupportedBinding, `loop "${node.id}" iterates over artifacts, which Argo cannot do`, node.span));
    else task.withParam = refText(ref);
  }
  const args = groupArguments(scope, inner, node.span, node.id);
  if (args) task.arguments = args;
  return task;
}

/** Body outputs for every parameter output collected out of this loop. */
function fanInOutputs(scope: DagScope, node: LoopNode): Parameter[] {
  const out: Parameter[] = [];
  for (const [task, outputs] of scope.body.fanIns.get(node.id) ?? []) {
    const path = scope.body.nested.paths.get(node.id)?.get(task);
    for (const output of outputs) {
      const type = scope.body.outputType(task, output);
      if (type && isArtifactType(type)) {
        // Stored under the loop's prefix instead; a loop that runs more than once per run would
        // share that prefix between its instances (see fan-in.ts).
        if (scope.body.nestedLoops.has(node.id) || scope.body.repeated) {
          scope.body.ctx.report(errorAt(Codes.repeatedArtifactFanIn, `artifacts of "${task}" are collected out of loop "${node.id}", which runs more than once per run (inside another loop or a nested pipeline called more than once); Argo would mix the instances`, node.span, "collect the artifacts in the outer loop, or pass a parameter list instead"));
        }
        continue;
      }
      if (path) out.push(...nestedFanInOutput(scope, node, task, output, path));
      else out.push({ name: fanInOutputName(task, output), valueFrom: { parameter: `{{tasks.${taskKey(task)}.outputs.parameters.${paramName(output)}}}` } });
    }
  }
  for (const p of scope.body.nested.exports.get(node.id) ?? []) if (!out.some((o) => o.name === p.name)) out.push(p);
  return out;
}

/** The loop's body exports, per iteration, the JSON list its branch or inner loop gave (nested-fan-in.ts). */
function nestedFanInOutput(scope: DagScope, node: LoopNode, task: string, output: string, path: Hop[]): Parameter[] {
  const handler = path.find((h) => h.kind === "exitBody" || h.kind === "exit");
  if (handler) {
    scope.body.ctx.report(errorAt(Codes.nestedFanIn, `output "${output}" of "${task}" is collected out of loop "${node.id}" from inside exit handler "${handler.id}", whose Argo onExit template has no outputs to pass it on`, node.span, "collect the output of a step outside the try/finally, or collect an artifact (its storage key needs no route)"));
    return [];
  }
  const name = fanInOutputName(task, output);
  return [{ name, valueFrom: fromChild(path[0]!, path.slice(1), name) }];
}
