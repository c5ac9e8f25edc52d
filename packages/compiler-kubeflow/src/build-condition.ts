/**
 * `if / else if / else` as kfp 2.x compiles `dsl.If / Elif / Else`:
 * - one branch: a group task `condition-x` with `triggerPolicy.condition`;
 * - several: a group `condition-branches-x` whose DAG holds one group task per branch, branch i
 *   triggered by `!(c0) && ... && !(c(i-1)) && ci` (the else drops the last term).
 * Conditions are CEL over the group task's own inputs (`inputs.parameter_values['...']`), so each
 * operand is a channel input of the branch group, as in kfp's output.
 */
import { errorAt } from "@sluice/core/backend";
import type { Binding, ConditionNode, Expr, JsonValue } from "@sluice/core/backend";
import { buildNodes } from "./build-dag.js";
import { childScope, groupTask } from "./build-group.js";
import { Codes } from "./codes.js";
import type { BuildContext } from "./context.js";
import { kfpTaskName } from "./names.js";
import type { DagScope } from "./scope.js";

export function buildCondition(ctx: BuildContext, parent: DagScope, node: ConditionNode): void {
  if (node.branches.length === 1 && node.branches[0]!.when) {
    const branch = node.branches[0]!;
    const body = childScope(parent);
    const condition = cel(ctx, body, branch.when!, branch.span);
    buildNodes(ctx, body, branch.nodes);
    const task = groupTask(ctx, parent, body, node);
    task.triggerPolicy = { condition };
    parent.tasks[kfpTaskName(node.id)] = task;
    return;
  }
  const outer = childScope(parent);
  outer.declare(node.branches);
  node.branches.forEach((branch, i) => {
    const body = childScope(outer);
    const earlier = node.branches.slice(0, i).map((b) => `!(${cel(ctx, body, b.when!, b.span)})`);
    const own = branch.when ? [cel(ctx, body, branch.when, branch.span)] : [];
    buildNodes(ctx, body, branch.nodes);
    const task = groupTask(ctx, outer, body, branch);
    task.triggerPolicy = { condition: [...earlier, ...own].join(" && ") };
    outer.tasks[kfpTaskName(branch.id)] = task;
  });
  parent.tasks[kfpTaskName(node.id)] = groupTask(ctx, parent, outer, node);
}

/** The CEL text of an IR expression, reading non-literal operands through `scope`'s channels. */
function cel(ctx: BuildContext, scope: DagScope, e: Expr, span: string): string {
  if ("and" in e) return e.and.map((x) => wrap(cel(ctx, scope, x, span))).join(" && ");
  if ("or" in e) return e.or.map((x) => wrap(cel(ctx, scope, x, span))).join(" || ");
  if ("not" in e) return `!(${cel(ctx, scope, e.not, span)})`;
  const { op, left, right } = e.compare;
  const other = (b: Binding) => (b === left ? right : left);
  return `${operand(ctx, scope, left, other(left), span)} ${op} ${operand(ctx, scope, right, other(right), span)}`;
}

function wrap(text: string): string {
  return `(${text})`;
}

function operand(ctx: BuildContext, scope: DagScope, b: Binding, other: Binding, span: string): string {
  if ("literal" in b) return celLiteral(ctx, b.literal, scope.typeOf(other)?.type === "NUMBER_DOUBLE", span);
  const type = scope.typeOf(b) ?? { kind: "parameter" as const, type: "STRING" as const };
  if ("template" in b || type.kind === "artifact" || type.type === "LIST" || type.type === "STRUCT") {
    ctx.diagnostics.push(errorAt(Codes.conditionOperand, "a KFP condition compares single parameter values only (no lists, artifacts or templates)", span));
    return "null";
  }
  const name = scope.channelFor(b, type);
  const read = `inputs.parameter_values['${name}']`;
  return type.type === "NUMBER_INTEGER" ? `int(${read})` : read;
}

/** A JSON literal as CEL; strings single-quoted with every special character escaped. */
export function celLiteral(ctx: BuildContext, value: JsonValue, asDouble: boolean, span: string): string {
  if (typeof value === "string") return celString(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value === null) return "null";
  if (typeof value === "number") return asDouble && Number.isInteger(value) ? `${value}.0` : String(value);
  ctx.diagnostics.push(errorAt(Codes.conditionOperand, "a KFP condition cannot compare a list or object literal", span));
  return "null";
}

export function celString(text: string): string {
  let out = "'";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === "'") out += "\\'";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + "'";
}
