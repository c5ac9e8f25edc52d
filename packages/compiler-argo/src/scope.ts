import { type Binding, type LoopNode, isArtifactType } from "@sluice/core/backend";
import type { PipelineBody } from "./context.js";
import { fanInOutputName, fanInKey } from "./fan-in.js";
import { paramName, taskName } from "./names.js";
import { flattenExpr } from "./nested-fan-in.js";

/** Where a value lives, seen from inside one template: a path like inputs.parameters.x. */
export interface Ref {
  category: "parameter" | "artifact";
  path: string[];
  /** An artifact fan-in: the consumer reads every iteration's file under this storage key. */
  s3Key?: string;
  /** An Argo expression instead of `path` (the flat list of a nested fan-in, nested-fan-in.ts). */
  expression?: string;
}

/** A value a group template receives from the template that calls it. */
export interface External {
  key: string;
  binding: Binding;
  category: "parameter" | "artifact";
  inputName: string;
}

/**
 * The names visible inside one DAG template. Argo templates only see their own inputs and
 * their sibling tasks, so a value from further out (a pipeline param, an outer task's output,
 * an enclosing loop's item) becomes an input of every group template between its source and
 * its use: resolving it here registers it as an External, and the calling template passes it.
 */
export class DagScope {
  readonly externals = new Map<string, External>();
  private readonly localIds: Set<string>;

  constructor(
    readonly body: PipelineBody,
    /** The nodes that are tasks of this DAG. */
    siblings: { id: string }[],
    /** Pipeline-level templates declare every param as an input, under the param's own name. */
    readonly isPipelineLevel: boolean,
    /** When this DAG is a loop's body: `{{item}}` is passed in by the looping task. */
    readonly loop?: LoopNode,
  ) {
    this.localIds = new Set(siblings.map((s) => s.id));
    if (isPipelineLevel) {
      for (const p of body.params) this.external({ param: p.name }, isArtifactType(p.type) ? "artifact" : "parameter", paramName(p.name));
    }
  }

  isLocal(id: string): boolean {
    return this.localIds.has(id);
  }

  /** The reference to a non-literal binding from inside this template. */
  resolve(b: Exclude<Binding, { literal: unknown } | { template: unknown }>): Ref {
    if ("taskOutput" in b && this.isLocal(b.taskOutput.task)) {
      const { task, output } = b.taskOutput;
      const category = this.categoryOf(b);
      // A scale-out step's artifact is stored under the key its output parameter holds (build-scale-out.ts).
      if (category === "artifact" && this.body.isScaleOut(task)) return { category, path: [], s3Key: `{{tasks.${taskKey(task)}.outputs.parameters.${paramName(output)}}}` };
      return { category, path: ["tasks", taskKey(task), "outputs", category === "artifact" ? "artifacts" : "parameters", paramName(output)] };
    }
    if ("collected" in b && this.isLocal(b.collected.loop)) {
      const { loop, task, output } = b.collected;
      if (this.categoryOf(b) === "artifact") return { category: "artifact", path: [], s3Key: fanInKey(this.body, loop, task, output) };
      if (this.body.nested.paths.get(loop)?.has(task)) return { category: "parameter", path: [], expression: flattenExpr(loop, fanInOutputName(task, output)) };
      return { category: "parameter", path: ["tasks", taskKey(loop), "outputs", "parameters", fanInOutputName(task, output)] };
    }
    const ext = this.external(b, this.categoryOf(b));
    return { category: ext.category, path: ["inputs", ext.category === "artifact" ? "artifacts" : "parameters", ext.inputName] };
  }

  private external(b: Binding, category: External["category"], name?: string): External {
    const key = JSON.stringify(b);
    const known = this.externals.get(key);
    if (known) return known;
    let inputName = name ?? paramName(readableName(b));
    const taken = new Set([...this.externals.values()].map((e) => e.inputName));
    for (let i = 2; taken.has(inputName); i++) inputName = `${paramName(readableName(b))}-${i}`;
    const ext = { key, binding: b, category, inputName };
    this.externals.set(key, ext);
    return ext;
  }

  categoryOf(b: Binding): External["category"] {
    const t =
      "param" in b
        ? this.body.paramType(b.param)
        : "taskOutput" in b
          ? this.body.outputType(b.taskOutput.task, b.taskOutput.output)
          : "collected" in b
            ? this.body.outputType(b.collected.task, b.collected.output)
            : undefined;
    return t && isArtifactType(t) ? "artifact" : "parameter";
  }
}

/** DAG task names are the sanitized node ids. */
export function taskKey(id: string): string {
  return taskName(id);
}

function readableName(b: Binding): string {
  if ("param" in b) return b.param;
  if ("taskOutput" in b) return `${b.taskOutput.task}-${b.taskOutput.output}`;
  if ("loopItem" in b) return b.field ? `item-${b.field}` : "item";
  if ("collected" in b) return `${b.collected.loop}-${b.collected.task}-${b.collected.output}`;
  return "value";
}

/** The `{{…}}` text of a reference. */
export function refText(r: Ref): string {
  return r.expression ? `{{=${r.expression}}}` : `{{${r.path.join(".")}}}`;
}
