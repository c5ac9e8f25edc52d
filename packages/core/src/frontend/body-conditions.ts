// The test of an `if`: comparisons (== != === !== < <= > >=) of params, parameter outputs, loop
// items and literals, combined with && || !. `===` is stored as `==`: values are compared as the
// orchestrator sees them. A bare boolean value `if (params.dryRun)` means `== true`.
import type { ts } from "ts-morph";
import { SyntaxKind, isBinaryExpression, isParenthesizedExpression, isPrefixUnaryExpression } from "./syntax.js";
import type { CompareOp, Expr } from "../ir/index.js";
import type { BodyReader, ReadBinding } from "./body.js";
import type { Env } from "./body-env.js";
import type { ScopePath, TaskValue } from "./body-values.js";
import { snippet } from "./evaluate.js";

const COMPARE: Partial<Record<ts.SyntaxKind, CompareOp>> = {
  [SyntaxKind.EqualsEqualsToken]: "==",
  [SyntaxKind.EqualsEqualsEqualsToken]: "==",
  [SyntaxKind.ExclamationEqualsToken]: "!=",
  [SyntaxKind.ExclamationEqualsEqualsToken]: "!=",
  [SyntaxKind.LessThanToken]: "<",
  [SyntaxKind.LessThanEqualsToken]: "<=",
  [SyntaxKind.GreaterThanToken]: ">",
  [SyntaxKind.GreaterThanEqualsToken]: ">=",
};

export function readCondition(reader: BodyReader, e: ts.Expression, env: Env, scope: ScopePath): Expr {
  return reader.ctx.deeper(e, () => conditionOf(reader, e, env, scope));
}

function conditionOf(reader: BodyReader, e: ts.Expression, env: Env, scope: ScopePath): Expr {
  if (isParenthesizedExpression(e)) return readCondition(reader, e.expression, env, scope);
  if (isPrefixUnaryExpression(e) && e.operator === SyntaxKind.ExclamationToken) return { not: readCondition(reader, e.operand, env, scope) };
  if (isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken) {
      const key = op === SyntaxKind.AmpersandAmpersandToken ? "and" : "or";
      const parts = [readCondition(reader, e.left, env, scope), readCondition(reader, e.right, env, scope)].flatMap((p) => (key in p ? (p as Record<string, Expr[]>)[key]! : [p]));
      return key === "and" ? { and: parts } : { or: parts };
    }
    const compare = COMPARE[op];
    if (compare) {
      const left = operand(reader, e.left, env, scope);
      const right = operand(reader, e.right, env, scope);
      const [a, b] = [family(left), family(right)];
      if (a && b && a !== b) return reader.ctx.fail("notComparable", e, `\`${snippet(e)}\` (it compares a ${a} with a ${b})`);
      return { compare: { op: compare, left: left.binding, right: right.binding } };
    }
  }
  const single = operand(reader, e, env, scope);
  if (single.type && !(single.type.category === "param" && (single.type.type === "bool" || single.type.type === "json")))
    return reader.ctx.fail("notComparable", e, `\`${snippet(e)}\` alone (not a boolean; compare it with a value)`);
  return { compare: { op: "==", left: single.binding, right: { literal: true } } };
}

function operand(reader: BodyReader, e: ts.Expression, env: Env, scope: ScopePath): ReadBinding {
  const steps: import("../ir/index.js").Node[] = [];
  const value = reader.value(e, env, scope, steps);
  if (value.kind === "task" || value.kind === "outputs") return reader.ctx.fail("notComparable", e, ...taskConditionFix(e, value.kind === "task" ? value : value.task, steps.length > 0));
  if (steps.length > 0)
    return reader.ctx.fail("notComparable", e, `the step call in \`${snippet(e)}\``, ": a task is not a value. Call the step before the `if`, bind it with `const t = ...`, and compare `t.outputs.NAME`.");
  const read = reader.toBinding(value, e, scope);
  const t = read.type;
  if (t && t.category !== "param") return reader.ctx.fail("notComparable", e, `\`${snippet(e)}\` (${t.category === "paramList" ? "a list" : "an artifact"})`);
  return read;
}

/** What was written and the fix, naming an output to compare (a boolean one first). */
function taskConditionFix(e: ts.Expression, task: TaskValue, isCall: boolean): [string, string] {
  const outputs = [...task.outputs].filter(([, t]) => t.category === "param");
  const pick = outputs.find(([, t]) => t.category === "param" && t.type === "bool") ?? outputs[0];
  const compare = pick ? (pick[1].category === "param" && pick[1].type === "bool" ? `.outputs.${pick[0]}` : `.outputs.${pick[0]} == ...`) : ".outputs.NAME";
  if (isCall) return [`the step call \`${snippet(e)}\``, `: a task is not a value. Call it before the \`if\`: \`const t = ${snippet(e)};\`, then write \`if (t${compare})\`.`];
  const name = snippet(e).replace(/\.outputs$/, "");
  return [`the task \`${snippet(e)}\``, `: a task is not a value. Compare one of its outputs: \`if (${name}${compare})\`.`];
}

/** Values of one family compare meaningfully on every target; json could be anything. */
function family(read: ReadBinding): "number" | "string" | "boolean" | undefined {
  const t = read.type;
  if (t?.category !== "param") return undefined;
  if (t.type === "int" || t.type === "float") return "number";
  if (t.type === "string") return "string";
  if (t.type === "bool") return "boolean";
  return undefined;
}
