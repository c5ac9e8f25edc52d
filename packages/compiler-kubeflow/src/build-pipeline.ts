/**
 * The whole IR as a KFP PipelineSpec plus, for the Kubernetes settings, kfp-kubernetes'
 * PlatformSpec. Builds typed objects only; serialize.ts writes them.
 */
import { allNodes, displayNameFor, errorAt, findCollisions, settingSpan } from "@sluice/core/backend";
import type { Node, Pipeline } from "@sluice/core/backend";
import { buildBody } from "./build-body.js";
import { Codes } from "./codes.js";
import { newContext, type BuildContext } from "./context.js";
import { kfpPipelineName, kfpTaskName } from "./names.js";
import { holdsLauncherSyntax, valueWarning } from "./value-warnings.js";
import type { KubeflowOptions } from "./options.js";
import type { PipelineSpec, PlatformSpec } from "./types.js";

/** The version of the KFP pipeline spec schema kfp 2.17 writes. */
export const SCHEMA_VERSION = "2.1.0";
export const SDK_VERSION = "sluice-0.1.0";

export function buildPipeline(ir: Pipeline, options: KubeflowOptions): { spec: PipelineSpec; platform: PlatformSpec; ctx: BuildContext } {
  const ctx = newContext(ir, options);
  checkTaskNames(ctx, ir.spec.root);
  for (const sub of ir.spec.subPipelines) checkTaskNames(ctx, sub.root);
  reportPodSettings(ctx);

  const span = settingSpan(ir);
  const root = buildBody(ctx, { params: ir.spec.params, outputs: ir.spec.outputs, root: ir.spec.root, span });
  const spec: PipelineSpec = {
    components: ctx.components,
    ...(options.pipelineRoot ? { defaultPipelineRoot: options.pipelineRoot } : {}),
    deploymentSpec: { executors: ctx.executors },
    pipelineInfo: {
      ...(ir.metadata.description ? { description: ir.metadata.description } : {}),
      ...displayField(displayNameFor(ir.metadata.name, kfpPipelineName(ir.metadata.name), ir.metadata.displayName)),
      name: kfpPipelineName(ir.metadata.name),
    },
    root,
    schemaVersion: SCHEMA_VERSION,
    sdkVersion: SDK_VERSION,
  };
  const platform: PlatformSpec = { platforms: { kubernetes: { deploymentSpec: { executors: ctx.platform } } } };
  return { spec, platform, ctx };
}

function displayField(displayName: string | undefined): { displayName?: string } {
  return displayName ? { displayName } : {};
}

/** Task names must stay unique after sanitizing, within each pipeline body. */
function checkTaskNames(ctx: BuildContext, body: Node[]): void {
  const nodes = allNodes(body);
  const named = [...nodes, ...nodes.flatMap((n) => (n.type === "condition" && n.branches.length > 1 ? n.branches : []))];
  const pairs = named.map((n) => ({ original: n.id, sanitized: kfpTaskName(n.id) }));
  for (const c of findCollisions(pairs)) {
    const second = named.find((n) => n.id === c.originals[1]);
    ctx.diagnostics.push(errorAt(Codes.taskNameCollision, `ids ${c.originals.map((o) => JSON.stringify(o)).join(" and ")} both become the KFP task name "${c.sanitized}"`, second?.span, "rename one of them"));
  }
}

/** Pipeline defaults KFP keeps outside the pipeline spec: said, never dropped silently. */
function reportPodSettings(ctx: BuildContext): void {
  const d = ctx.ir.spec.defaults;
  if (d.serviceAccount) ctx.diagnostics.push({ ...errorAt(Codes.serviceAccount, `KFP sets the service account per run; pass "${d.serviceAccount}" when the run is created (the run API's service_account)`, settingSpan(ctx.ir, "defaults.serviceAccount")), severity: "warning" });
  for (const p of [...ctx.ir.spec.params, ...ctx.ir.spec.subPipelines.flatMap((s) => s.params)]) {
    if (holdsLauncherSyntax(p.default)) ctx.diagnostics.push(valueWarning(`the default of param "${p.name}"`, p.span));
  }
  if (d.parallelism) ctx.diagnostics.push({ ...errorAt(Codes.runParallelism, `KFP has no limit on the tasks running at once in a run; defaults.parallelism (${d.parallelism}) bounds each loop's iterations instead`, settingSpan(ctx.ir, "defaults.parallelism")), severity: "warning" });
}
