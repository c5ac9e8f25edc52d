// A step or pipeline called in a body: one task (or subPipeline) node with every input bound,
// checked against the callee's declared inputs, plus the per-call options.
import type { ts } from "ts-morph";
import { isArrayLiteralExpression, isElementAccessExpression, isIdentifier, isObjectLiteralExpression, isPropertyAccessExpression } from "./syntax.js";
import type { Binding, JsonValue, Node, SubPipelineNode, TaskNode, TaskOptions, ValueType } from "../ir/index.js";
import { canonicalJson } from "../ir/hash.js";
import { setOwn } from "../records/own-keys.js";
import { describeType } from "../ir/index.js";
import type { BodyReader } from "./body.js";
import type { Env } from "./body-env.js";
import { Reported } from "./context.js";
import { propertyNameAndValue } from "./body-syntax.js";
import { type BodyValue, describeMaybe, hidingGroup, type ScopePath, type TaskValue, typeAccepts } from "./body-values.js";
import { RUNTIME_GLOBALS, snippet } from "./evaluate.js";
import { propertyKey } from "./args.js";
import { readRunSettings, RUN_OPTION_KEYS } from "./settings.js";
import { jsonFits } from "./type-specs.js";
import { didYouMean } from "./suggest.js";
import { BuiltinValue, type ConstValue, describeValue, isConstObject, nodeOfProperty, PipelineValue, recordOrigin, StepValue } from "./values.js";

/** What a call needs to know about its callee. */
interface Callee {
  name: string;
  inputs: { name: string; type: ValueType; required: boolean; enum: JsonValue[] | undefined }[];
  outputs: Map<string, ValueType>;
}

const OPTION_KEYS = new Set<string>(["name", "displayName", "after", ...RUN_OPTION_KEYS]);

export function readCall(reader: BodyReader, call: ts.CallExpression, env: Env, scope: ScopePath, out: Node[]): TaskValue {
  const { ctx } = reader;
  if (!callsDeclaredName(reader, call.expression, env)) return ctx.fail("notAStepCall", call.expression, snippet(call.expression));
  const calleeValue = reader.value(call.expression, env, scope, out);
  const { callee, node } = calleeOf(reader, calleeValue.kind === "const" ? calleeValue.value : undefined, call);
  node.inputs = readInputs(reader, callee, call, env, scope, out);
  const options = call.arguments[1] ? readOptions(reader, node, call.arguments[1], env, scope, out) : { id: undefined };
  node.id = options.id !== undefined ? reader.claimId(options.id.value, options.id.at) : reader.freshId(callee.name);
  if (options.settings && Object.keys(options.settings).length > 0) node.options = options.settings;
  const built = inSchemaOrder(node);
  out.push(built);
  reader.calls.push({ node: built, at: call });
  return { kind: "task", id: built.id, callee: callee.name, outputs: callee.outputs, scope };
}

/**
 * The node with its keys in the order of its zod schema (nodes.ts), which is the order the IR is
 * written in: the front end's IR goes to the back ends and the YAML writer as built, without
 * zod's re-parse (which rebuilds every object in schema order) on the compile path. `after` stays
 * the same array, so `after` edges resolved later (pendingAfter) still land in it.
 */
function inSchemaOrder(node: TaskNode | SubPipelineNode): TaskNode | SubPipelineNode {
  const { id, inputs, after, options, span } = node;
  const call = { id, inputs, after, ...(options !== undefined ? { options } : {}), span };
  return node.type === "task" ? { type: "task", component: node.component, ...call } : { type: "subPipeline", pipeline: node.pipeline, ...call };
}

