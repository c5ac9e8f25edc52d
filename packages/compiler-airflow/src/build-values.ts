import type { Binding, ComponentOutput, JsonValue, ValueType } from "@sluice/core/backend";
import type { NodeHandle } from "./build-context.js";
import { jinjaStr } from "./python.js";

/**
 * A binding resolved for Airflow:
 * - lit: known when compiling (a literal, a default, the item of an unrolled loop);
 * - expr: a Jinja expression Sluice generated that yields the value as text at run time
 *   (`params.raw`, an XCom pull, the item of a mapped loop), with the vars it reads from (its
 *   data edges);
 * - concat: text joined from the others (a template literal in the pipeline file).
 */
export type Value = { lit: JsonValue } | { expr: string; deps: string[] } | { concat: Value[] };

/**
 * The item of an enclosing loop: a compile-time value (an unrolled loop), or, in a mapped task
 * group, the element of its items task's list at the task's own map index.
 */
export type LoopItem = { lit: JsonValue } | { pull: string; deps: string[]; text: TextKind; fields?: Map<string, TextKind> };

/** Whether a run-time value is a string (passed as written), another value (passed as JSON text), or either. */
export type TextKind = "text" | "json" | "unknown";

/** The text kind of values known when compiling. */
export function textKindOf(values: JsonValue[]): TextKind {
  const strings = values.filter((x) => typeof x === "string").length;
  return strings === values.length ? "text" : strings === 0 ? "json" : "unknown";
}

/** One output of one task. */
export interface Source {
  producer: Producer;
  output: string;
}

/** A task whose outputs later tasks read through XCom. */
export interface Producer {
  var: string;
  fullId: string;
  outputs: ComponentOutput[];
  /** The mapped loop (task group) this task is in, if any: each iteration has its own XCom. */
  mapped?: string;
}

/** What names mean inside one pipeline body (the top pipeline or a TaskGroup of a sub-pipeline). */
export interface Scope {
  /** Full TaskGroup id ("" at the top), the prefix of every task id inside. */
  prefix: string;
  branchPath: string[];
  /** The mapped loop whose task group holds this body, when inside one. */
  mapped?: string;
  /** That loop's parallelism, set on each of its tasks. */
  parallelism?: number;
  /** Items of the enclosing loops, by loop id. */
  items: Map<string, LoopItem>;
  /** The scope of each iteration of an unrolled loop, by loop id, for its fan-in. */
  unrolled: Map<string, Scope[]>;
  params: Map<string, Value>;
  /** The declared types of those params. */
  paramTypes: Map<string, ValueType>;
  producers: Map<string, Producer>;
  /** Outputs of sub-pipeline calls in this body, already resolved to the producing tasks. */
  subOutputs: Map<string, Map<string, Value>>;
  /** The inner task (and its output) each output of a sub-pipeline call comes from, when one does. */
  subSources: Map<string, Map<string, Source>>;
  handles: Map<string, NodeHandle>;
}

/** Values of these types travel as JSON text; strings and artifact URIs travel as themselves. */
export function isTextType(t: ValueType): boolean {
  return (t.category === "param" && t.type === "string") || t.category === "artifact";
}

/**
 * `params['raw']`: always the subscript, since Jinja's `params.items` finds the attribute first
 * (a dict method of Airflow's ParamsDict: `items`, `keys`, `get`, `update`...), not the param.
 */
export function paramExpr(name: string, type: ValueType): string {
  const ref = `params[${jinjaStr(name)}]`;
  return isTextType(type) ? ref : `${ref} | tojson`;
}

/**
 * The XCom return value of a task. A task of the same mapped task group is read at the reader's
 * own map index (its own iteration); an unmapped task has one value.
 */
function pullExpr(p: Producer): string {
  return `ti.xcom_pull(task_ids=${jinjaStr(p.fullId)}${p.mapped ? ", map_indexes=ti.map_index" : ""})`;
}

/** The Jinja expression reading one output of a task from the dict its XCom return value holds. */
export function xcomExpr(p: Producer, output: string): string {
  const type = p.outputs.find((o) => o.name === output)?.type;
  const ref = `${pullExpr(p)}[${jinjaStr(output)}]`;
  return type && isTextType(type) ? ref : `${ref} | tojson`;
}

/**
 * Every iteration's value of one output of a task in a mapped task group, as a JSON list in map
 * index order (fan-in). `task_ids` is a list so that Airflow always returns a list, even of one.
 */
export function collectedExpr(p: Producer, output: string): string {
  return `${collectedList(p, output)} | tojson`;
}

/** The same list, before it becomes JSON text. */
function collectedList(p: Producer, output: string): string {
  return `ti.xcom_pull(task_ids=[${jinjaStr(p.fullId)}]) | map(attribute=${jinjaStr(output)}) | list`;
}

/** The task output a task or sub-pipeline call of this body names. */
export function sourceOf(scope: Scope, task: string, output: string): Source | undefined {
  const p = scope.producers.get(task);
  return p ? { producer: p, output } : scope.subSources.get(task)?.get(output);
}

