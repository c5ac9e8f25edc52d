/** Builds the tasks of one DAG from IR nodes, dispatching on the node type. */
import type { Node } from "@sluice/core/backend";
import { buildCondition } from "./build-condition.js";
import { buildExitHandler } from "./build-exit-handler.js";
import { buildLoop } from "./build-loop.js";
import { buildSubPipelineCall } from "./build-sub-pipeline.js";
import { buildTask } from "./build-task.js";
import type { BuildContext } from "./context.js";
import type { DagScope } from "./scope.js";

export function buildNodes(ctx: BuildContext, scope: DagScope, nodes: Node[]): void {
  scope.declare(nodes);
  for (const node of nodes) {
    switch (node.type) {
      case "task":
        buildTask(ctx, scope, node);
        break;
      case "subPipeline":
        buildSubPipelineCall(ctx, scope, node);
        break;
      case "condition":
        buildCondition(ctx, scope, node);
        break;
      case "loop":
        buildLoop(ctx, scope, node);
        break;
      case "exitHandler":
        buildExitHandler(ctx, scope, node);
        break;
    }
  }
}
