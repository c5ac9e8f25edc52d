/**
 * Explicit `after` edges, placed where KFP can hold them. `dependentTasks` may only name tasks of
 * the same DAG, so an edge between nodes in different groups is lifted, as kfp lifts it: to the
 * outermost groups below the DAG that holds both ends (the consumer's group waits for the
 * producer's group).
 */
import type { Node } from "@sluice/core/backend";

/**
 * The DAG path of every node: the ids of the groups whose DAG holds it, outermost first.
 * `finallyGroups` names the group that holds a `finally` block which is not a lone step call.
 */
export function dagPaths(nodes: Node[], finallyGroups: Map<string, string>, path: string[] = [], out = new Map<string, string[]>()): Map<string, string[]> {
  const inner = (list: Node[], at: string[]) => dagPaths(list, finallyGroups, at, out);
  for (const node of nodes) {
    out.set(node.id, path);
    if (node.type === "loop") inner(node.nodes, [...path, node.id]);
    if (node.type === "exitHandler") {
      inner(node.nodes, [...path, node.id]);
      const group = finallyGroups.get(node.id);
      if (group !== undefined) out.set(group, path);
      inner(node.exit, group === undefined ? path : [...path, group]);
    }
    if (node.type === "condition") {
      if (node.branches.length === 1) inner(node.branches[0]!.nodes, [...path, node.id]);
      else for (const b of node.branches) {
        out.set(b.id, [...path, node.id]);
        inner(b.nodes, [...path, node.id, b.id]);
      }
    }
  }
  return out;
}

/** For each node id, the ids its KFP task must list in dependentTasks because of `after` edges. */
export function liftAfterEdges(nodes: Node[], finallyGroups: Map<string, string>): Map<string, string[]> {
  // The DAG paths are walked for on the first `after` edge only: most pipelines have none.
  let paths: Map<string, string[]> | undefined;
  const pathOf = (id: string) => (paths ??= dagPaths(nodes, finallyGroups)).get(id) ?? [];
  const extra = new Map<string, string[]>();
  const visit = (list: Node[]) => {
    for (const node of list) {
      if ((node.type === "task" || node.type === "subPipeline") && node.after.length) {
        for (const target of node.after) {
          const [from, to] = lift(pathOf(node.id), node.id, pathOf(target), target);
          const deps = extra.get(from) ?? [];
          if (from !== to && !deps.includes(to)) deps.push(to);
          extra.set(from, deps);
        }
      }
      if (node.type === "loop") visit(node.nodes);
      if (node.type === "exitHandler") visit([...node.nodes, ...node.exit]);
      if (node.type === "condition") for (const b of node.branches) visit(b.nodes);
    }
  };
  visit(nodes);
  return extra;
}

function lift(consumerPath: string[], consumer: string, targetPath: string[], target: string): [string, string] {
  let k = 0;
  while (k < consumerPath.length && k < targetPath.length && consumerPath[k] === targetPath[k]) k++;
  return [consumerPath[k] ?? consumer, targetPath[k] ?? target];
}