/** The callee's declared inputs and outputs, and the node a call of it becomes (id and inputs to fill). */
function calleeOf(reader: BodyReader, fn: ConstValue | undefined, call: ts.CallExpression): { callee: Callee; node: TaskNode | SubPipelineNode } {
  const span = reader.ctx.spanText(call);
  if (fn instanceof StepValue) {
    const component = reader.builder.componentFor(fn, reader.defaultImage);
    if (!component) throw new Reported(); // its definition's problems are already reported
    const inputs = component.inputs.map((i) => ({ name: i.name, type: i.type, required: i.default === undefined && !i.optional, enum: i.enum }));
    return {
      callee: { name: component.name, inputs, outputs: new Map(component.outputs.map((o) => [o.name, o.type])) },
      node: { type: "task", id: "", component: component.name, inputs: {}, after: [], span },
    };
  }
  if (fn instanceof PipelineValue) {
    const sub = reader.builder.subPipelineFor(fn, call);
    const inputs = sub.params.map((p) => ({ name: p.name, type: p.type, required: p.default === undefined, enum: p.enum }));
    return {
      callee: { name: sub.name, inputs, outputs: new Map(sub.outputs.map((o) => [o.name, o.type])) },
      node: { type: "subPipeline", id: "", pipeline: sub.name, inputs: {}, after: [], span },
    };
  }
  if (fn instanceof BuiltinValue) return reader.ctx.fail("unsupportedStatement", call, `\`${fn.name}(...)\` (declare steps, pipelines and types at the top level of a file, outside the body)`);
  return reader.ctx.fail("notAStepCall", call.expression, snippet(call.expression));
}

/** A callee rooted in a global or a local function (console.log, Math.max, helper()) is not a step. */
function callsDeclaredName(reader: BodyReader, callee: ts.Expression, env: Env): boolean {
  let root = callee;
  while (isPropertyAccessExpression(root) || isElementAccessExpression(root)) root = root.expression;
  if (!isIdentifier(root)) return true;
  if (env.find(root.text)) return true;
  const decl = reader.module.locals.get(root.text);
  if (!decl) return !RUNTIME_GLOBALS.has(root.text); // an unknown name is reported as such
  return decl.kind !== "other";
}

function readInputs(reader: BodyReader, callee: Callee, call: ts.CallExpression, env: Env, scope: ScopePath, out: Node[]): Record<string, Binding> {
  const { ctx } = reader;
  const arg = call.arguments[0];
  const given = new Map<string, { expr: ts.Expression; key: ts.Node; value: BodyValue }>();
  if (arg && isObjectLiteralExpression(arg)) {
    for (const prop of arg.properties) {
      ctx.attempt(() => {
        const [name, expr] = propertyNameAndValue(reader.ctx, prop);
        // A value that fails is reported once; the input still counts as given.
        given.set(name, { expr, key: prop.name ?? prop, value: { kind: "poisoned" } });
        given.set(name, { expr, key: prop.name ?? prop, value: reader.value(expr, env, scope, out) });
      });
    }
  } else if (arg) {
    // A constant object of inputs, e.g. a shared `const common = {...}`.
    const v = reader.value(arg, env, scope, out);
    if (v.kind !== "const" || !isConstObject(v.value)) return ctx.fail("unsupportedStatement", arg, "inputs other than an object literal");
    for (const [k, val] of Object.entries(v.value)) {
      const at = nodeOfProperty(v.value, k, arg);
      given.set(k, { expr: at as ts.Expression, key: at, value: { kind: "const", value: val } });
    }
  }
  const inputs: Record<string, Binding> = {};
  for (const [name, { expr, key, value }] of given) {
    const decl = callee.inputs.find((i) => i.name === name);
    if (!decl) {
      ctx.report("unknownInput", key, name, callee.name, didYouMean(name, callee.inputs.map((i) => i.name)));
      continue;
    }
    if (value.kind === "poisoned") continue;
    const bound = ctx.attempt(() => bindInput(reader, callee, decl, expr, value, scope));
    if (bound) setOwn(inputs, name, bound);
  }
  for (const decl of callee.inputs) if (decl.required && !given.has(decl.name)) ctx.report("missingInput", call.expression, decl.name, callee.name);
  return inputs;
}

function bindInput(reader: BodyReader, callee: Callee, decl: Callee["inputs"][number], expr: ts.Expression, value: BodyValue, scope: ScopePath): Binding {
  const read = reader.toBinding(value, expr, scope);
  const what = `input \`${decl.name}\` of \`${callee.name}\``;
  if ("literal" in read.binding) {
    const literal = read.binding.literal;
    if (!jsonFits(decl.type, literal)) reader.ctx.fail("typeMismatch", expr, what, describeType(decl.type), describeValue(literal));
    if (decl.enum && !decl.enum.some((e) => canonicalJson(e) === canonicalJson(literal)))
      reader.ctx.fail("typeMismatch", expr, what, `one of ${describeValue(decl.enum)}`, describeValue(literal));
  } else if (!typeAccepts(decl.type, read.type)) {
    reader.ctx.fail("typeMismatch", expr, what, describeType(decl.type), describeMaybe(read.type));
  }
  return read.binding;
}

