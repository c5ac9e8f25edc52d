import { errorAt, type ConditionNode, type Expr, type Node } from "@sluice/core/backend";
import type { BuildContext, NodeHandle, StatementSink } from "./build-context.js";
import { depsOf, literalText, resolveBinding, type Scope, type Value } from "./build-values.js";
import { AirflowCodes } from "./diagnostics.js";
import { taskIdIn } from "./names.js";
import { jinjaStr, pyJson } from "./python.js";
import type { ChooserView, Kwarg, PyValue } from "./view-model.js";

export type BuildNodes = (ctx: BuildContext, nodes: Node[], scope: Scope, sink: StatementSink) => NodeHandle;

/**
 * `if / else if / else` becomes a BranchPythonOperator (task id = the condition's id) whose
 * generated callable tests the branches in order and returns the task ids of the first branch that
 * holds. Every first task of every branch is directly downstream of the branch task, so Airflow
 * skips the branches not taken and the skip flows down each branch. Tasks after the condition
 * get the trigger rule none_failed_min_one_success (set when edges are rendered), so they run
 * after whichever branch ran.
 * Operands reach the callable through op_kwargs: text values as they are, other types as JSON
 * text that the callable parses, so `accuracy >= threshold` compares numbers.
 */
export function buildCondition(ctx: BuildContext, node: ConditionNode, scope: Scope, sink: StatementSink, buildNodes: BuildNodes): NodeHandle {
  const { local, full } = taskIdIn(scope.prefix, node.id);
  ctx.fullIds.push({ original: [scope.prefix, node.id].filter(Boolean).join("."), sanitized: full, span: node.span });
  const v = ctx.names.next("branch");
  ctx.vars.set(v, { fullId: full, branchPath: scope.branchPath });
  const handle: NodeHandle = { entries: [v], exits: [v] };
  scope.handles.set(node.id, handle);
  const chooser: ChooserView = { name: ctx.names.next("choose"), comment: `${node.id} (${node.span})`, argNames: [], cases: [], otherwise: [] };
  const opKwargs: [string, PyValue][] = [];

  const operand = (b: Parameters<typeof resolveBinding>[0]): string => {
    const value = resolveBinding(b, scope);
    if ("error" in value || "item" in value || "sibling" in value) {
      ctx.diagnostics.push(errorAt(AirflowCodes.nestedInLoop, `a condition operand of ${node.id} cannot be read here`, node.span));
      return "None";
    }
    if ("lit" in value) return pyJson(value.lit);
    for (const dep of depsOf(value)) ctx.addEdge(dep, v);
    const name = `v${chooser.argNames.length + 1}`;
    chooser.argNames.push(name);
    opKwargs.push([name, operandTemplate(value)]);
    if (!isJsonText(value)) return name;
    ctx.imports.add("import json");
    return `json.loads(${name})`;
  };
  const test = (e: Expr): string => {
    if ("compare" in e) return `${operand(e.compare.left)} ${e.compare.op} ${operand(e.compare.right)}`;
    if ("and" in e) return e.and.map((x) => `(${test(x)})`).join(" and ");
    if ("or" in e) return e.or.map((x) => `(${test(x)})`).join(" or ");
    // `not (a != b)` reads better as `a == b` (and ruff's SIM202 asks for it).
    if ("compare" in e.not) return test({ compare: { ...e.not.compare, op: NEGATED[e.not.compare.op] } });
    return `not (${test(e.not)})`;
  };

  const view = { kind: "operator" as const, var: v, comment: chooser.comment, className: "BranchPythonOperator", kwargs: [] as Kwarg[] };
  ctx.imports.add("from airflow.providers.standard.operators.python import BranchPythonOperator");
  ctx.operators.set(v, view);
  sink.push(view);
  for (const branch of node.branches) {
    const inner: Scope = { ...scope, branchPath: [...scope.branchPath, branch.id] };
    const h = buildNodes(ctx, branch.nodes, inner, sink);
    ctx.addEdges([v], h.entries);
    handle.exits.push(...h.exits);
    const ids = h.entries.map((x) => ctx.vars.get(x)!.fullId);
    if (branch.when) chooser.cases.push({ test: test(branch.when), taskIds: ids });
    else chooser.otherwise = ids;
  }
  view.kwargs.push(["task_id", { kind: "str", value: local }], ["python_callable", { kind: "code", value: chooser.name }]);
  if (opKwargs.length) view.kwargs.push(["op_kwargs", { kind: "dict", entries: opKwargs }]);
  ctx.choosers.push(chooser);
  return handle;
}

const NEGATED = { "==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<" } as const;

function isJsonText(v: Value): boolean {
  return "expr" in v && v.expr.endsWith("| tojson");
}

function operandTemplate(v: Value): PyValue {
  if ("expr" in v) return { kind: "template", value: `{{ ${v.expr} }}` };
  if ("concat" in v) {
    const parts = v.concat.map((p) => ("lit" in p ? jinjaStr(literalText(p.lit)) : "expr" in p ? `(${p.expr})` : "''"));
    return { kind: "template", value: `{{ ${parts.join(" ~ ")} }}` };
  }
  return { kind: "str", value: "" };
}
