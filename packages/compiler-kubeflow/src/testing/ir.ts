/** Small hand-built IR documents for unit tests. */
import type { Component, Node, Pipeline, PipelineParam } from "@sluice/core/backend";

export function component(name: string, over: Partial<Component> = {}): Component {
  return {
    name,
    kind: "custom",
    image: "alpine:3.20",
    implementation: { container: { command: ["echo"], args: [] } },
    inputs: [],
    outputs: [],
    span: `p.ts:${name.length}:1`,
    ...over,
  };
}

export function task(id: string, comp: string, over: Partial<Extract<Node, { type: "task" }>> = {}): Node {
  return { type: "task", id, component: comp, inputs: {}, after: [], span: `p.ts:10:${id.length}`, ...over };
}

export function param(name: string, type: PipelineParam["type"], def?: PipelineParam["default"]): PipelineParam {
  return { name, type, ...(def !== undefined ? { default: def } : {}), span: "p.ts:2:3" };
}

export function pipelineOf(components: Component[], root: Node[], over: Partial<Pipeline["spec"]> = {}): Pipeline {
  return {
    apiVersion: "sluice.dev/v1alpha1",
    kind: "Pipeline",
    metadata: { name: "unit", source: { file: "p.ts", export: "default" }, hash: `sha256:${"0".repeat(64)}` },
    spec: { params: [], outputs: [], defaults: {}, components, subPipelines: [], root, ...over },
  };
}
