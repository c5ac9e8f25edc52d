import { errorAt, type ConditionNode, type Expr, type Node } from "@sluice/core/backend";
import type { BuildContext, NodeHandle, StatementSink } from "./build-context.js";
import { depsOf, literalText, resolveBinding, type Scope, type Value } from "./build-values.js";
import { AirflowCodes } from "./diagnostics.js";
import { taskIdIn } from "./names.js";
import { jinjaStr, pyJson } from "./python.js";
import type { ChooserView, OperatorView, PyValue } from "./view-model.js";

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
 *
 * Inside a mapped task group (a loop) a branch task cannot be used: Airflow 3 looks up a branch
 * task's decision at map index -1 when the branch task itself is not a mapped operator
 * (NotPreviouslySkippedDep checks `parent.is_mapped`, false for a task that is mapped only through
 * its group), so every branch of every iteration would run. There each branch gets a gate task
 * (task id = the branch's id) running the same tests, which skips itself unless its branch is the
 * first that holds; the skip then flows down that iteration's branch only, by trigger rules, which
 * Airflow evaluates per map index inside a mapped task group.
 */
export function buildCondition(ctx: BuildContext, node: ConditionNode, scope: Scope, sink: StatementSink, buildNodes: BuildNodes): NodeHandle {
  const gated = scope.mapped !== undefined;
  const handle: NodeHandle = { entries: [], exits: [] };
  scope.handles.set(node.id, handle);
  const chooser: ChooserView = { name: ctx.names.next("choose"), comment: `${node.id} (${node.span})`, argNames: [], cases: [], otherwise: [], gate: gated, hasElse: false };
  const opKwargs: [string, PyValue][] = [];
  const deps: string[] = [];

  const operand = (b: Parameters<typeof resolveBinding>[0]): string => {
    const value = resolveBinding(b, scope);
    if ("error" in value) {
      ctx.diagnostics.push(errorAt(value.error === "loopBodyEdge" ? AirflowCodes.loopBodyEdge : "SLU0004", `a condition operand of ${node.id}: ${value.message}`, node.span));
      return "None";
    }
    if ("lit" in value) return pyJson(value.lit);
    deps.push(...depsOf(value));
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

  const operator = (id: string, original: string, branchPath: string[], className: string, comment: string): OperatorView => {
    const { local, full } = taskIdIn(scope.prefix, id);
    ctx.fullIds.push({ original: [scope.prefix, original].filter(Boolean).join("."), sanitized: full, span: node.span });
    const v = ctx.names.next("branch");
    ctx.vars.set(v, { fullId: full, branchPath });
    const view: OperatorView = { kind: "operator", var: v, comment, className, kwargs: [["task_id", { kind: "str", value: local }], ["python_callable", { kind: "code", value: chooser.name }]] };
    ctx.operators.set(v, view);
    sink.push(view);
    handle.entries.push(v);
    handle.exits.push(v);
    return view;
  };

  const gates: OperatorView[] = [];
  let brancher: OperatorView | undefined;
  if (gated) {
    ctx.imports.add("from airflow.providers.standard.operators.python import PythonOperator");
    ctx.imports.add("from airflow.sdk.exceptions import AirflowSkipException");
  } else {
    ctx.imports.add("from airflow.providers.standard.operators.python import BranchPythonOperator");
    brancher = operator(node.id, node.id, scope.branchPath, "BranchPythonOperator", chooser.comment);
  }
  node.branches.forEach((branch, index) => {
    const inner: Scope = { ...scope, branchPath: [...scope.branchPath, branch.id] };
    // A gate belongs to its branch: skipped with it, so a task after the condition is a join.
    const gate = gated ? operator(branch.id, `${branch.id} (gate)`, inner.branchPath, "PythonOperator", `${node.id}: runs when ${branch.id} is taken (${branch.span})`) : undefined;
    if (gate) gates.push(gate);
    const h = buildNodes(ctx, branch.nodes, inner, sink);
    ctx.addEdges([(gate ?? brancher)!.var], h.entries);
    handle.exits.push(...h.exits);
    const ids = h.entries.map((x) => ctx.vars.get(x)!.fullId);
    if (branch.when) chooser.cases.push({ test: test(branch.when), taskIds: ids });
    else {
      chooser.otherwise = ids;
      chooser.hasElse = true;
    }
    gate?.kwargs.push(["op_kwargs", { kind: "dict", entries: [["branch", { kind: "json", value: index }]] }]);
  });
  for (const view of brancher ? [brancher] : gates) {
    for (const dep of deps) ctx.addEdge(dep, view.var);
    if (!opKwargs.length) continue;
    const own = view.kwargs.find((k) => k[0] === "op_kwargs")?.[1];
    if (own?.kind === "dict") own.entries.push(...opKwargs);
    else view.kwargs.push(["op_kwargs", { kind: "dict", entries: opKwargs }]);
  }
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
