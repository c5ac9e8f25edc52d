import { z } from "zod";
import { JsonValue } from "./types.js";

/** A reference to one output of one task (a step call or a nested pipeline call). */
export const TaskOutputRef = z.object({ task: z.string(), output: z.string() }).strict();
export type TaskOutputRef = z.infer<typeof TaskOutputRef>;

/**
 * Where a task input (or a loop's items, or a condition operand) gets its value.
 * - literal: a constant written in the pipeline file.
 * - param: a parameter of the enclosing pipeline.
 * - taskOutput: an output of a task in scope (data edge).
 * - loopItem: the current item of an enclosing loop, or one field of it when items are objects.
 * - collected: every iteration's value of a task output inside a loop (fan-in), as a list.
 * - template: a string built from literal text and other bindings (a template literal).
 */
export type Binding =
  | { literal: JsonValue }
  | { param: string }
  | { taskOutput: TaskOutputRef }
  | { loopItem: string; field?: string }
  | { collected: { loop: string; task: string; output: string } }
  | { template: (string | Binding)[] };

export const Binding: z.ZodType<Binding> = z.lazy(() =>
  z.union([
    z.object({ literal: JsonValue }).strict(),
    z.object({ param: z.string() }).strict(),
    z.object({ taskOutput: TaskOutputRef }).strict(),
    z.object({ loopItem: z.string(), field: z.string().optional() }).strict(),
    z.object({ collected: z.object({ loop: z.string(), task: z.string(), output: z.string() }).strict() }).strict(),
    z.object({ template: z.array(z.union([z.string(), Binding])) }).strict(),
  ]),
);

export const CompareOp = z.enum(["==", "!=", "<", "<=", ">", ">="]);
export type CompareOp = z.infer<typeof CompareOp>;

/** A branch condition: comparisons of bindings combined with and/or/not. `===` is stored as `==`. */
export type Expr =
  | { compare: { op: CompareOp; left: Binding; right: Binding } }
  | { and: Expr[] }
  | { or: Expr[] }
  | { not: Expr };

export const Expr: z.ZodType<Expr> = z.lazy(() =>
  z.union([
    z.object({ compare: z.object({ op: CompareOp, left: Binding, right: Binding }).strict() }).strict(),
    z.object({ and: z.array(Expr).min(2) }).strict(),
    z.object({ or: z.array(Expr).min(2) }).strict(),
    z.object({ not: Expr }).strict(),
  ]),
);

/** Every binding an expression reads, in order (for data edges and scope checks). */
export function bindingsOfExpr(e: Expr): Binding[] {
  if ("compare" in e) return [e.compare.left, e.compare.right];
  if ("and" in e) return e.and.flatMap(bindingsOfExpr);
  if ("or" in e) return e.or.flatMap(bindingsOfExpr);
  return bindingsOfExpr(e.not);
}

/** The binding itself and every binding nested in a template. */
export function flattenBinding(b: Binding): Binding[] {
  if ("template" in b) return [b, ...b.template.flatMap((p) => (typeof p === "string" ? [] : flattenBinding(p)))];
  return [b];
}