/**
 * The fan-in of an unrolled loop: one output of its copy in each iteration, as a JSON list. A copy
 * inside a mapped task group of the iteration (an inner loop over a run-time list: a `.flatMap`
 * over an inner `.map`) adds every map index of it, so the list is flat, outer item first.
 */
function unrolledCollected(iterations: Scope[], task: string, output: string, reader: Scope): Value | ResolveError {
  const sources = iterations.map((s) => sourceOf(s, task, output));
  if (sources.some((s) => s === undefined)) return { error: "unknown", message: `no task named ${task} in every iteration` };
  const lists = (sources as Source[]).map((s) =>
    s.producer.mapped && s.producer.mapped !== reader.mapped ? `(${collectedList(s.producer, s.output)})` : `[${pullExpr(s.producer)}[${jinjaStr(s.output)}]]`,
  );
  return { expr: `(${lists.join(" + ")}) | tojson`, deps: (sources as Source[]).map((s) => s.producer.var) };
}

/** The loop item (or one field of it) as a value. */
function itemValue(item: LoopItem, field: string | undefined): Value | ResolveError {
  if ("lit" in item) {
    if (field === undefined) return { lit: item.lit };
    const obj = item.lit;
    if (obj && typeof obj === "object" && !Array.isArray(obj) && field in obj) return { lit: obj[field]! };
    return { error: "unknown", message: `the loop item has no field ${field}` };
  }
  const ref = field === undefined ? item.pull : `${item.pull}[${jinjaStr(field)}]`;
  // Strings reach a step as written, everything else as JSON text, as every other value does.
  const kind = field === undefined ? item.text : (item.fields?.get(field) ?? "unknown");
  if (kind === "text") return { expr: ref, deps: item.deps };
  if (kind === "json") return { expr: `${ref} | tojson`, deps: item.deps };
  return { expr: `(${ref} if ${ref} is string else ${ref} | tojson)`, deps: item.deps };
}

export type ResolveError = { error: "loopBodyEdge" | "nestedInLoop" | "unknown"; message: string; hint?: string };

/** Resolves a binding in a scope; errors are returned for the caller to locate. */
export function resolveBinding(b: Binding, scope: Scope): Value | ResolveError {
  if ("literal" in b) return { lit: b.literal };
  if ("param" in b) return scope.params.get(b.param) ?? { error: "unknown", message: `no pipeline param named ${b.param}` };
  if ("loopItem" in b) {
    const item = scope.items.get(b.loopItem);
    return item ? itemValue(item, b.field) : { error: "unknown", message: `no enclosing loop ${b.loopItem}` };
  }
  if ("template" in b) {
    const parts: Value[] = [];
    for (const part of b.template) {
      const v = typeof part === "string" ? { lit: part } : resolveBinding(part, scope);
      if ("error" in v) return v;
      parts.push(v);
    }
    return { concat: parts };
  }
  if ("collected" in b) {
    const iterations = scope.unrolled.get(b.collected.loop);
    if (iterations) return unrolledCollected(iterations, b.collected.task, b.collected.output, scope);
    const s = sourceOf(scope, b.collected.task, b.collected.output);
    if (!s && [...scope.unrolled.values()].some((its) => its.some((it) => sourceOf(it, b.collected.task, b.collected.output)))) {
      // Each unrolled copy's values come per copy (one XCom list each); Jinja cannot interleave
      // them per map index into item order.
      return {
        error: "nestedInLoop",
        message: `the fan-in of loop ${b.collected.loop} collects ${b.collected.task}, which sits in a literal loop unrolled inside it; Airflow keeps each unrolled copy's values apart, and Jinja cannot interleave them per iteration into item order`,
        hint: "loop over the literal list outside (Sluice unrolls the outer loop, and the inner list may then be known only at run time), or collect in the inner loop",
      };
    }
    if (!s) return { error: "unknown", message: `no task named ${b.collected.task} in loop ${b.collected.loop}` };
    return { expr: collectedExpr(s.producer, s.output), deps: [s.producer.var] };
  }
  const { task, output } = b.taskOutput;
  const sub = scope.subOutputs.get(task);
  const p = sub ? scope.subSources.get(task)?.get(output)?.producer : scope.producers.get(task);
  if (p?.mapped && p.mapped !== scope.mapped) {
    return { error: "loopBodyEdge", message: `task output ${task}.${output} is read outside loop ${p.mapped}, where only its fan-in (a list of every iteration's value) exists` };
  }
  if (sub) return sub.get(output) ?? { error: "unknown", message: `sub-pipeline call ${task} has no output ${output}` };
  if (!p) return { error: "unknown", message: `no task named ${task}` };
  return { expr: xcomExpr(p, output), deps: [p.var] };
}

/** The vars a value reads from. */
export function depsOf(v: Value): string[] {
  if ("expr" in v) return v.deps;
  if ("concat" in v) return v.concat.flatMap(depsOf);
  return [];
}

/** How a compile-time value becomes command-line text: strings as written, the rest as JSON. */
export function literalText(value: JsonValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
