// `args` and `command`: a constant array, or an arrow function over { inputs, outputs } whose
// returned array mixes text with references. inputs.X is an input's value (parameters) or local
// path (artifacts; inputs.X.path too), outputs.X.path the path the step writes output X to.
import type { ts } from "ts-morph";
import { isArrayLiteralExpression, isAsExpression, isBlock, isIdentifier, isNonNullExpression, isNumericLiteral, isObjectBindingPattern, isParenthesizedExpression, isPropertyAccessExpression, isReturnStatement, isSatisfiesExpression, isSpreadElement, isStringLiteral, isTemplateExpression } from "./syntax.js";
import type { Arg, ArgRef, ComponentInput, ComponentOutput } from "../ir/index.js";
import type { FrontendContext } from "./context.js";
import type { Evaluator } from "./evaluate.js";
import { snippet } from "./evaluate.js";
import { didYouMean } from "./suggest.js";
import { type ConstValue, describeValue, FunctionValue } from "./values.js";

interface ArgsScope {
  /** The step's declared inputs and outputs: a handful each, so searched rather than indexed (a Map of each per step was garbage the front end made for every definition). */
  inputs: ComponentInput[];
  outputs: ComponentOutput[];
  /** Local names bound to the inputs and outputs objects, and to the whole context object. */
  inputsName?: string;
  outputsName?: string;
  contextName?: string;
}

export function readArgs(ctx: FrontendContext, ev: Evaluator, value: ConstValue, what: string, inputs: ComponentInput[], outputs: ComponentOutput[], at: ts.Node): Arg[] {
  if (Array.isArray(value)) {
    // Strings only, as the DSL's type says: a number turned into text silently (1e309 became the
    // program "Infinity"); write the text you mean, or a template literal.
    return value.map((v) => (typeof v === "string" ? v : ctx.fail("badArgsFunction", at, notText(v))));
  }
  if (!(value instanceof FunctionValue)) return ctx.fail("badDefinition", at, `\`${what}\` must be an array of strings or an arrow function ({ inputs, outputs }) => [...]`);
  const fn = value.node;
  const scope: ArgsScope = { inputs, outputs };
  bindParameter(ctx, fn.parameters[0], scope);
  const returned = returnedExpression(ctx, fn);
  let list: ts.Expression = returned;
  while (isParenthesizedExpression(list) || isAsExpression(list)) list = list.expression;
  if (!isArrayLiteralExpression(list)) return ctx.fail("badArgsFunction", returned, "anything but an array literal");
  const out: Arg[] = [];
  for (const el of list.elements) {
    if (isSpreadElement(el)) {
      const spread = ev.evaluate(el.expression, value.module, (n, at) => hideContext(ctx, scope, n, at));
      if (!Array.isArray(spread)) return ctx.fail("badArgsFunction", el, `the spread of \`${snippet(el.expression)}\``);
      out.push(...readArgs(ctx, ev, spread, what, inputs, outputs, el));
    } else out.push(argOf(ctx, ev, value, scope, el));
  }
  return out;
}

function bindParameter(ctx: FrontendContext, param: ts.ParameterDeclaration | undefined, scope: ArgsScope): void {
  if (!param) return;
  if (isIdentifier(param.name)) {
    scope.contextName = param.name.text;
    return;
  }
  if (!isObjectBindingPattern(param.name)) return ctx.fail("badArgsFunction", param, "this parameter pattern");
  for (const el of param.name.elements) {
    const key = propertyKey(el.propertyName ?? el.name);
    if (!isIdentifier(el.name)) return ctx.fail("badArgsFunction", el, "nested destructuring");
    if (key === "inputs") scope.inputsName = el.name.text;
    else if (key === "outputs") scope.outputsName = el.name.text;
    else return ctx.fail("badArgsFunction", el, `\`${key}\` (the context has only inputs and outputs)`);
  }
}

/** The text of a property name or binding name that is a plain identifier or string. */
export function propertyKey(name: ts.Node): string | undefined {
  return isIdentifier(name) || isStringLiteral(name) || isNumericLiteral(name) ? name.text : undefined;
}

function returnedExpression(ctx: FrontendContext, fn: ts.ArrowFunction | ts.FunctionExpression): ts.Expression {
  if (!isBlock(fn.body)) return fn.body;
  const [only, ...rest] = fn.body.statements;
  if (only && rest.length === 0 && isReturnStatement(only) && only.expression) return only.expression;
  return ctx.fail("badArgsFunction", fn.body, "a function body with statements other than one `return [...]`");
}

/** Constant parts of args may read module consts but not the context objects. */
function hideContext(ctx: FrontendContext, scope: ArgsScope, name: string, at: ts.Node): undefined {
  if (name === scope.inputsName || name === scope.outputsName || name === scope.contextName) ctx.fail("badArgsFunction", at, `\`${snippet(at)}\` here`);
  return undefined;
}

