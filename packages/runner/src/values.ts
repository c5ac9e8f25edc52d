import type { Binding, CompareOp, Expr, JsonValue } from "@sluice/core/backend";
import type { Scope } from "./scope.js";
import { isArtifactValue, type Value } from "./types.js";

/** A binding the IR should never hold (a front-end bug), or a value not there at run time. */
export class BindingError extends Error {}

/** The value of a binding where a node runs. */
export function resolveBinding(b: Binding, scope: Scope): Value {
  if ("literal" in b) return b.literal;
  if ("param" in b) {
    if (!(b.param in scope.params)) throw new BindingError(`no value for pipeline param "${b.param}"`);
    return scope.params[b.param]!;
  }
  if ("taskOutput" in b) {
    const r = scope.result(b.taskOutput.task);
    if (!r || r.state !== "succeeded") throw new BindingError(`task "${b.taskOutput.task}" did not succeed, so its output "${b.taskOutput.output}" has no value`);
    if (!(b.taskOutput.output in r.outputs)) throw new BindingError(`task "${b.taskOutput.task}" has no output "${b.taskOutput.output}"`);
    return r.outputs[b.taskOutput.output]!;
  }
  if ("loopItem" in b) {
    const item = scope.items.get(b.loopItem);
    if (item === undefined) throw new BindingError(`no current item of loop "${b.loopItem}"`);
    if (b.field === undefined) return item;
    if (item === null || typeof item !== "object" || Array.isArray(item) || isArtifactValue(item)) throw new BindingError(`item of loop "${b.loopItem}" is not an object, so it has no field "${b.field}"`);
    const value = (item as Record<string, JsonValue>)[b.field];
    if (value === undefined) throw new BindingError(`item of loop "${b.loopItem}" has no field "${b.field}"`);
    return value;
  }
  if ("collected" in b) return collect(b.collected, scope);
  return b.template.map((part) => (typeof part === "string" ? part : valueText(resolveBinding(part, scope)))).join("");
}

/**
 * Fan-in: the output of one task in every iteration of a loop, in item order; skipped iterations
 * drop out. A task in an inner loop (a `.flatMap` over an inner `.map`) is found in the inner
 * loop's iterations, each in item order: one flat list, outer item first, as Kubeflow's
 * dsl.Collected and Argo's flattened aggregate give it (a branch writes into its iteration's scope).
 */
function collect(c: { loop: string; task: string; output: string }, scope: Scope): Value {
  const iterations = scope.loopIterations(c.loop);
  if (!iterations) throw new BindingError(`loop "${c.loop}" has not run`);
  const values: Value[] = [];
  const gather = (its: Scope[]): void => {
    for (const it of its) {
      const r = it.results.get(c.task);
      if (r?.state === "succeeded" && c.output in r.outputs) values.push(r.outputs[c.output]!);
      else if (!r) for (const inner of it.iterations.values()) gather(inner);
    }
  };
  gather(iterations);
  return values as Value;
}

/** How a value appears on a command line: strings as they are, anything else as JSON text. */
export function valueText(v: Value): string {
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}

/** Evaluates a branch condition on the values the steps wrote. */
export function evaluateExpr(e: Expr, scope: Scope): boolean {
  if ("and" in e) return e.and.every((x) => evaluateExpr(x, scope));
  if ("or" in e) return e.or.some((x) => evaluateExpr(x, scope));
  if ("not" in e) return !evaluateExpr(e.not, scope);
  const { op, left, right } = e.compare;
  return compare(op, resolveBinding(left, scope), resolveBinding(right, scope));
}

function compare(op: CompareOp, a: Value, b: Value): boolean {
  if (op === "==") return equalValues(a, b);
  if (op === "!=") return !equalValues(a, b);
  // Ordering compares numbers as numbers and strings as strings, as the targets do.
  if (typeof a === "number" && typeof b === "number") return order(op, a - b);
  if (typeof a === "string" && typeof b === "string") return order(op, a < b ? -1 : a > b ? 1 : 0);
  throw new BindingError(`cannot order ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
}

function order(op: CompareOp, d: number): boolean {
  return op === "<" ? d < 0 : op === "<=" ? d <= 0 : op === ">" ? d > 0 : d >= 0;
}

function equalValues(a: Value, b: Value): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
