import type { ExitHandlerNode } from "@sluice/core/backend";
import { buildDagTemplate, groupArguments, hasWork } from "./build-dag.js";
import { templateName } from "./names.js";
import { DagScope, taskKey } from "./scope.js";
import type { DagTask } from "./types.js";

/**
 * `try { body } finally { exit }`: a DAG task calling the body's DAG template, with an exit
 * lifecycle hook (`hooks.exit`) calling the exit nodes' DAG template. Argo runs the hook when
 * the task ends, whether it succeeded or failed. A hook rather than the workflow's `onExit`, so
 * that a try/finally anywhere in the pipeline (inside a loop, a branch, a nested pipeline) works
 * the same way, and so that the exit nodes can receive params and outputs as arguments.
 */
export function buildExitHandlerTask(scope: DagScope, node: ExitHandlerNode): DagTask[] {
  const ctx = scope.body.ctx;
  const prefix = scope.body.prefix;
  // Argo refuses a DAG template with no task: an empty side gets none (an empty `finally`
  // leaves a plain group, an empty `try` leaves the exit nodes, which then simply run).
  const [body, exit] = [hasWork(node.nodes), hasWork(node.exit)];
  if (!body && !exit) return [];
  if (!exit || !body) {
    const nodes = body ? node.nodes : node.exit;
    const id = body ? node.id : `${node.id}-exit`;
    const inner = new DagScope(scope.body, nodes, false);
    const name = ctx.templateNames.claim(`group ${prefix}${id}`, templateName(`${prefix}${id}`), node.span);
    ctx.addTemplate(buildDagTemplate(inner, name, nodes));
    const task: DagTask = { name: taskKey(node.id), template: name };
    const args = groupArguments(scope, inner, node.span);
    if (args) task.arguments = args;
    return [task];
  }
  const bodyScope = new DagScope(scope.body, node.nodes, false);
  const bodyName = ctx.templateNames.claim(`group ${prefix}${node.id}`, templateName(`${prefix}${node.id}`), node.span);
  ctx.addTemplate(buildDagTemplate(bodyScope, bodyName, node.nodes));
  const exitScope = new DagScope(scope.body, node.exit, false);
  const exitName = ctx.templateNames.claim(`group ${prefix}${node.id}-exit`, templateName(`${prefix}${node.id}-exit`), node.span);
  ctx.addTemplate(buildDagTemplate(exitScope, exitName, node.exit));

  const task: DagTask = { name: taskKey(node.id), template: bodyName };
  const args = groupArguments(scope, bodyScope, node.span);
  if (args) task.arguments = args;
  const exitArgs = groupArguments(scope, exitScope, node.span);
  task.hooks = { exit: { template: exitName, ...(exitArgs ? { arguments: exitArgs } : {}) } };
  return [task];
}
