// Values the constant evaluator produces. Plain JSON for literals, arrays and objects; class
// instances for what the DSL functions of @sluice/core would have returned at run time.
import type { ts } from "ts-morph";
import { isIdentifier, isNumericLiteral, isSpreadAssignment, isStringLiteral } from "./syntax.js";
import type { JsonValue, StepKind, ValueType } from "../ir/index.js";
import type { ModuleInfo } from "./modules.js";

export type ConstValue =
  | null
  | boolean
  | number
  | string
  | ConstValue[]
  | ConstObject
  | FileRefValue
  | SecretValue
  | TypeSpecValue
  | StepValue
  | PipelineValue
  | FunctionValue
  | BuiltinValue
  | NamespaceValue;

export interface ConstObject {
  [key: string]: ConstValue;
}

/** `file("./x.py")`: resolved later, relative to the file the call is written in. */
export class FileRefValue {
  constructor(
    readonly path: string,
    readonly node: ts.Node,
    readonly fromFile: string,
  ) {}
}

/** `secret(name, key)`. */
export class SecretValue {
  constructor(
    readonly name: string,
    readonly key: string,
  ) {}
}

/** `param.float({ default: 0.2 })`, `artifact.list(artifact.model())`... */
export class TypeSpecValue {
  constructor(
    readonly type: ValueType,
    readonly options: { default?: JsonValue; description?: string; enum?: JsonValue[]; optional?: boolean },
    readonly node: ts.CallExpression,
  ) {}
}

/** `step({...})` or a kind helper: the definition is evaluated, args/command may be functions. */
export class StepValue {
  constructor(
    readonly definition: ConstObject,
    readonly kind: StepKind,
    readonly node: ts.CallExpression,
    /** Set by sparkJob(...) and rayJob(...); a trainer's scale-out form comes from `distributed`. */
    readonly form?: "sparkJob" | "rayJob",
  ) {}
}

/** `pipeline(config, body)`: the body is kept as syntax, analyzed by the body reader. */
export class PipelineValue {
  constructor(
    readonly config: ConstObject,
    readonly body: ts.ArrowFunction | ts.FunctionExpression,
    readonly node: ts.CallExpression,
    readonly module: ModuleInfo,
  ) {}
}

/** An arrow function in a definition (args/command); read by the args reader. */
export class FunctionValue {
  constructor(
    readonly node: ts.ArrowFunction | ts.FunctionExpression,
    readonly module: ModuleInfo,
  ) {}
}

/** A function or namespace exported by @sluice/core, e.g. "step", "param", "param.float". */
export class BuiltinValue {
  constructor(readonly name: string) {}
}

/** `import * as x from "./y.js"`. */
export class NamespaceValue {
  constructor(readonly module: ModuleInfo) {}
}

export function isConstObject(v: unknown): v is ConstObject {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/** True for values that are plain JSON all the way down. */
export function isJson(v: unknown): v is JsonValue {
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isJson);
  if (isConstObject(v)) return Object.values(v).every(isJson);
  return false;
}

/**
 * Where each evaluated object literal came from, so that a problem found later in a definition
 * (a bad quantity, an unknown key) is reported at the property, not at the whole call. Only the
 * literal (and the values its spreads copied) is recorded; the property is found when asked,
 * which is rare. A plain Map (cheaper for the collector than a WeakMap or a Map per object on
 * pipelines of thousands of steps), and a fresh one for each analysis (`withFreshOrigins`).
 *
 * Fresh, not cleared: a module-level Map lives in the old generation, and V8 allocates a Map's
 * tables where the Map is, and leaves a cleared table's entries in place. Every young object
 * recorded in it was then held, through the dead tables, by every young-generation collection
 * until the next full one: the definitions, their functions, and through those the whole syntax
 * tree, about 2.5 MB at 100 steps, copied into the old generation at every such collection.
 */
type Origin = { literal: ts.ObjectLiteralExpression; spreads?: Map<ts.Node, object> };
let objectOrigins = new Map<object, Origin>();

export function recordOrigin(obj: object, origin: Origin): void {
  objectOrigins.set(obj, origin);
}

/** Runs one analysis with its own, new map of origins, which goes when the analysis ends. */
export function withFreshOrigins<T>(f: () => T): T {
  const saved = objectOrigins;
  objectOrigins = new Map();
  try {
    return f();
  } finally {
    objectOrigins = saved;
  }
}

/** The property (or spread) that gave `obj[key]` its value; `fallback` when unknown. */
export function nodeOfProperty(obj: object, key: string, fallback: ts.Node): ts.Node {
  const origin = objectOrigins.get(obj);
  if (!origin) return fallback;
  const props = origin.literal.properties;
  for (let i = props.length - 1; i >= 0; i--) {
    const p = props[i]!;
    if (isSpreadAssignment(p)) {
      const source = origin.spreads?.get(p);
      if (source && Object.hasOwn(source, key)) return nodeOfProperty(source, key, p);
    } else if (p.name && (isIdentifier(p.name) || isStringLiteral(p.name) || isNumericLiteral(p.name)) && p.name.text === key) {
      return p;
    }
  }
  return origin.literal;
}

export function describeValue(v: ConstValue | undefined): string {
  // Messages never say undefined, null or NaN: they read as Sluice's own bug, not the user's value.
  if (v === undefined) return "no value";
  if (v === null) return "`null`";
  if (typeof v === "number" && !Number.isFinite(v)) return "a number too large to represent (or not a number)";
  if (v instanceof StepValue) return "a step";
  if (v instanceof PipelineValue) return "a pipeline";
  if (v instanceof FunctionValue) return "a function";
  if (v instanceof TypeSpecValue) return "a type declaration";
  if (v instanceof FileRefValue) return "a file()";
  if (v instanceof SecretValue) return "a secret()";
  if (v instanceof BuiltinValue || v instanceof NamespaceValue) return "a module member";
  // Plain data as JSON; anything special inside it by its description (never its syntax tree).
  return JSON.stringify(v, (_key, inner: unknown) => (typeof inner === "number" && !Number.isFinite(inner) ? "(not a finite number)" : inner !== null && typeof inner === "object" && !Array.isArray(inner) && !isConstObject(inner) ? describeValue(inner as ConstValue) : inner));
}
