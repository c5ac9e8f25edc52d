import type { ExitHandlerNode } from "@sluice/core/backend";
import type { BuildContext, NodeHandle, StatementSink } from "./build-context.js";
import type { BuildNodes } from "./build-condition.js";
import type { Scope } from "./build-values.js";
import { taskIdIn } from "./names.js";
import type { OperatorView } from "./view-model.js";

/**
 * `try { body } finally { exit }`: the first exit tasks wait for every body task with trigger rule
 * all_done, so they run whatever happened. Because a successful exit task would otherwise make a
 * failed run look successful (Airflow judges a run by its last tasks), a watcher task
 * (`<id>-failed`, trigger rule one_failed) also waits for the body and fails the run when any
 * body task failed: Airflow's documented "watcher" pattern.
 */
export function buildExitHandler(ctx: BuildContext, node: ExitHandlerNode, scope: Scope, sink: StatementSink, buildNodes: BuildNodes): NodeHandle {
  const before = new Set(ctx.vars.keys());
  const body = buildNodes(ctx, node.nodes, scope, sink);
  const bodyVars = [...ctx.vars.keys()].filter((v) => !before.has(v));
  const exit = buildNodes(ctx, node.exit, scope, sink);
  for (const v of exit.entries) {
    ctx.addEdges(bodyVars, [v]);
    ctx.operators.get(v)?.kwargs.push(["trigger_rule", { kind: "str", value: "all_done" }]);
    const info = ctx.vars.get(v);
    if (info) info.triggerRule = "all_done";
  }
  const { local, full } = taskIdIn(scope.prefix, `${node.id}-failed`);
  // The original names the generated task, so a user task called `<id>-failed` is a collision.
  ctx.fullIds.push({ original: [scope.prefix, `${node.id} (watcher)`].filter(Boolean).join("."), sanitized: full, span: node.span });
  const watcher = ctx.names.next("watcher");
  ctx.vars.set(watcher, { fullId: full, branchPath: scope.branchPath, triggerRule: "one_failed" });
  ctx.helpers.failRun = true;
  ctx.imports.add("from airflow.providers.standard.operators.python import PythonOperator");
  const view: OperatorView = {
    kind: "operator",
    var: watcher,
    comment: `${node.id}: fails the run when a task before the exit handler failed (${node.span})`,
    className: "PythonOperator",
    kwargs: [
      ["task_id", { kind: "str", value: local }],
      ["python_callable", { kind: "code", value: "fail_run" }],
      ["trigger_rule", { kind: "str", value: "one_failed" }],
    ],
  };
  ctx.operators.set(watcher, view);
  sink.push(view);
  ctx.addEdges(bodyVars, [watcher]);
  const handle = { entries: body.entries.length ? body.entries : exit.entries, exits: [...exit.exits, watcher] };
  scope.handles.set(node.id, handle);
  return handle;
}
