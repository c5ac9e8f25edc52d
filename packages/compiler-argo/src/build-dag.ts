import { type Node, allNodes, dataDependencies, errorAt } from "@sluice/core/backend";
import { buildConditionTasks } from "./build-condition.js";
import { buildExitHandlerTask } from "./build-exit-handler.js";
import { buildLoopTask } from "./build-loop.js";
import { buildSubPipelineTask } from "./build-sub-pipeline.js";
import { addArgument, buildStepTask, orderedArguments } from "./build-task.js";
import { Codes } from "./codes.js";
import { type DagScope, taskKey } from "./scope.js";
import type { Arguments, DagTask, Template } from "./types.js";

/**
 * The tasks of one DAG template: one per node, except a condition, which gives one task per
 * branch. Dependencies are the union of data edges and `after` edges of everything inside a
 * node, lifted to the sibling that contains their source, written as Argo `depends`.
 */
export function buildDagTasks(scope: DagScope, nodes: Node[]): DagTask[] {
  const built = nodes.map((node) => ({ node, tasks: buildNodeTasks(scope, node) }));
  const taskNamesOf = new Map(built.map((b) => [b.node.id, b.tasks.map((t) => t.name)]));
  const siblingOf = siblingIndexOfIds(nodes);
  const out: DagTask[] = [];
  built.forEach(({ node, tasks }, index) => {
    const deps = siblingDependencies(node, index, nodes, siblingOf).flatMap((id) => taskNamesOf.get(id) ?? []);
    for (const t of tasks) out.push(deps.length ? withDepends(t, deps.join(" && ")) : t);
  });
  return out;
}

function buildNodeTasks(scope: DagScope, node: Node): DagTask[] {
  switch (node.type) {
    case "task":
      return [{ ...buildStepTask(scope, node), name: taskKey(node.id) }];
    case "subPipeline":
      return [{ ...buildSubPipelineTask(scope, node), name: taskKey(node.id) }];
    case "condition":
      return buildConditionTasks(scope, node);
    case "loop":
      return hasWork(node.nodes) ? [buildLoopTask(scope, node)] : [];
    case "exitHandler":
      return buildExitHandlerTask(scope, node);
  }
}

/**
 * Whether a group's body runs anything. Argo refuses a DAG template with no task ("must have at
 * least one task"), so a loop or branch with nothing in it (`if (x) {} else {...}`) gets no
 * template and no task: it would do nothing, and no task can read from it. The front end
 * refuses a whole pipeline with no step (SLU1309).
 */
export function hasWork(nodes: Node[]): boolean {
  return allNodes(nodes).some((n) => n.type === "task" || n.type === "subPipeline");
}

/** Argo expects `depends` right after the name and template; key order is output order. */
function withDepends(t: DagTask, depends: string): DagTask {
  const { name, template, ...rest } = t;
  return { name, template, depends, ...rest };
}

/**
 * Ids of the siblings `node` (at `index`) must wait for, in sibling order. Each wanted id is
 * looked up in `siblingOf` rather than by scanning every sibling's subtree, so a DAG of n tasks
 * costs O(n + edges), not O(n^2) (a 20,000-task chain took minutes that way).
 */
function siblingDependencies(node: Node, index: number, siblings: Node[], siblingOf: Map<string, number>): string[] {
  const found = new Set<number>();
  const add = (id: string) => {
    const at = siblingOf.get(id);
    if (at !== undefined && at !== index) found.add(at);
  };
  for (const n of allNodes([node])) {
    for (const id of dataDependencies(n)) add(id);
    if (n.type === "task" || n.type === "subPipeline") for (const id of n.after) add(id);
  }
  return [...found].sort((a, b) => a - b).map((at) => siblings[at]!.id);
}

/** Every id inside each sibling (a condition's branches too), mapped to that sibling's index. */
function siblingIndexOfIds(siblings: Node[]): Map<string, number> {
  const at = new Map<string, number>();
  siblings.forEach((s, index) => {
    for (const n of allNodes([s])) {
      at.set(n.id, index);
      if (n.type === "condition") for (const b of n.branches) at.set(b.id, index);
    }
  });
  return at;
}

/**
 * A DAG template over `nodes`, whose inputs are whatever its tasks needed from outside
 * (scope.externals, filled while the tasks were built).
 */
export function buildDagTemplate(scope: DagScope, name: string, nodes: Node[]): Template {
  const tasks = buildDagTasks(scope, nodes);
  const t: Template = { name };
  const inputs = scopeInputs(scope);
  if (inputs) t.inputs = inputs;
  t.dag = { tasks };
  return t;
}

export function scopeInputs(scope: DagScope): Arguments | undefined {
  const ext = [...scope.externals.values()];
  const parameters = ext.filter((e) => e.category === "parameter").map((e) => ({ name: e.inputName }));
  const artifacts = ext.filter((e) => e.category === "artifact").map((e) => ({ name: e.inputName }));
  if (!parameters.length && !artifacts.length) return undefined;
  return { ...(parameters.length ? { parameters } : {}), ...(artifacts.length ? { artifacts } : {}) };
}

/**
 * The arguments a DAG task passes to the group template it calls: each of the group's
 * externals resolved in the calling scope; the loop's own item comes from `{{item}}`.
 */
export function groupArguments(parent: DagScope, child: DagScope, span: string, itemOf?: string): Arguments | undefined {
  const args: Arguments = {};
  for (const ext of child.externals.values()) {
    const b = ext.binding;
    if ("loopItem" in b && b.loopItem === itemOf) {
      // A field name goes inside an Argo tag: only plain names can.
      if (b.field !== undefined && !/^[A-Za-z0-9_-]+$/.test(b.field)) {
        parent.body.ctx.report(errorAt(Codes.unsupportedBinding, `the loop item field ${JSON.stringify(b.field)} cannot be named in an Argo {{item.…}} reference`, span));
      }
      (args.parameters ??= []).push({ name: ext.inputName, value: b.field ? `{{item.${b.field}}}` : "{{item}}" });
    } else {
      addArgument(parent, args, ext.inputName, b, span);
    }
  }
  return args.parameters || args.artifacts ? orderedArguments(args) : undefined;
}
