import { errorAt, findSubPipeline, type Binding, type JsonValue, type LoopNode, type Node } from "@sluice/core/backend";
import type { BuildContext, NodeHandle, StatementSink } from "./build-context.js";
import type { BuildNodes } from "./build-condition.js";
import { depsOf, resolveBinding, textKindOf, type LoopItem, type Scope, type TextKind, type Value } from "./build-values.js";
import { AirflowCodes } from "./diagnostics.js";
import { groupIdIn, taskIdIn } from "./names.js";
import { jinjaStr } from "./python.js";
import type { GroupView, OperatorView, PyValue } from "./view-model.js";

/**
 * A loop becomes a mapped task group: an items task (`<loop id>-items`) returns the items as a
 * list (a literal list, a list param or a list output), and a `@task_group` (group id = the loop's
 * id) holding the whole body is expanded over it, so the body runs once per item, each iteration
 * with its own map index. Inside, every task reads its own iteration: the item is the items
 * task's list at the task's map index, and an output of another task of the group is pulled at
 * the same map index; so a condition in the body tests its own iteration's data and skips only
 * that iteration's branch. A fan-in after the loop pulls every map index, in item order.
 *
 * Airflow cannot map a task group inside a mapped task group (nor a task inside one), so a loop
 * inside a loop is unrolled when its items are a literal list (one plain TaskGroup
 * `<loop id>-<index>` per item); an outer literal loop holding a run-time loop is unrolled
 * instead. Two nested loops over run-time lists are a located error (SLU4004).
 */
export function buildLoop(ctx: BuildContext, node: LoopNode, scope: Scope, sink: StatementSink, buildNodes: BuildNodes): NodeHandle {
  const handle: NodeHandle = { entries: [], exits: [] };
  scope.handles.set(node.id, handle);
  const items = resolveBinding(node.items, scope);
  if ("error" in items || "concat" in items || ("lit" in items && !Array.isArray(items.lit))) {
    const why = "error" in items ? items.message : "it is not a list";
    ctx.diagnostics.push(errorAt("SLU0004", `loop ${node.id}: its items cannot be read (${why})`, node.span));
    return handle;
  }
  if ("lit" in items && (scope.mapped !== undefined || holdsRuntimeLoop(ctx, node.nodes))) {
    return unrollLoop(ctx, node, items.lit as JsonValue[], scope, sink, buildNodes, handle);
  }
  if (scope.mapped !== undefined) {
    ctx.diagnostics.push(
      errorAt(
        AirflowCodes.nestedInLoop,
        `loop ${node.id} runs over a list known only at run time inside loop ${scope.mapped}, and Airflow cannot expand a task group inside an expanded (mapped) task group`,
        node.span,
        "make one of the two lists a literal array (Sluice then unrolls that loop), or loop once over a list of pairs that a step computes",
      ),
    );
  }
  return mapLoop(ctx, node, items, scope, sink, buildNodes, handle);
}

/** True when a body holds, at any depth (branches, exit handlers, nested pipelines), a loop over a run-time list. */
function holdsRuntimeLoop(ctx: BuildContext, nodes: Node[]): boolean {
  return nodes.some((n) => {
    switch (n.type) {
      case "loop":
        return !("literal" in n.items) || holdsRuntimeLoop(ctx, n.nodes);
      case "condition":
        return n.branches.some((b) => holdsRuntimeLoop(ctx, b.nodes));
      case "exitHandler":
        return holdsRuntimeLoop(ctx, n.nodes) || holdsRuntimeLoop(ctx, n.exit);
      case "subPipeline":
        return holdsRuntimeLoop(ctx, findSubPipeline(ctx.ir, n.pipeline).root);
      default:
        return false;
    }
  });
}

