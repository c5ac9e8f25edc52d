// What names in a pipeline body stand for while it is read: constants, the params object, task
// handles, bindings (run-time values with a type) and small objects of them. Plus the two rules
// every use of a run-time value obeys: its type fits, and it is visible from where it is used.
import type { ts } from "ts-morph";
import type { Binding, JsonValue, ValueType } from "../ir/index.js";
import { describeType } from "../ir/index.js";
import type { ConstValue } from "./values.js";

/** A group a node sits in: a loop, a branch, an exit handler's try or finally block. */
export interface ScopeEntry {
  id: string;
  /** How messages name it: "the loop `for-each-lr`". */
  label: string;
}
export type ScopePath = readonly ScopeEntry[];

export interface TaskValue {
  kind: "task";
  id: string;
  /** The step or pipeline name, for messages. */
  callee: string;
  outputs: Map<string, ValueType>;
  scope: ScopePath;
}

export type BodyValue =
  | { kind: "const"; value: ConstValue | undefined }
  | { kind: "params"; types: Map<string, ValueType> }
  /** `items`: a loop item's possible values, when the loop runs over a literal array. */
  | { kind: "binding"; binding: Binding; type: ValueType | undefined; scope: ScopePath; items?: readonly JsonValue[] }
  | TaskValue
  | { kind: "outputs"; task: TaskValue }
  /**
   * `collected`: what a `.map` returned when its callback returned a task or an object. TypeScript
   * sees a list of such objects, so it is read the same way: `results.map((r) => r.acc)` picks a
   * field, `results.acc` is refused (tsc refuses it too).
   */
  | { kind: "object"; fields: Map<string, BodyValue>; collected?: true }
  /** A statement that already failed: uses of its name stay silent instead of cascading. */
  | { kind: "poisoned" };

/** A producer is visible where its scope is a prefix of the consumer's. Returns the hiding group. */
export function hidingGroup(producer: ScopePath, consumer: ScopePath): ScopeEntry | undefined {
  for (let i = 0; i < producer.length; i++) if (consumer[i]?.id !== producer[i]!.id) return producer[i];
  return undefined;
}

/** Whether `s` is the group `here` names (ids are unique, so the depth and the last entry tell). */
export function sameScope(s: ScopePath, here: ScopePath): boolean {
  return s.length === here.length && s[s.length - 1]?.id === here[here.length - 1]?.id;
}

/** The type of a literal, as far as it can be told. */
export function literalType(v: JsonValue): ValueType | undefined {
  if (typeof v === "string") return { category: "param", type: "string" };
  if (typeof v === "boolean") return { category: "param", type: "bool" };
  if (typeof v === "number") return { category: "param", type: Number.isInteger(v) ? "int" : "float" };
  if (Array.isArray(v)) {
    const items = v.map(literalType);
    const first = items[0];
    if (first?.category !== "param") return { category: "paramList", items: "json" };
    if (items.every((t) => t?.category === "param" && t.type === first.type)) return { category: "paramList", items: first.type };
    if (items.every((t) => t?.category === "param" && (t.type === "int" || t.type === "float"))) return { category: "paramList", items: "float" };
    return { category: "paramList", items: "json" };
  }
  return { category: "param", type: "json" };
}

function scalarAccepts(expected: string, actual: string): boolean {
  return expected === actual || expected === "json" || (expected === "float" && actual === "int");
}

/** Whether a value of `actual` type may bind an input of `expected` type. */
export function typeAccepts(expected: ValueType, actual: ValueType | undefined): boolean {
  if (actual === undefined) return true;
  if (expected.category === "param" && expected.type === "json") return actual.category === "param" || actual.category === "paramList";
  if (expected.category === "param") return actual.category === "param" && scalarAccepts(expected.type, actual.type);
  if (expected.category === "paramList") return actual.category === "paramList" && scalarAccepts(expected.items, actual.items);
  if (expected.category !== actual.category) return false;
  return expected.kind === "artifact" || expected.kind === (actual as { kind: string }).kind;
}

/** The element type of a list, for loop items; undefined for element types we cannot know. */
export function itemType(list: ValueType | undefined): ValueType | undefined | "not-a-list" {
  if (list === undefined) return undefined;
  if (list.category === "paramList") return list.items === "json" ? undefined : { category: "param", type: list.items };
  if (list.category === "artifactList") return { category: "artifact", kind: list.kind };
  if (list.category === "param" && list.type === "json") return undefined;
  return "not-a-list";
}

/** The type of the fan-in of a value produced once per iteration. */
export function listOf(t: ValueType): ValueType | undefined {
  if (t.category === "param") return { category: "paramList", items: t.type };
  if (t.category === "artifact") return { category: "artifactList", kind: t.kind };
  return undefined;
}

export function describeMaybe(t: ValueType | undefined): string {
  return t ? describeType(t) : "a value of unknown type";
}

export type AstNode = ts.Node;
