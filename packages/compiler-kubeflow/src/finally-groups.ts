/**
 * Where the `finally` block of an exit handler lives in KFP.
 *
 * KFP's exit handler has one exit task: a task in the parent DAG that depends on the handler's
 * group with `triggerPolicy.strategy: ALL_UPSTREAM_TASKS_COMPLETED`. A `finally` that is one step
 * call or one nested pipeline call is that task itself (as kfp writes `dsl.ExitHandler(step(...))`
 * and `dsl.ExitHandler(some_pipeline(...))`). Any other `finally` (several calls, a condition, a
 * loop) becomes one group whose DAG holds the block, used as the exit task: the shape of a
 * pipeline used as the exit task.
 * That group is not an IR node, so its id is chosen here, once per body, apart from every IR id.
 */
import { allNodes } from "@sluice/core/backend";
import type { ExitHandlerNode, Node } from "@sluice/core/backend";

/** True when the `finally` block needs its own group (it is not exactly one step or pipeline call). */
export function needsFinallyGroup(node: ExitHandlerNode): boolean {
  const only = node.exit.length === 1 ? node.exit[0]! : undefined;
  return !(only?.type === "task" || only?.type === "subPipeline");
}

/** For each exit handler of a body whose `finally` needs a group, that group's id. */
export function finallyGroupIds(root: Node[]): Map<string, string> {
  const nodes = allNodes(root);
  const ids = new Map<string, string>();
  // Every id in the body is taken; collected only when some exit handler needs a group.
  let taken: Set<string> | undefined;
  for (const node of nodes) {
    if (node.type !== "exitHandler" || !needsFinallyGroup(node)) continue;
    taken ??= new Set(nodes.flatMap((n) => [n.id, ...(n.type === "condition" ? n.branches.map((b) => b.id) : [])]));
    let id = `${node.id}-finally`;
    for (let n = 2; taken.has(id); n++) id = `${node.id}-finally-${n}`;
    taken.add(id);
    ids.set(node.id, id);
  }
  return ids;
}
