/**
 * `try { body } finally { exit }` as kfp compiles `dsl.ExitHandler(exit_task)`: the body becomes the
 * group `exit-handler-x`, and the exit task sits beside it in the parent DAG, depending on the group
 * with `triggerPolicy.strategy: ALL_UPSTREAM_TASKS_COMPLETED` so it runs whatever happened.
 * A `finally` of one step or pipeline call is that exit task; any other `finally` is a group holding
 * the whole block, used as the exit task (kfp's shape for a pipeline passed as `exit_task`;
 * finally-groups.ts).
 */
import type { ExitHandlerNode } from "@sluice/core/backend";
import { buildNodes } from "./build-dag.js";
import { childScope, groupTask } from "./build-group.js";
import { buildSubPipelineCall } from "./build-sub-pipeline.js";
import { buildTask } from "./build-task.js";
import type { BuildContext } from "./context.js";
import { kfpTaskName } from "./names.js";
import type { DagScope } from "./scope.js";
import type { PipelineTaskSpec } from "./types.js";

export function buildExitHandler(ctx: BuildContext, parent: DagScope, node: ExitHandlerNode): void {
  const body = childScope(parent);
  buildNodes(ctx, body, node.nodes);
  const handler = kfpTaskName(node.id);
  parent.tasks[handler] = groupTask(ctx, parent, body, node);

  const groupId = parent.body.finallyGroups.get(node.id);
  let exitTask: PipelineTaskSpec;
  if (groupId === undefined) {
    const exit = node.exit[0]!;
    parent.declare([exit]);
    if (exit.type === "task") buildTask(ctx, parent, exit);
    else if (exit.type === "subPipeline") buildSubPipelineCall(ctx, parent, exit);
    else throw new Error(`exit handler ${node.id}: a one-node finally that is not a call has no group id`);
    exitTask = parent.tasks[kfpTaskName(exit.id)]!;
  } else {
    const block = childScope(parent);
    buildNodes(ctx, block, node.exit);
    parent.declare([{ id: groupId }]);
    // kfp caches a pipeline used as a task like any other task; the steps inside keep their own setting.
    exitTask = { cachingOptions: { enableCache: true }, ...groupTask(ctx, parent, block, { id: groupId, span: node.span }) };
    parent.tasks[kfpTaskName(groupId)] = exitTask;
  }
  exitTask.dependentTasks = [...new Set([...(exitTask.dependentTasks ?? []), handler])].sort();
  exitTask.triggerPolicy = { strategy: "ALL_UPSTREAM_TASKS_COMPLETED" };
}
