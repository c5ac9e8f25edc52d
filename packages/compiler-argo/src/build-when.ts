import { type Binding, type Expr, type ValueType, errorAt } from "@sluice/core/backend";
import { Codes } from "./codes.js";
import type { DagScope, Ref } from "./scope.js";

/**
 * A branch test as an Argo `when`, written in Argo's expression language (`{{=…}}`) so that
 * run-time values are variables, never text pasted into the expression: a step output holding
 * spaces or quotes cannot change the test. Numbers compare as numbers (asFloat), booleans as the
 * text "true"/"false" a step writes, everything else as strings.
 *
 * The only user text in a `when` is a string literal of the comparison, written as an expression
 * string (see exprString), so no user text can open or close an Argo tag.
 */
export function buildWhen(scope: DagScope, e: Expr, span: string): string | undefined {
  const text = expr(scope, e, span, true);
  return text === undefined ? undefined : `{{=${text}}}`;
}

function expr(scope: DagScope, e: Expr, span: string, top = false): string | undefined {
  if ("compare" in e) {
    const { op, left, right } = e.compare;
    const numeric = isNumeric(scope, left) || isNumeric(scope, right);
    const l = operand(scope, left, numeric, span);
    const r = operand(scope, right, numeric, span);
    if (l === undefined || r === undefined) return undefined;
    const text = `${l} ${op} ${r}`;
    return top ? text : `(${text})`;
  }
  if ("not" in e) {
    const inner = expr(scope, e.not, span);
    return inner === undefined ? undefined : `!${wrap(inner)}`;
  }
  const list = "and" in e ? e.and : e.or;
  const parts = list.map((x) => expr(scope, x, span));
  if (parts.some((p) => p === undefined)) return undefined;
  const text = parts.join("and" in e ? " && " : " || ");
  return top ? text : `(${text})`;
}

function wrap(s: string): string {
  return s.startsWith("(") && s.endsWith(")") ? s : `(${s})`;
}

function isNumeric(scope: DagScope, b: Binding): boolean {
  if ("literal" in b) return typeof b.literal === "number";
  const t = typeOf(scope, b);
  return t?.category === "param" && (t.type === "int" || t.type === "float");
}

function typeOf(scope: DagScope, b: Binding): ValueType | undefined {
  if ("param" in b) return scope.body.paramType(b.param);
  if ("taskOutput" in b) return scope.body.outputType(b.taskOutput.task, b.taskOutput.output);
  return undefined;
}

function operand(scope: DagScope, b: Binding, numeric: boolean, span: string): string | undefined {
  if ("literal" in b) {
    const v = b.literal;
    if (typeof v === "number") return String(v);
    return exprString(typeof v === "string" ? v : JSON.stringify(v));
  }
  if ("template" in b) {
    scope.body.ctx.report(errorAt(Codes.unsupportedBinding, "a template string cannot be compared in an Argo condition", span, "compare a param or step output"));
    return undefined;
  }
  const access = exprAccess(scope.resolve(b));
  return numeric ? `asFloat(${access})` : access;
}

/** `inputs.parameters['x']`: bracket access, since Argo names may hold dashes. */
export function exprAccess(r: Ref): string {
  const [root, ...rest] = r.path;
  let out = root!;
  for (let i = 0; i < rest.length; i++) {
    const part = rest[i]!;
    out += part === "outputs" || part === "parameters" || part === "artifacts" ? `.${part}` : `['${part}']`;
  }
  return out;
}

/**
 * A string as an expr literal whose text never holds `{{` or `}}`, since Argo has no escape for
 * them inside a tag: braces become one-character strings joined with `+`
 * ("a{{b" -> 'a' + '{' + '{' + 'b'). Single quotes read best inside YAML; JSON's escapes (which
 * expr accepts) when the text has a quote, backslash or line break.
 */
export function exprString(text: string): string {
  const pieces = text.split(/([{}])/).filter((p) => p.length > 0);
  const quoted = pieces.map((p) => (/^[^'\\\n\r\u2028\u2029]*$/.test(p) ? `'${p}'` : JSON.stringify(p)));
  if (quoted.length === 0) return "''";
  return quoted.length === 1 ? quoted[0]! : `(${quoted.join(" + ")})`;
}