interface ReadOptions {
  id?: { value: string; at: ts.Node };
  settings?: TaskOptions;
}

function readOptions(reader: BodyReader, node: TaskNode | SubPipelineNode, arg: ts.Expression, env: Env, scope: ScopePath, out: Node[]): ReadOptions {
  const { ctx } = reader;
  if (!isObjectLiteralExpression(arg)) {
    const v = reader.value(arg, env, scope, out);
    if (v.kind !== "const" || !isConstObject(v.value)) return ctx.fail("notConstant", arg, "call options");
    // `after` names tasks, which a constant cannot hold: it would be dropped without a word.
    if (v.value.after !== undefined) ctx.report("badDefinition", arg, "`after` must be written in the call's own options object: `{ after: [task] }`");
    const { after: _after, ...rest } = v.value;
    return settingsOf(reader, rest, arg);
  }
  // `after` names tasks (run-time handles); everything else is a constant.
  const afterProp = arg.properties.find((p) => p.name && propertyKey(p.name) === "after");
  if (afterProp) readAfter(reader, node, afterProp, env, scope, out);
  const obj = ctx.attempt(() => readConstantOptions(reader, arg, env));
  return obj ? settingsOf(reader, obj, arg) : {};
}

/** Evaluates the options object without its `after` entry, keeping property positions. */
function readConstantOptions(reader: BodyReader, original: ts.ObjectLiteralExpression, env: Env): Record<string, ConstValue> {
  const out: Record<string, ConstValue> = {};
  for (const prop of original.properties) {
    if (prop.name && propertyKey(prop.name) === "after") continue;
    const [name, valueExpr] = propertyNameAndValue(reader.ctx, prop);
    const v = reader.builder.ev.evaluate(valueExpr, reader.module, reader.constLocals(env));
    if (v !== undefined) setOwn(out, name, v);
  }
  recordOrigin(out, { literal: original });
  return out;
}

function settingsOf(reader: BodyReader, obj: Record<string, ConstValue>, at: ts.Node): ReadOptions {
  const { ctx } = reader;
  for (const key of Object.keys(obj)) if (!OPTION_KEYS.has(key)) ctx.report("badDefinition", nodeOfProperty(obj, key, at), `unknown call option \`${key}\`${didYouMean(key, OPTION_KEYS)}`);
  const result: ReadOptions = {};
  if (obj.name !== undefined) {
    if (typeof obj.name === "string" && obj.name !== "") result.id = { value: obj.name, at: nodeOfProperty(obj, "name", at) };
    else ctx.report("badDefinition", nodeOfProperty(obj, "name", at), "the `name` option must be a non-empty string");
  }
  const settings: TaskOptions = readRunSettings(ctx, obj, at);
  if (obj.displayName !== undefined) {
    if (typeof obj.displayName === "string") settings.displayName = obj.displayName;
    else ctx.report("badDefinition", nodeOfProperty(obj, "displayName", at), "`displayName` must be a string");
  }
  result.settings = settings;
  return result;
}

function readAfter(reader: BodyReader, node: TaskNode | SubPipelineNode, prop: ts.ObjectLiteralElementLike, env: Env, scope: ScopePath, out: Node[]): void {
  const { ctx } = reader;
  const [, list] = propertyNameAndValue(reader.ctx, prop);
  if (!isArrayLiteralExpression(list)) return ctx.report("badDefinition", list, "`after` must be an array of tasks");
  const visit = (e: ts.Expression): void => {
    if (isArrayLiteralExpression(e)) return e.elements.forEach(visit);
    ctx.attempt(() => {
      if (isIdentifier(e) && env.find(e.text) === "later") {
        reader.pendingAfter.push({ node, name: e.text, env, at: e });
        return;
      }
      const v = reader.value(e, env, scope, out);
      if (v.kind !== "task") return ctx.fail("typeMismatch", e, "`after`", "tasks", `\`${snippet(e)}\``);
      const hidden = hidingGroup(v.scope, scope);
      if (hidden) return ctx.fail("outOfScope", e, `task \`${v.id}\``, hidden.label);
      if (!node.after.includes(v.id)) node.after.push(v.id);
    });
  };
  visit(list);
}
