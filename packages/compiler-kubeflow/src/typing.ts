/** The KFP type of any IR binding in one pipeline body, for channel and output definitions. */
import { allNodes, findComponent, findSubPipeline } from "@sluice/core/backend";
import type { Binding, LoopNode, Node, Pipeline, PipelineParam, ValueType } from "@sluice/core/backend";
import { literalItemType, scalarParameterType } from "./build-types.js";
import { kfpTypeOf, type KfpType } from "./scope.js";

export type TypeOf = (b: Binding) => KfpType | undefined;

export function makeTypeOf(ir: Pipeline, params: PipelineParam[], body: Node[]): TypeOf {
  const nodes = new Map(allNodes(body).map((n) => [n.id, n]));

  const outputType = (task: string, output: string): ValueType | undefined => {
    const node = nodes.get(task);
    if (node?.type === "task") return findComponent(ir, node.component).outputs.find((o) => o.name === output)?.type;
    if (node?.type === "subPipeline") return findSubPipeline(ir, node.pipeline).outputs.find((o) => o.name === output)?.type;
    return undefined;
  };

  /** The IR type of a binding, where the IR declares one. */
  const valueType = (b: Binding): ValueType | undefined => {
    if ("param" in b) return params.find((x) => x.name === b.param)?.type;
    if ("taskOutput" in b) return outputType(b.taskOutput.task, b.taskOutput.output);
    if ("collected" in b) {
      const t = outputType(b.collected.task, b.collected.output);
      if (t?.category === "artifact") return { category: "artifactList", kind: t.kind };
      if (t?.category === "param") return { category: "paramList", items: t.type };
      return undefined;
    }
    if ("loopItem" in b && b.field === undefined) {
      const loop = nodes.get(b.loopItem);
      if (loop?.type !== "loop") return undefined;
      const list = valueType(loop.items);
      if (list?.category === "paramList") return { category: "param", type: list.items };
      if (list?.category === "artifactList") return { category: "artifact", kind: list.kind };
    }
    return undefined;
  };

  const typeOf: TypeOf = (b) => {
    if ("template" in b) return { kind: "parameter", type: "STRING" };
    if ("loopItem" in b && b.field === undefined) {
      const loop = nodes.get(b.loopItem);
      if (loop?.type === "loop") return itemTypeOf(loop, valueType);
    }
    const t = valueType(b);
    const sample = "param" in b ? params.find((x) => x.name === b.param)?.default : undefined;
    return t ? kfpTypeOf(t, sample) : undefined;
  };
  return typeOf;
}

/** The type of one item of a loop: from a literal list, or the item type of a list param or output. */
function itemTypeOf(loop: LoopNode, valueType: (b: Binding) => ValueType | undefined): KfpType {
  if ("literal" in loop.items && Array.isArray(loop.items.literal)) return { kind: "parameter", type: literalItemType(loop.items.literal) };
  const list = valueType(loop.items);
  if (list?.category === "artifactList") return { kind: "artifact", type: { category: "artifact", kind: list.kind } };
  if (list?.category === "paramList") return { kind: "parameter", type: scalarParameterType(list.items) };
  return { kind: "parameter", type: "STRING" };
}
