import type { ConditionNode, Expr } from "@sluice/core/backend";
import { buildDagTemplate, groupArguments, hasWork } from "./build-dag.js";
import { buildWhen } from "./build-when.js";
import { templateName } from "./names.js";
import { DagScope, taskKey } from "./scope.js";
import type { DagTask } from "./types.js";

/**
 * `if / else if / else`: one DAG task per branch, each calling a DAG template of the branch's
 * nodes, with a `when` that holds when its own test holds and no earlier one did, so exactly one
 * branch runs (the else branch's `when` is the negation of all the others).
 */
export function buildConditionTasks(scope: DagScope, node: ConditionNode): DagTask[] {
  const ctx = scope.body.ctx;
  const earlier: Expr[] = [];
  return node.branches.flatMap((branch) => {
    const parts: Expr[] = [...earlier.map((e) => ({ not: e }) as Expr), ...(branch.when ? [branch.when] : [])];
    if (branch.when) earlier.push(branch.when);
    // An empty branch still counts for the ones after it (an else runs only when it did not).
    if (!hasWork(branch.nodes)) return [];
    const test: Expr | undefined = parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { and: parts };
    const inner = new DagScope(scope.body, branch.nodes, false);
    const name = ctx.templateNames.claim(`group ${scope.body.prefix}${branch.id}`, templateName(`${scope.body.prefix}${branch.id}`), branch.span);
    const template = buildDagTemplate(inner, name, branch.nodes);
    // Values a fan-in of an enclosing loop collects from this branch (nested-fan-in.ts).
    const exports = scope.body.nested.exports.get(branch.id);
    const { dag, ...head } = template;
    ctx.addTemplate(exports ? { ...head, outputs: { parameters: exports }, dag } : template);
    const task: DagTask = { name: taskKey(branch.id), template: name };
    if (test) {
      const when = buildWhen(scope, test, branch.span);
      if (when) task.when = when;
    }
    const args = groupArguments(scope, inner, branch.span);
    if (args) task.arguments = args;
    return [task];
  });
}
