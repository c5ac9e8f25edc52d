// Conditions whose value is known when compiling (`if (1 > 0)`, `if (DEBUG)` with
// `const DEBUG = true`) are decided here, as a Python DSL decides them when the file runs (kfp,
// Metaflow, Airflow authors write a plain `if` for a switch): the branch that runs is written
// plainly, the others are left out. No target then carries a run-time branch on a constant, which
// some consumers refuse (ruff PLR0133 on Airflow's branch chooser `if 1 > 0:`). Only comparisons of
// two literals are decided; a part on a param, an output or a loop item stays a run-time test,
// with the known parts of an `&&` / `||` removed. docs/language.md, "Conditions known when compiling".
import type { Binding, CompareOp, Expr, JsonValue, Node } from "../ir/index.js";
import { allNodes } from "../ir/walk.js";

/** `e` with its known parts decided: true or false when the whole test is known. */
export function foldExpr(e: Expr): Expr | boolean {
  if ("compare" in e) return compareLiterals(e.compare.op, e.compare.left, e.compare.right) ?? e;
  if ("not" in e) {
    const inner = foldExpr(e.not);
    // `!!x` is `x`: it tests the same and nests no deeper on any target.
    return typeof inner === "boolean" ? !inner : "not" in inner ? inner.not : { not: inner };
  }
  const isAnd = "and" in e;
  const parts = isAnd ? e.and : e.or;
  const kept: Expr[] = [];
  for (const part of parts) {
    const folded = foldExpr(part);
    // `false && x` is false and `true || x` is true; `true && x` is x and `false || x` is x.
    if (folded === !isAnd) return !isAnd;
    if (typeof folded !== "boolean") kept.push(folded);
  }
  if (kept.length === 0) return isAnd;
  if (kept.length === 1) return kept[0]!;
  return isAnd ? { and: kept } : { or: kept };
}

/** The value of `left op right` when both are literals of one kind (number, string, boolean). */
function compareLiterals(op: CompareOp, left: Binding, right: Binding): boolean | undefined {
  if (!("literal" in left) || !("literal" in right)) return undefined;
  const [a, b] = [left.literal, right.literal];
  if (!isScalar(a) || !isScalar(b) || typeof a !== typeof b) return undefined;
  if (op === "==") return a === b;
  if (op === "!=") return a !== b;
  if (typeof a === "boolean") return undefined;
  // Strings are ordered by code point, as Python and Go (Argo's expr) order them, not by UTF-16 unit.
  const order = typeof a === "number" ? Math.sign(a - (b as number)) : codePointOrder(a, b as string);
  return op === "<" ? order < 0 : op === "<=" ? order <= 0 : op === ">" ? order > 0 : order >= 0;
}

function isScalar(v: JsonValue): v is number | string | boolean {
  return typeof v === "number" || typeof v === "string" || typeof v === "boolean";
}

function codePointOrder(a: string, b: string): number {
  const [x, y] = [[...a], [...b]];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return Math.sign(d);
  }
  return Math.sign(x.length - y.length);
}

/**
 * The components and nested pipelines still called once the branches that never run are left
 * out (a step called only there was declared when its call was read), in declaration order.
 */
export function calledOnly<C extends { name: string }, S extends { name: string; root: Node[] }>(root: Node[], components: C[], subPipelines: S[]): { components: C[]; subPipelines: S[] } {
  const usedComponents = new Set<string>();
  const usedPipelines = new Set<string>();
  const visit = (nodes: Node[]): void => {
    for (const n of allNodes(nodes)) {
      if (n.type === "task") usedComponents.add(n.component);
      if (n.type === "subPipeline" && !usedPipelines.has(n.pipeline)) {
        usedPipelines.add(n.pipeline);
        const sub = subPipelines.find((s) => s.name === n.pipeline);
        if (sub) visit(sub.root);
      }
    }
  };
  visit(root);
  return { components: components.filter((c) => usedComponents.has(c.name)), subPipelines: subPipelines.filter((s) => usedPipelines.has(s.name)) };
}

/** Levels of `!`, `&&` and `||` one inside another (a comparison is level 1). */
export function exprDepth(e: Expr): number {
  if ("compare" in e) return 1;
  if ("not" in e) return 1 + exprDepth(e.not);
  return 1 + Math.max(...("and" in e ? e.and : e.or).map(exprDepth));
}
