import type { Binding, ComponentOutput, JsonValue, ValueType } from "@sluice/core/backend";
import type { NodeHandle } from "./build-context.js";
import { isPlainIdentifier, jinjaStr } from "./python.js";

/**
 * A binding resolved for Airflow:
 * - lit: known when compiling (a literal, a default);
 * - expr: a Jinja expression Sluice generated that yields the value as text at run time
 *   (`params.raw`, an XCom pull), with the vars it reads from (its data edges);
 * - item: the current loop item (or one field of it), known only inside a mapped task;
 * - concat: text joined from the others (a template literal in the pipeline file);
 * - sibling: an output of another task of the same loop iteration, known only to the expand task.
 */
export type Value =
  | { lit: JsonValue }
  | { expr: string; deps: string[] }
  | { item: string | undefined; loop: string }
  | { concat: Value[] }
  | { sibling: { var: string; fullId: string; output: string } };

/** A task whose outputs later tasks read through XCom. */
export interface Producer {
  var: string;
  fullId: string;
  outputs: ComponentOutput[];
  /** The loop whose body maps this task, if any. */
  loop?: string;
}

/** What names mean inside one pipeline body (the top pipeline or a TaskGroup of a sub-pipeline). */
export interface Scope {
  /** Full TaskGroup id ("" at the top), the prefix of every task id inside. */
  prefix: string;
  branchPath: string[];
  /** The loop being built, when inside one. */
  loop?: string;
  params: Map<string, Value>;
  producers: Map<string, Producer>;
  /** Outputs of sub-pipeline calls in this body, already resolved to the producing tasks. */
  subOutputs: Map<string, Map<string, Value>>;
  handles: Map<string, NodeHandle>;
}

/** Values of these types travel as JSON text; strings and artifact URIs travel as themselves. */
export function isTextType(t: ValueType): boolean {
  return (t.category === "param" && t.type === "string") || t.category === "artifact";
}

/** `params.raw`, or `params['odd name']` when the name is not a plain identifier. */
export function paramExpr(name: string, type: ValueType): string {
  const ref = isPlainIdentifier(name) ? `params.${name}` : `params[${jinjaStr(name)}]`;
  return isTextType(type) ? ref : `${ref} | tojson`;
}

/** The Jinja expression reading one output of a task from the dict its XCom return value holds. */
export function xcomExpr(p: Producer, output: string): string {
  const type = p.outputs.find((o) => o.name === output)?.type;
  const ref = `ti.xcom_pull(task_ids=${jinjaStr(p.fullId)})[${jinjaStr(output)}]`;
  return type && isTextType(type) ? ref : `${ref} | tojson`;
}

/** Every iteration's value of one output of a mapped task, as a JSON list (fan-in). */
export function collectedExpr(p: Producer, output: string): string {
  return `ti.xcom_pull(task_ids=${jinjaStr(p.fullId)}) | map(attribute=${jinjaStr(output)}) | list | tojson`;
}

export type ResolveError = { error: "loopBodyEdge" | "unknown"; message: string };

/** Resolves a binding in a scope; errors are returned for the caller to locate. */
export function resolveBinding(b: Binding, scope: Scope): Value | ResolveError {
  if ("literal" in b) return { lit: b.literal };
  if ("param" in b) return scope.params.get(b.param) ?? { error: "unknown", message: `no pipeline param named ${b.param}` };
  if ("loopItem" in b) return { item: b.field, loop: b.loopItem };
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
    const p = scope.producers.get(b.collected.task);
    if (!p) return { error: "unknown", message: `no task named ${b.collected.task} in loop ${b.collected.loop}` };
    return { expr: collectedExpr(p, b.collected.output), deps: [p.var] };
  }
  const { task, output } = b.taskOutput;
  const sub = scope.subOutputs.get(task);
  if (sub) return sub.get(output) ?? { error: "unknown", message: `sub-pipeline call ${task} has no output ${output}` };
  const p = scope.producers.get(task);
  if (!p) return { error: "unknown", message: `no task named ${task}` };
  if (p.loop && p.loop === scope.loop) return { sibling: { var: p.var, fullId: p.fullId, output } };
  if (p.loop) {
    return { error: "loopBodyEdge", message: `task output ${task}.${output} is read outside loop ${p.loop}, where only its fan-in (a list of every iteration's value) exists` };
  }
  return { expr: xcomExpr(p, output), deps: [p.var] };
}

/** The vars a value reads from. */
export function depsOf(v: Value): string[] {
  if ("expr" in v) return v.deps;
  if ("sibling" in v) return [v.sibling.var];
  if ("concat" in v) return v.concat.flatMap(depsOf);
  return [];
}

/** Every task of the same loop iteration a value reads, by full task id. */
export function siblingsOf(v: Value): string[] {
  if ("sibling" in v) return [v.sibling.fullId];
  if ("concat" in v) return v.concat.flatMap(siblingsOf);
  return [];
}

/** How a compile-time value becomes command-line text: strings as written, the rest as JSON. */
export function literalText(value: JsonValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