function argOf(ctx: FrontendContext, ev: Evaluator, fn: FunctionValue, scope: ArgsScope, written: ts.Expression): Arg {
  let expr = written;
  while (isAsExpression(expr) || isParenthesizedExpression(expr) || isNonNullExpression(expr) || isSatisfiesExpression(expr)) expr = expr.expression;
  const ref = refOf(ctx, scope, expr);
  if (ref) return ref;
  if (isTemplateExpression(expr)) {
    const parts: (string | ArgRef)[] = [expr.head.text];
    for (const span of expr.templateSpans) {
      parts.push(refOf(ctx, scope, span.expression) ?? constantText(ctx, ev, fn, scope, span.expression, true), span.literal.text);
    }
    return joinParts(parts);
  }
  return constantText(ctx, ev, fn, scope, expr);
}

/** A constant part of args: a string, or inside a template literal any text JavaScript would print. */
function constantText(ctx: FrontendContext, ev: Evaluator, fn: FunctionValue, scope: ArgsScope, expr: ts.Expression, inTemplate = false): string {
  const v = ev.evaluate(expr, fn.module, (n, at) => hideContext(ctx, scope, n, at));
  if (typeof v === "string") return v;
  if (inTemplate && (typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v)))) return String(v);
  if (typeof v === "number" || typeof v === "boolean") return ctx.fail("badArgsFunction", expr, notText(v));
  return ctx.fail("badArgsFunction", expr, `\`${snippet(expr)}\``);
}

/** What a non-string item is, with the quoted text to write when that is what was meant. */
function notText(v: ConstValue): string {
  if (typeof v === "number" && !Number.isFinite(v)) return "a number too large to represent, which is not text,";
  if (typeof v === "number" || typeof v === "boolean") return `the ${typeof v} ${String(v)}, which is not text (write "${String(v)}"),`;
  return describeValue(v);
}

/** Merges adjacent text; a lone reference or lone text stands for itself. */
export function joinParts(parts: (string | ArgRef)[]): Arg {
  const merged: (string | ArgRef)[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (typeof p === "string" && typeof last === "string") merged[merged.length - 1] = last + p;
    else if (p !== "") merged.push(p);
  }
  if (merged.length === 0) return "";
  if (merged.length === 1) return merged[0]!;
  return { concat: merged };
}

/** `inputs.X`, `inputs.X.path`, `outputs.X.path`, or the same through `ctx.inputs...`. */
function refOf(ctx: FrontendContext, scope: ArgsScope, expr: ts.Expression): ArgRef | undefined {
  if (isStringLiteral(expr)) return undefined; // most items: no chain to collect
  const chain = accessChain(expr, []);
  if (!chain) return undefined;
  // Read by index: this runs for every item of every args list, and destructuring with rest
  // elements copied the chain twice.
  let root = chain[0];
  let at = 1;
  if (root === scope.contextName && (chain[1] === "inputs" || chain[1] === "outputs")) {
    root = chain[1] === "inputs" ? scope.inputsName ?? "\0inputs" : scope.outputsName ?? "\0outputs";
    at = 2;
  }
  const isInputs = root === scope.inputsName || root === "\0inputs";
  const isOutputs = root === scope.outputsName || root === "\0outputs";
  if (!isInputs && !isOutputs) return undefined;
  const name = chain[at];
  const field = chain[at + 1];
  if (name === undefined || chain.length > at + 2 || (field !== undefined && field !== "path")) return ctx.fail("badArgsFunction", expr, `\`${snippet(expr)}\``);
  if (isInputs) {
    const input = scope.inputs.find((i) => i.name === name);
    if (!input) return ctx.fail("unknownInput", expr, name, "this step", didYouMean(name, scope.inputs.map((i) => i.name)));
    const artifact = input.type.category === "artifact" || input.type.category === "artifactList";
    if (field === "path" && !artifact) return ctx.fail("badArgsFunction", expr, `\`${snippet(expr)}\` (a parameter input has no path: use inputs.${name})`);
    return artifact ? { inputPath: name } : { inputValue: name };
  }
  if (!scope.outputs.some((o) => o.name === name)) return ctx.fail("unknownOutput", expr, name, "this step", didYouMean(name, scope.outputs.map((o) => o.name)));
  if (field !== "path") return ctx.fail("badArgsFunction", expr, `\`${snippet(expr)}\` (write outputs.${name}.path: the step writes its output to that path)`);
  return { outputPath: name };
}

/** The names of `a.b.c` pushed onto `into`, root first; undefined for any other expression. */
function accessChain(expr: ts.Expression, into: string[]): string[] | undefined {
  if (isIdentifier(expr)) {
    into.push(expr.text);
    return into;
  }
  if (isPropertyAccessExpression(expr)) {
    if (!accessChain(expr.expression, into)) return undefined;
    into.push(expr.name.text);
    return into;
  }
  if (isParenthesizedExpression(expr) || isNonNullExpression(expr)) return accessChain(expr.expression, into);
  return undefined;
}