function mapLoop(ctx: BuildContext, node: LoopNode, items: Value, scope: Scope, sink: StatementSink, buildNodes: BuildNodes, handle: NodeHandle): NodeHandle {
  const ids = taskIdIn(scope.prefix, `${node.id}-items`);
  // The original names the generated task, so a user task called `<id>-items` is a collision.
  ctx.fullIds.push({ original: [scope.prefix, `${node.id} (items)`].filter(Boolean).join("."), sanitized: ids.full, span: node.span });
  const itemsVar = ctx.names.next("items");
  ctx.vars.set(itemsVar, { fullId: ids.full, branchPath: scope.branchPath });
  for (const dep of depsOf(items)) ctx.addEdge(dep, itemsVar);
  // Literal items are wrapped whole in literal(), so Jinja never renders a string inside them.
  const itemsPy: PyValue = "lit" in items ? { kind: "call", fn: "literal", args: [{ kind: "json", value: items.lit }], kwargs: [] } : { kind: "template", value: `{{ ${(items as { expr: string }).expr} }}` };
  ctx.helpers.loopItems = true;
  ctx.imports.add("from airflow.providers.standard.operators.python import PythonOperator");
  const itemsOp: OperatorView = {
    kind: "operator",
    var: itemsVar,
    comment: `${node.id}: the items, one iteration of the group below each (${node.span})`,
    className: "PythonOperator",
    kwargs: [
      ["task_id", { kind: "str", value: ids.local }],
      ["python_callable", { kind: "code", value: "loop_items" }],
      ["op_kwargs", { kind: "dict", entries: [["items", itemsPy]] }],
    ],
  };
  ctx.operators.set(itemsVar, itemsOp);
  sink.push(itemsOp);

  const { local, full } = groupIdIn(scope.prefix, node.id);
  ctx.fullIds.push({ original: [scope.prefix, node.id].filter(Boolean).join("."), sanitized: full, span: node.span, group: true });
  const group: GroupView = { kind: "group", var: ctx.names.next("loop"), comment: `${node.id}: once per ${node.itemName} (${node.span})`, kwargs: [["group_id", { kind: "str", value: local }]], body: [], mapped: { expand: `${itemsVar}.output` } };
  ctx.imports.add("from airflow.sdk import task_group");
  sink.push(group);
  const item: LoopItem = { pull: `ti.xcom_pull(task_ids=${jinjaStr(ids.full)})[ti.map_index]`, deps: [], text: itemText(node.items, items, scope), fields: literalFields(items) };
  const inner: Scope = { ...scope, prefix: full, mapped: node.id, parallelism: node.parallelism, items: new Map(scope.items).set(node.id, item) };
  const body = buildNodes(ctx, node.nodes, inner, group.body);
  // The group follows its items task (Airflow adds that edge); waiting for the loop waits for every iteration.
  handle.entries.push(itemsVar);
  handle.exits.push(...(body.exits.length ? body.exits : [itemsVar]));
  return handle;
}

/** Whether the items are strings (passed as written) or other values (passed as JSON text), when known. */
function itemText(binding: Binding, items: Value, scope: Scope): TextKind {
  const ofScalar = (t: string): TextKind => (t === "string" ? "text" : t === "json" ? "unknown" : "json");
  if ("lit" in items && Array.isArray(items.lit)) return textKindOf(items.lit);
  const type =
    "param" in binding
      ? scope.paramTypes.get(binding.param)
      : "taskOutput" in binding
        ? scope.producers.get(binding.taskOutput.task)?.outputs.find((o) => o.name === binding.taskOutput.output)?.type
        : undefined;
  if (type?.category === "paramList") return ofScalar(type.items);
  if (type?.category === "artifactList") return "text";
  return "unknown";
}

/** For literal items that are objects: the text kind of each field, over every item. */
function literalFields(items: Value): Map<string, TextKind> | undefined {
  if (!("lit" in items) || !Array.isArray(items.lit)) return undefined;
  const objects = items.lit.filter((x): x is Record<string, JsonValue> => x !== null && typeof x === "object" && !Array.isArray(x));
  if (objects.length !== items.lit.length) return undefined;
  const names = [...new Set(objects.flatMap((o) => Object.keys(o)))];
  return new Map(names.map((n) => [n, objects.every((o) => n in o) ? textKindOf(objects.map((o) => o[n]!)) : "unknown"]));
}

function unrollLoop(ctx: BuildContext, node: LoopNode, list: JsonValue[], scope: Scope, sink: StatementSink, buildNodes: BuildNodes, handle: NodeHandle): NodeHandle {
  const iterations: Scope[] = [];
  scope.unrolled.set(node.id, iterations);
  list.forEach((value, index) => {
    const { local, full } = groupIdIn(scope.prefix, `${node.id}-${index}`);
    ctx.fullIds.push({ original: [scope.prefix, `${node.id} (iteration ${index})`].filter(Boolean).join("."), sanitized: full, span: node.span, group: true });
    const group: GroupView = { kind: "group", var: ctx.names.next("group"), comment: `${node.id}: ${node.itemName} number ${index + 1} of ${list.length}, unrolled (${node.span})`, kwargs: [["group_id", { kind: "str", value: local }]], body: [] };
    ctx.imports.add("from airflow.sdk import TaskGroup");
    sink.push(group);
    const inner: Scope = {
      ...scope,
      prefix: full,
      items: new Map(scope.items).set(node.id, { lit: value }),
      producers: new Map(scope.producers),
      subOutputs: new Map(scope.subOutputs),
      subSources: new Map(scope.subSources),
      handles: new Map(scope.handles),
      unrolled: new Map(scope.unrolled),
    };
    const body = buildNodes(ctx, node.nodes, inner, group.body);
    iterations.push(inner);
    handle.entries.push(...body.entries);
    handle.exits.push(...body.exits);
  });
  return handle;
}
