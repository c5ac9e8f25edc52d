// What a `.flatMap` callback returns, read into the fan-in of its loop. Each iteration adds a
// flat list: `[value]` (one value, from the branch that returns it), `[]` (nothing), or the list
// an inner `.map` / `.flatMap` collected. Kubeflow's dsl.Collected gives exactly that at run time
// (its driver walks every iteration down to the step: none for a branch that did not run, every
// inner iteration's value for an inner loop), and TypeScript types the result as that flat list.
import type { ts } from "ts-morph";
import { isArrayLiteralExpression, isAsExpression, isParenthesizedExpression, isSatisfiesExpression, isSpreadElement } from "./syntax.js";
import type { LoopNode, Node } from "../ir/index.js";
import type { BodyReader } from "./body.js";
import type { Env } from "./body-env.js";
import { returnedExpression } from "./body-syntax.js";
import { type BodyValue, sameScope, type ScopePath } from "./body-values.js";
import { snippet } from "./evaluate.js";

/** One value a callback returns, where it returns it; `wrapped`: one value per iteration (`[v]`, or `.map`'s). */
export interface Returned {
  value: BodyValue;
  at: ts.Node;
  here: ScopePath;
  wrapped: boolean;
}

export function readFlatReturn(reader: BodyReader, ret: ts.ReturnStatement, env: Env, out: Node[], here: ScopePath): Returned[] {
  const e = returnedExpression(ret);
  return e ? readFlatExpression(reader, e, env, out, here) : [];
}

export function readFlatExpression(reader: BodyReader, e: ts.Expression, env: Env, out: Node[], here: ScopePath): Returned[] {
  while (isParenthesizedExpression(e) || isAsExpression(e) || isSatisfiesExpression(e)) e = e.expression;
  if (!isArrayLiteralExpression(e)) return [{ value: reader.value(e, env, here, out), at: e, here, wrapped: false }];
  if (e.elements.length === 0) return [];
  const [el, more] = e.elements;
  if (more || isSpreadElement(el!))
    return reader.ctx.fail("uncollectable", e, "this `.flatMap` callback returns a list of several values", "each iteration adds one value (`[value]`), none (`[]`) or an inner `.map`'s list");
  return [{ value: reader.value(el!, env, here, out), at: el!, here, wrapped: true }];
}

/** The fan-in of a list each iteration collected from an inner loop: every inner value, flat. */
export function flatten(reader: BodyReader, v: BodyValue, at: ts.Node, loop: LoopNode, here: ScopePath, outer: ScopePath): BodyValue {
  if (v.kind === "poisoned") return v;
  if (v.kind === "binding" && "collected" in v.binding && sameScope(v.scope, here)) {
    return { kind: "binding", binding: { collected: { ...v.binding.collected, loop: loop.id } }, type: v.type, scope: outer };
  }
  if (v.kind === "object" && v.collected) {
    const lift = (o: Extract<BodyValue, { kind: "object" }>): BodyValue => {
      const fields = new Map<string, BodyValue>();
      for (const [k, f] of o.fields) fields.set(k, f.kind === "object" ? lift(f) : flatten(reader, f, at, loop, here, outer));
      return { kind: "object", fields, collected: true };
    };
    return lift(v);
  }
  if (v.kind === "binding" && "collected" in v.binding)
    return reader.ctx.fail("uncollectable", at, `\`${snippet(at)}\` is a list collected outside this iteration`, "only the list of an inner `.map` of this callback is flattened; loop over it inside the callback");
  return reader.ctx.fail("uncollectable", at, `\`${snippet(at)}\` is not what a \`.flatMap\` iteration can add`, "return `[value]` (a step's output, the task or an object of outputs), `[]`, or the list of an inner `.map`");
}
