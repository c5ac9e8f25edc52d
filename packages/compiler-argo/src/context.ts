import {
  type Diagnostic,
  type Node,
  type Pipeline,
  type PipelineParam,
  type ValueType,
  allNodes,
  bindingsOfNode,
  walkNodes,
  findComponent,
  findSubPipeline,
  isArtifactType,
  scaleOutForm,
} from "@sluice/core/backend";
import { type NestedFanIns, nestedFanIns } from "./nested-fan-in.js";
import { NameTable, templateName } from "./names.js";
import type { ArgoOptions } from "./options.js";
import { StringRouter } from "./route-strings.js";
import type { Template } from "./types.js";

/** State shared by every builder while one pipeline compiles. */
export class BuildContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Templates by name, in the order they are first built: that is the output order. */
  readonly templates = new Map<string, Template>();
  readonly templateNames = new NameTable("template names");
  readonly strings: StringRouter;

  constructor(
    readonly ir: Pipeline,
    readonly options: ArgoOptions,
  ) {
    this.strings = new StringRouter(templateName(ir.metadata.name));
  }

  report(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  addTemplate(t: Template): void {
    if (!this.templates.has(t.name)) this.templates.set(t.name, t);
  }
}

/** One pipeline body (the top pipeline or a nested one) and what its nodes refer to. */
export class PipelineBody {
  readonly nodes = new Map<string, Node>();
  /** Outputs collected out of each loop (fan-in): loop id -> task id -> output names. */
  readonly fanIns = new Map<string, Map<string, string[]>>();
  /** Loops inside another loop of this body: they run once per outer item. */
  readonly nestedLoops = new Set<string>();
  /** Outputs of container steps that a scale-out step reads (as artifacts): task id -> output names (build-scale-out.ts). */
  readonly keyedOutputs = new Map<string, Set<string>>();
  /** The fan-ins whose producer is below its loop's top level, and what each group exports for them. */
  readonly nested: NestedFanIns;

  constructor(
    readonly ctx: BuildContext,
    /** Prefix of group template names, so that group ids of two bodies never meet. */
    readonly prefix: string,
    readonly params: PipelineParam[],
    root: Node[],
    /** Whether this body runs more than once per run (a nested pipeline called twice, or in a loop). */
    readonly repeated = false,
  ) {
    walkNodes(root, (n, scope) => {
      if (n.type === "loop" && scope.some((s) => s.type === "loop")) this.nestedLoops.add(n.id);
    });
    for (const n of allNodes(root)) {
      this.nodes.set(n.id, n);
      for (const b of bindingsOfNode(n)) {
        if (!("collected" in b)) continue;
        const { loop, task, output } = b.collected;
        const byTask = this.fanIns.get(loop) ?? new Map<string, string[]>();
        const outputs = byTask.get(task) ?? [];
        if (!outputs.includes(output)) outputs.push(output);
        byTask.set(task, outputs);
        this.fanIns.set(loop, byTask);
      }
    }
    for (const n of this.nodes.values()) {
      if (n.type !== "task" || !this.isScaleOut(n.id)) continue;
      for (const b of Object.values(n.inputs)) {
        if (!("taskOutput" in b) || this.isScaleOut(b.taskOutput.task)) continue;
        const outputs = this.keyedOutputs.get(b.taskOutput.task) ?? new Set<string>();
        this.keyedOutputs.set(b.taskOutput.task, outputs.add(b.taskOutput.output));
      }
    }
    this.nested = nestedFanIns(root, this.fanIns, (task, output) => {
      const type = this.outputType(task, output);
      return type !== undefined && isArtifactType(type);
    });
  }

  /** Whether the node is a task calling a scale-out step (a resource template, no pod of Argo's). */
  isScaleOut(taskId: string): boolean {
    const node = this.nodes.get(taskId);
    return node?.type === "task" && scaleOutForm(findComponent(this.ctx.ir, node.component).implementation) !== undefined;
  }

  paramType(name: string): ValueType | undefined {
    return this.params.find((p) => p.name === name)?.type;
  }

  outputType(taskId: string, output: string): ValueType | undefined {
    const node = this.nodes.get(taskId);
    if (node?.type === "task") return findComponent(this.ctx.ir, node.component).outputs.find((o) => o.name === output)?.type;
    if (node?.type === "subPipeline") return findSubPipeline(this.ctx.ir, node.pipeline).outputs.find((o) => o.name === output)?.type;
    return undefined;
  }
}
