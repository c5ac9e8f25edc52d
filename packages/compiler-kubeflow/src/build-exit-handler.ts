/**
 * `try { body } finally { exit }` as kfp compiles `dsl.ExitHandler(exit_task)`: the body becomes the
 * group `exit-handler-x`, and the exit task sits beside it in the parent DAG, depending on the group
 * with `triggerPolicy.strategy: ALL_UPSTREAM_TASKS_COMPLETED` so it runs whatever happened.
 * KFP runs exactly one task there; any other `finally` is a located error.
 */
import { errorAt } from "@sluice/core/backend";
import type { ExitHandlerNode } from "@sluice/core/backend";
import { buildNodes } from "./build-dag.js";
import { childScope, groupTask } from "./build-group.js";
import { buildTask } from "./build-task.js";
import { Codes } from "./codes.js";
import type { BuildContext } from "./context.js";
import { kfpTaskName } from "./names.js";
import type { DagScope } from "./scope.js";

export function buildExitHandler(ctx: BuildContext, parent: DagScope, node: ExitHandlerNode): void {
  const body = childScope(parent);
  buildNodes(ctx, body, node.nodes);
  parent.tasks[kfpTaskName(node.id)] = groupTask(ctx, parent, body, node);

  const exit = node.exit[0];
  if (node.exit.length !== 1 || exit?.type !== "task") {
    ctx.diagnostics.push(errorAt(Codes.exitHandlerShape, "a KFP exit handler runs exactly one step call in `finally`", node.span, "move the other work into that step, or after the try/finally"));
    return;
  }
  parent.declare([exit]);
  buildTask(ctx, parent, exit);
  const name = kfpTaskName(exit.id);
  const task = parent.tasks[name]!;
  task.dependentTasks = [...new Set([...(task.dependentTasks ?? []), kfpTaskName(node.id)])].sort();
  task.triggerPolicy = { strategy: "ALL_UPSTREAM_TASKS_COMPLETED" };
}
