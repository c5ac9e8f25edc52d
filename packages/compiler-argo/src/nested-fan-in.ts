import { type Node, walkNodes } from "@sluice/core/backend";
import { fanInOutputName } from "./fan-in.js";
import { paramName } from "./names.js";
import { taskKey } from "./scope.js";
import type { Parameter } from "./types.js";

/**
 * A fan-in whose producer sits below the loop's top level, in a branch or an inner loop (the
 * front end's `.flatMap`): every group template between the loop and the step exports the values
 * as a JSON list, so that the loop aggregates a list of lists and the consumer flattens it, in
 * item order (Argo sorts a loop's children by index before aggregating, operator.go
 * processAggregateNodeOutputs).
 *
 * - A branch exports `[value]`, and declares `[]` as its output's default: Argo puts a skipped
 *   node's declared default in scope for its outputs (scope.go addSkippedOutputParamToScope), so
 *   an iteration whose branch did not run adds nothing.
 * - An inner loop's body re-exports the value (or its own list); Argo aggregates it over the
 *   inner iterations into a JSON list (of lists, then flattened by the enclosing group).
 *
 * Only parameters: an artifact is written by its step under the loop's storage prefix wherever
 * the step sits (fan-in.ts), so it needs no route. A parameter from inside an exit handler on the
 * path stays SLU2007 (build-loop.ts).
 */
export interface NestedFanIns {
  /** Output parameters each group template (a branch id, an inner loop id) adds. */
  exports: Map<string, Parameter[]>;
  /** The groups below each loop on the way to each nested task: loop id -> task id -> path; absent: not nested. */
  paths: Map<string, Map<string, Hop[]>>;
}

export interface Hop {
  kind: "branch" | "loop" | "exitBody" | "exit";
  id: string;
}

/** Where every node sits: the groups above it, outermost first. */
function scopes(root: Node[]): Map<string, Hop[]> {
  const out = new Map<string, Hop[]>();
  walkNodes(root, (n, scope) => out.set(n.id, scope.map((s) => ({ kind: s.type, id: s.id }))));
  return out;
}

export function nestedFanIns(root: Node[], fanIns: Map<string, Map<string, string[]>>, isArtifact: (task: string, output: string) => boolean): NestedFanIns {
  const where = scopes(root);
  const result: NestedFanIns = { exports: new Map(), paths: new Map() };
  for (const [loop, byTask] of fanIns) {
    for (const [task, outputs] of byTask) {
      const above = where.get(task) ?? [];
      const at = above.findIndex((h) => h.kind === "loop" && h.id === loop);
      const path = at < 0 ? [] : above.slice(at + 1);
      if (path.length === 0) continue;
      const byLoop = result.paths.get(loop) ?? new Map<string, Hop[]>();
      byLoop.set(task, path);
      result.paths.set(loop, byLoop);
      for (const output of outputs.filter((o) => !isArtifact(task, o))) {
        path.forEach((group, i) => {
          const below = path.slice(i + 1);
          const p = exportOf(group, below, task, output);
          const list = result.exports.get(group.id) ?? [];
          if (!list.some((e) => e.name === p.name)) list.push(p);
          result.exports.set(group.id, list);
        });
      }
    }
  }
  return result;
}

/** What `group` exports for `task.output`, given the groups still below it (`below`). */
function exportOf(group: Hop, below: Hop[], task: string, output: string): Parameter {
  const name = fanInOutputName(task, output);
  const child = below[0];
  const valueFrom = child ? fromChild(child, below.slice(1), name) : fromTask(group, task, output);
  return { name, valueFrom: { ...valueFrom, ...(group.kind === "branch" ? { default: "[]" } : {}) } };
}

/** Right above the step: a branch wraps the value in a list, an inner loop's body passes it as is. */
function fromTask(group: Hop, task: string, output: string): Parameter["valueFrom"] & object {
  if (group.kind === "branch") return { expression: `toJson([${exprRef(task, paramName(output))}])` };
  return { parameter: `{{tasks.${taskKey(task)}.outputs.parameters.${paramName(output)}}}` };
}

/** From a child group: a branch's list as is; an inner loop's aggregate, flattened when its iterations gave lists. */
export function fromChild(child: Hop, belowChild: Hop[], name: string): Parameter["valueFrom"] & object {
  if (child.kind === "loop" && belowChild.length > 0) return { expression: flattenExpr(child.id, name) };
  return { parameter: `{{tasks.${taskKey(child.id)}.outputs.parameters.${name}}}` };
}

/** An output of a sibling task in an Argo expression (names may hold `-`, so indexed). */
export function exprRef(task: string, output: string): string {
  return `tasks['${taskKey(task)}'].outputs.parameters['${output}']`;
}

/** The flat JSON list of a loop whose iterations each gave a JSON list. */
export function flattenExpr(loop: string, name: string): string {
  return `toJson(flatten(fromJSON(${exprRef(loop, name)})))`;
}
