import type { Binding, Expr } from "@sluice/core/backend";

/** Bindings and conditions as a reader of the pipeline file would write them. */
export function describeBinding(b: Binding): string {
  if ("literal" in b) return JSON.stringify(b.literal);
  if ("param" in b) return `params.${b.param}`;
  if ("taskOutput" in b) return `${b.taskOutput.task}.${b.taskOutput.output}`;
  if ("loopItem" in b) return b.field !== undefined ? `${b.loopItem}.${b.field}` : b.loopItem;
  if ("collected" in b) return `${b.collected.task}.${b.collected.output} of every ${b.collected.loop}`;
  return "`" + b.template.map((p) => (typeof p === "string" ? p : "${" + describeBinding(p) + "}")).join("") + "`";
}

export function describeExpr(e: Expr): string {
  if ("compare" in e) return `${describeBinding(e.compare.left)} ${e.compare.op} ${describeBinding(e.compare.right)}`;
  if ("and" in e) return e.and.map((x) => wrap(x)).join(" && ");
  if ("or" in e) return e.or.map((x) => wrap(x)).join(" || ");
  return `!${wrap(e.not)}`;
}

function wrap(e: Expr): string {
  return "compare" in e ? describeExpr(e) : `(${describeExpr(e)})`;
}

/** `if x`, `else if y`, `else`, by the branch's place in the chain. */
export function describeWhen(when: Expr | undefined, index: number): string {
  if (!when) return "else";
  return `${index === 0 ? "if" : "else if"} ${describeExpr(when)}`;
}

export function describeItems(items: Binding): string {
  if ("literal" in items && Array.isArray(items.literal)) return `${JSON.stringify(items.literal)}`;
  return describeBinding(items);
}
