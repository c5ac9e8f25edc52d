import type { Binding } from "./bindings.js";
import { bindingsOfExpr, flattenBinding } from "./bindings.js";
import type { Component } from "./component.js";
import type { Node } from "./nodes.js";
import type { Defaults, Pipeline, SubPipeline } from "./pipeline.js";
import type { RunSettings } from "./settings.js";

/** The groups that enclose a node, outermost first (loops, branches, exit-handler bodies). */
export type Scope = { type: "loop" | "branch" | "exitBody" | "exit"; id: string }[];

/** Visits every node of a body depth-first, in source order, with the scopes around it. */
export function walkNodes(nodes: Node[], visit: (node: Node, scope: Scope) => void, scope: Scope = []): void {
  for (const node of nodes) {
    visit(node, scope);
    switch (node.type) {
      case "condition":
        for (const b of node.branches) walkNodes(b.nodes, visit, [...scope, { type: "branch", id: b.id }]);
        break;
      case "loop":
        walkNodes(node.nodes, visit, [...scope, { type: "loop", id: node.id }]);
        break;
      case "exitHandler":
        walkNodes(node.nodes, visit, [...scope, { type: "exitBody", id: node.id }]);
        walkNodes(node.exit, visit, [...scope, { type: "exit", id: node.id }]);
        break;
      default:
        break;
    }
  }
}

/** Every node of a body, flattened. */
export function allNodes(nodes: Node[]): Node[] {
  const out: Node[] = [];
  walkNodes(nodes, (n) => out.push(n));
  return out;
}

/** Every binding a node reads directly (inputs, loop items, branch conditions), nested templates included. */
export function bindingsOfNode(node: Node): Binding[] {
  switch (node.type) {
    case "task":
    case "subPipeline":
      return Object.values(node.inputs).flatMap(flattenBinding);
    case "loop":
      return flattenBinding(node.items);
    case "condition":
      return node.branches.flatMap((b) => (b.when ? bindingsOfExpr(b.when).flatMap(flattenBinding) : []));
    case "exitHandler":
      return [];
  }
}

/** Ids of the tasks a node reads outputs from (its data edges), deduplicated, in first-use order. */
export function dataDependencies(node: Node): string[] {
  const ids: string[] = [];
  for (const b of bindingsOfNode(node)) {
    const id = "taskOutput" in b ? b.taskOutput.task : "collected" in b ? b.collected.loop : undefined;
    if (id !== undefined && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

export function findComponent(ir: Pipeline, name: string): Component {
  const c = byName(ir.spec.components, name);
  if (!c) throw new Error(`IR invariant broken: no component named ${name}`);
  return c;
}

export function findSubPipeline(ir: Pipeline, name: string): SubPipeline {
  const p = byName(ir.spec.subPipelines, name);
  if (!p) throw new Error(`IR invariant broken: no sub-pipeline named ${name}`);
  return p;
}

/**
 * Back ends look a component up once per task: a scan of the list each time made a pipeline of
 * n steps with n definitions cost O(n^2). The index is built once per list (weakly held, so it
 * goes with the IR) and rebuilt if the list grew or the entry no longer matches.
 */
const indexes = new WeakMap<readonly { name: string }[], { size: number; map: Map<string, { name: string }> }>();
function byName<T extends { name: string }>(list: readonly T[], name: string): T | undefined {
  let index = indexes.get(list);
  if (!index || index.size !== list.length) {
    const map = new Map<string, T>();
    for (const item of list) if (!map.has(item.name)) map.set(item.name, item);
    index = { size: list.length, map };
    indexes.set(list, index);
  }
  const hit = index.map.get(name) as T | undefined;
  return hit && hit.name === name ? hit : list.find((x) => x.name === name);
}

const RUN_SETTING_KEYS = [
  "retry",
  "timeoutSeconds",
  "cache",
  "resources",
  "env",
  "volumes",
  "nodeSelector",
  "tolerations",
  "labels",
  "annotations",
] as const satisfies readonly (keyof RunSettings)[];

/**
 * The settings a task runs with: pipeline defaults, then the component's, then the call's own.
 * A later layer replaces a whole setting, except env, labels, annotations and node selectors,
 * which are merged by key so that a call can add one variable without repeating the rest.
 */
export function effectiveSettings(defaults: Defaults, ...layers: (RunSettings | undefined)[]): RunSettings {
  const out: RunSettings = {};
  for (const layer of [defaults, ...layers]) {
    if (!layer) continue;
    for (const key of RUN_SETTING_KEYS) {
      const value = layer[key];
      if (value === undefined) continue;
      (out as Record<string, unknown>)[key] = mergeSetting(key, out[key], value);
    }
  }
  return out;
}

function mergeSetting(key: (typeof RUN_SETTING_KEYS)[number], before: unknown, after: unknown): unknown {
  if (before === undefined) return after;
  if (key === "env") {
    const env = new Map<string, unknown>();
    for (const e of [...(before as { name: string }[]), ...(after as { name: string }[])]) env.set(e.name, e);
    return [...env.values()];
  }
  if (key === "labels" || key === "annotations" || key === "nodeSelector") return { ...(before as object), ...(after as object) };
  return after;
}
