import {
  type Node,
  type PipelineOutput,
  type PipelineParam,
  type SubPipelineNode,
  errorAt,
  findSubPipeline,
  isArtifactType,
  getOwn,
  walkNodes,
} from "@sluice/core/backend";
import { buildDagTemplate } from "./build-dag.js";
import { addArgument, orderedArguments } from "./build-task.js";
import { Codes } from "./codes.js";
import { type BuildContext, PipelineBody } from "./context.js";
import { warningAt } from "./diagnostics.js";
import { paramName, templateName } from "./names.js";
import { argoWouldScan } from "./route-strings.js";
import { DagScope, refText } from "./scope.js";
import type { Arguments, DagTask, Template } from "./types.js";
import { literalText } from "./values.js";

/**
 * The DAG template of a pipeline body (the top pipeline's entrypoint, or a nested pipeline):
 * its params are the template's inputs, its outputs re-export task outputs. Group templates of
 * a nested pipeline are prefixed with its name, so that ids of two bodies never meet.
 */
export function buildPipelineTemplate(
  ctx: BuildContext,
  p: { name: string; params: PipelineParam[]; outputs: PipelineOutput[]; root: Node[]; span: string },
  prefix: string,
  withDefaults: boolean,
  repeated = false,
): Template {
  const name = ctx.templateNames.claim(`pipeline ${p.name}`, pipelineTemplateName(ctx, p.name), p.span);
  const body = new PipelineBody(ctx, prefix, p.params, p.root, repeated);
  const scope = new DagScope(body, p.root, true);
  const t = buildDagTemplate(scope, name, p.root);
  if (withDefaults) {
    for (const param of t.inputs?.parameters ?? []) {
      const decl = p.params.find((x) => paramName(x.name) === param.name);
      if (decl?.default === undefined) continue;
      const text = literalText(decl.default);
      if (argoWouldScan(text)) ctx.report(errorAt(Codes.unroutableString, `the default of param "${decl.name}" contains "{{", which Argo would evaluate`, decl.span));
      else param.default = text;
    }
  }
  const outputs: Arguments = {};
  for (const o of p.outputs) {
    const b = o.from;
    if ("literal" in b || "template" in b) {
      ctx.report(errorAt(Codes.unsupportedBinding, `output "${o.name}" of pipeline "${p.name}" is a constant; Argo outputs re-export task outputs`, p.span));
      continue;
    }
    const ref = scope.resolve(b);
    // An artifact under a key Sluice chose (a scale-out step's, a fan-in) is no task output a DAG can re-export by `from`.
    if (isArtifactType(o.type) && ref.s3Key) ctx.report(errorAt(Codes.unsupportedBinding, `output "${o.name}" of pipeline "${p.name}" is an artifact stored under a key of Sluice's (a scale-out step's output or a fan-in), which an Argo DAG cannot re-export`, p.span, "use it inside the nested pipeline, or return it from a container step"));
    else if (isArtifactType(o.type)) (outputs.artifacts ??= []).push({ name: paramName(o.name), from: refText(ref) });
    else (outputs.parameters ??= []).push({ name: paramName(o.name), valueFrom: { parameter: refText(ref) } });
  }
  if (!outputs.parameters && !outputs.artifacts) return t;
  const { dag, ...head } = t;
  return { ...head, outputs, dag };
}

/** A DAG task calling a nested pipeline's template (built once, whoever calls it). */
export function buildSubPipelineTask(scope: DagScope, node: SubPipelineNode): DagTask {
  const ctx = scope.body.ctx;
  const sub = findSubPipeline(ctx.ir, node.pipeline);
  const name = pipelineTemplateName(ctx, sub.name);
  if (!ctx.templates.has(name)) ctx.addTemplate(buildPipelineTemplate(ctx, sub, `${sub.name}-`, true, runsMoreThanOnce(ctx, sub.name)));
  const settings = Object.keys(node.options ?? {}).filter((k) => k !== "displayName");
  if (settings.length) {
    ctx.report(warningAt(Codes.settingNotExpressible, `Argo applies no per-call settings to a nested pipeline: ${settings.join(", ")} not applied`, node.span, "set them on the steps of the nested pipeline"));
  }
  const args: Arguments = {};
  for (const param of sub.params) {
    const b = getOwn(node.inputs, param.name);
    if (!b) continue;
    if ("literal" in b && argoWouldScan(literalText(b.literal))) {
      ctx.report(errorAt(Codes.unroutableString, `the value passed to "${param.name}" of nested pipeline "${sub.name}" contains "{{", which Argo would evaluate on the way through the nested pipeline`, node.span, "pass it to the steps directly"));
      continue;
    }
    addArgument(scope, args, paramName(param.name), b, node.span);
  }
  return { name: "", template: name, ...(args.parameters || args.artifacts ? { arguments: orderedArguments(args) } : {}) };
}

/**
 * A pipeline's DAG template is named after the pipeline, or `<name>-pipeline` when a step has
 * that name: a pipeline and its main step often share one (`train` calling `train`).
 */
export function pipelineTemplateName(ctx: BuildContext, name: string): string {
  const plain = templateName(name);
  return ctx.ir.spec.components.some((c) => templateName(c.name) === plain) ? templateName(`${name}-pipeline`) : plain;
}

/** A nested pipeline called from two places, or from inside a loop, runs more than once per run. */
function runsMoreThanOnce(ctx: BuildContext, name: string): boolean {
  let calls = 0;
  let inLoop = false;
  for (const body of [ctx.ir.spec.root, ...ctx.ir.spec.subPipelines.map((p) => p.root)]) {
    walkNodes(body, (n, scope) => {
      if (n.type !== "subPipeline" || n.pipeline !== name) return;
      calls++;
      if (scope.some((s) => s.type === "loop")) inLoop = true;
    });
  }
  return calls > 1 || inLoop;
}
