// Test support: small IR documents built in code, starting from a minimal valid pipeline.
import { type Component, type Node, type Pipeline, Pipeline as PipelineSchema } from "@sluice/core/backend";

export const FILE = "p.ts";

export function component(name: string, extra: Partial<Component> = {}): Component {
  return {
    name,
    kind: "custom",
    image: "alpine:3.20",
    implementation: { container: { command: ["echo"], args: [] } },
    inputs: [],
    outputs: [],
    span: `${FILE}:1:1`,
    ...extra,
  };
}

export function task(id: string, comp: string, line: number, extra: Partial<Extract<Node, { type: "task" }>> = {}): Node {
  return { type: "task", id, component: comp, inputs: {}, after: [], span: `${FILE}:${line}:3`, ...extra };
}

/** A pipeline of the given components and root nodes; checked against the IR schema. */
export function pipeline(components: Component[], root: Node[], spec: Partial<Pipeline["spec"]> = {}): Pipeline {
  const ir: Pipeline = {
    apiVersion: "sluice.dev/v1alpha1",
    kind: "Pipeline",
    metadata: { name: "p", source: { file: FILE, export: "default" }, hash: `sha256:${"ab".repeat(32)}` },
    spec: { params: [], outputs: [], defaults: {}, components, subPipelines: [], root, ...spec },
  };
  return PipelineSchema.parse(ir);
}
