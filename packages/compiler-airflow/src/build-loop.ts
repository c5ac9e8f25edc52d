import { errorAt, type LoopNode } from "@sluice/core/backend";
import type { BuildContext, NodeHandle, StatementSink } from "./build-context.js";
import { buildTask, type LoopBuild } from "./build-task.js";
import { depsOf, resolveBinding, type Scope } from "./build-values.js";
import { AirflowCodes } from "./diagnostics.js";
import { taskIdIn } from "./names.js";
import { jinjaStr } from "./python.js";
import type { OperatorView, PyValue } from "./view-model.js";

/**
 * Every iteration's outputs of the tasks of the same loop a recipe reads, as JSON lists in map
 * index order, so that the expand task can give iteration i the outputs of iteration i.
 */
function siblingPulls(loop: LoopBuild): [string, PyValue][] {
  if (loop.siblings.size === 0) return [];
  const pulls: [string, PyValue][] = [...loop.siblings].map((id) => [id, { kind: "template", value: `{{ ti.xcom_pull(task_ids=${jinjaStr(id)}) | list | tojson }}` }]);
  return [["siblings", { kind: "dict", entries: pulls }]];
}

/**
 * A loop becomes dynamic task mapping. For each step call in the body, an expand task reads the
 * items (a literal list, a list param or a list output, the last two known only at run time) and
 * returns one set of operator arguments per item; the step is then
 * `Operator.partial(<what every item shares>).expand_kwargs(<that list>)`. Its task id is the
 * loop's id, or `<loop id>-<task id>` when the body calls several steps. Airflow does not render
 * values that come from XCom, so what the expand task returns reaches the step as it is.
 * A task reading the output of another task of the same iteration gets it from that task's mapped
 * XCom list, at its own map index (both are mapped over the same items, in the same order).
 * A loop body holds step calls only: groups nested in a loop are located errors (SLU4004).
 */
export function buildLoop(ctx: BuildContext, node: LoopNode, scope: Scope, sink: StatementSink): NodeHandle {
  const handle: NodeHandle = { entries: [], exits: [] };
  scope.handles.set(node.id, handle);
  const items = resolveBinding(node.items, scope);
  if ("error" in items || "item" in items || "concat" in items || "sibling" in items) {
    ctx.diagnostics.push(errorAt(AirflowCodes.nestedInLoop, `loop ${node.id}: its items must be a literal list, a list param or a list output`, node.span));
    return handle;
  }
  // Literal items are wrapped whole in literal(), so Jinja never renders a string inside them.
  const itemsPy: PyValue =
    "lit" in items ? { kind: "call", fn: "literal", args: [{ kind: "json", value: items.lit }], kwargs: [] } : { kind: "template", value: `{{ ${items.expr} }}` };
  ctx.imports.add("from airflow.providers.standard.operators.python import PythonOperator");

  const bodyScope: Scope = { ...scope, loop: node.id };
  const steps = node.nodes.filter((child) => {
    if (child.type === "task") return true;
    ctx.diagnostics.push(errorAt(AirflowCodes.nestedInLoop, `a ${child.type} inside loop ${node.id} cannot be expressed with Airflow's task mapping; only step calls may be in a loop body`, child.span));
    return false;
  });
  for (const child of steps) {
    if (child.type !== "task") continue;
    const expandId = steps.length === 1 ? node.id : `${node.id}-${child.id}`;
    const { local, full } = taskIdIn(scope.prefix, expandId);
    const original = steps.length === 1 ? node.id : `${node.id} (expand ${child.id})`;
    ctx.fullIds.push({ original: [scope.prefix, original].filter(Boolean).join("."), sanitized: full, span: node.span });
    const builderVar = ctx.names.next("expand");
    ctx.vars.set(builderVar, { fullId: full, branchPath: scope.branchPath });
    for (const dep of depsOf(items)) ctx.addEdge(dep, builderVar);
    const builder: OperatorView = {
      kind: "operator",
      var: builderVar,
      comment: `${node.id}: ${child.id} once per ${node.itemName} (${node.span})`,
      className: "PythonOperator",
      kwargs: [
        ["task_id", { kind: "str", value: local }],
        ["python_callable", { kind: "code", value: "expand_items" }],
      ],
    };
    ctx.operators.set(builderVar, builder);
    sink.push(builder);
    const loop: LoopBuild = { id: node.id, builderVar, recipes: [], siblings: new Set() };
    const h = buildTask(ctx, child, bodyScope, sink, loop);
    handle.entries.push(builderVar);
    handle.exits.push(...h.exits);
    for (const after of child.after) {
      const target = scope.handles.get(after);
      if (target) ctx.addEdges(target.exits, [builderVar]);
    }
    if (node.parallelism !== undefined) {
      ctx.operators.get(h.entries[0]!)?.kwargs.push(["max_active_tis_per_dagrun", { kind: "json", value: node.parallelism }]);
    }
    const [taskFullId, recipe] = loop.recipes[0] ?? [full, { kind: "dict", entries: [] }];
    builder.kwargs.push([
      "op_kwargs",
      {
        kind: "dict",
        entries: [
          ["items", itemsPy],
          ["recipe", recipe],
          ...siblingPulls(loop),
          ["task_id", { kind: "str", value: taskFullId }],
          ["artifact_root", { kind: "str", value: ctx.options.artifactRoot }],
          ["for_pods", { kind: "code", value: ctx.local ? "False" : "True" }],
        ],
      },
    ]);
  }
  return handle;
}
