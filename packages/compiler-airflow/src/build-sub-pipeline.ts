import { displayNameFor, errorAt, findSubPipeline, type SubPipelineNode, getOwn } from "@sluice/core/backend";
import type { BuildContext, NodeHandle, StatementSink } from "./build-context.js";
import type { BuildNodes } from "./build-condition.js";
import { resolveBinding, sourceOf, type Scope, type Source, type Value } from "./build-values.js";
import { AirflowCodes, warningAt } from "./diagnostics.js";
import { groupIdIn } from "./names.js";
import type { GroupView } from "./view-model.js";

/**
 * A nested pipeline call becomes a TaskGroup (group id = the call's id) holding the sub-pipeline's
 * tasks, whose ids get the group prefix. Its params are the caller's bindings, resolved in the
 * caller's scope; its outputs resolve to the inner tasks that produce them, so callers read them
 * through XCom like any task output. Edges attach to the inner tasks, never to the group, so a
 * branch can name them.
 */
export function buildSubPipeline(ctx: BuildContext, node: SubPipelineNode, scope: Scope, sink: StatementSink, buildNodes: BuildNodes): NodeHandle {
  const sub = findSubPipeline(ctx.ir, node.pipeline);
  const { local, full } = groupIdIn(scope.prefix, node.id);
  ctx.fullIds.push({ original: [scope.prefix, node.id].filter(Boolean).join("."), sanitized: full, span: node.span, group: true });
  const params = new Map<string, Value>();
  for (const p of sub.params) {
    const b = getOwn(node.inputs, p.name);
    const v = b !== undefined ? resolveBinding(b, scope) : p.default !== undefined ? { lit: p.default } : undefined;
    if (v === undefined) continue;
    if ("error" in v) {
      ctx.diagnostics.push(errorAt("SLU0004", `input ${p.name} of ${node.id}: ${v.message}`, node.span));
      continue;
    }
    params.set(p.name, v);
  }
  const settings = Object.keys(node.options ?? {}).filter((k) => k !== "displayName");
  if (settings.length) {
    ctx.diagnostics.push(warningAt(AirflowCodes.groupSettings, `a TaskGroup has no run settings: ${settings.join(", ")} on the call of ${sub.name} have no effect on this target`, node.span));
  }
  const group: GroupView = { kind: "group", var: ctx.names.next("group"), comment: `${node.id} (pipeline ${sub.name}, ${node.span})`, kwargs: [["group_id", { kind: "str", value: local }]], body: [] };
  // The name the user wrote: group_display_name on Airflow 3; Airflow 2.10's TaskGroup has no
  // display name, so there it leads the tooltip.
  const display = displayNameFor(node.id, local, node.options?.displayName);
  if (display !== undefined && ctx.options.version === "3") group.kwargs.push(["group_display_name", { kind: "str", value: display }]);
  const tooltip = ctx.options.version === "3" ? (node.options?.displayName ?? sub.description) : ([display, sub.description].filter(Boolean).join(": ") || undefined);
  if (tooltip) group.kwargs.push(["tooltip", { kind: "str", value: tooltip }]);
  ctx.imports.add("from airflow.sdk import TaskGroup");
  sink.push(group);
  // A nested pipeline in a loop runs once per iteration: its tasks are in the loop's task group.
  const inner: Scope = { ...scope, prefix: full, params, paramTypes: new Map(sub.params.map((p) => [p.name, p.type])), items: new Map(), unrolled: new Map(), producers: new Map(), subOutputs: new Map(), subSources: new Map(), handles: new Map() };
  const handle = buildNodes(ctx, sub.root, inner, group.body);
  const outputs = new Map<string, Value>();
  const sources = new Map<string, Source>();
  for (const o of sub.outputs) {
    const v = resolveBinding(o.from, inner);
    if (!("error" in v)) outputs.set(o.name, v);
    const s = "taskOutput" in o.from ? sourceOf(inner, o.from.taskOutput.task, o.from.taskOutput.output) : undefined;
    if (s) sources.set(o.name, s);
  }
  scope.subOutputs.set(node.id, outputs);
  scope.subSources.set(node.id, sources);
  scope.handles.set(node.id, handle);
  return handle;
}
