import { displayNameFor, errorAt, isArtifactType, settingSpan } from "@sluice/core/backend";
import { buildPipelineTemplate } from "./build-sub-pipeline.js";
import { Codes } from "./codes.js";
import type { BuildContext } from "./context.js";
import { warningAt } from "./diagnostics.js";
import { traceAnnotations, traceLabels } from "./labels.js";
import { cronWorkflowName, generateNamePrefix, paramName, templateName } from "./names.js";
import { argoWouldScan } from "./route-strings.js";
import { reportSizeLimits } from "./size-limits.js";
import type { ConfigMap, CronWorkflow, ObjectMeta, Parameter, Workflow, WorkflowSpec } from "./types.js";
import { literalText } from "./values.js";

/**
 * The top-level object: a Workflow (generateName, so each submission is a new run), a
 * WorkflowTemplate (`kind: template`), or a CronWorkflow when the pipeline has a schedule.
 * The entrypoint is the top pipeline's DAG template; its inputs are the workflow arguments.
 */
export function buildWorkflow(ctx: BuildContext): { main: Workflow | CronWorkflow; configMap?: ConfigMap } {
  const ir = ctx.ir;
  const entry = buildPipelineTemplate(ctx, { name: ir.metadata.name, params: ir.spec.params, outputs: ir.spec.outputs, root: ir.spec.root, span: settingSpan(ir) }, "", false);
  const templates = [entry, ...[...ctx.templates.values()].filter((t) => t.name !== entry.name)];
  reportSizeLimits(ctx, templates);
  // templates are assigned last so that they come last in the output.
  const spec = { entrypoint: entry.name } as WorkflowSpec;
  const parameters = workflowParameters(ctx);
  if (parameters.length) spec.arguments = { parameters };
  const d = ir.spec.defaults;
  if (d.serviceAccount) spec.serviceAccountName = d.serviceAccount;
  if (d.imagePullSecrets?.length) spec.imagePullSecrets = d.imagePullSecrets.map((name) => ({ name }));
  if (d.parallelism) spec.parallelism = d.parallelism;
  const repo = ctx.options.artifactRepositoryRef;
  if (repo) {
    const [configMap, key] = repo.includes("/") ? repo.split("/") : [undefined, repo];
    spec.artifactRepositoryRef = { ...(configMap ? { configMap } : {}), key: key! };
  }
  const labels = traceLabels(ir);
  // Argo's UI shows the title annotation in place of the object's name: the user's name goes there.
  const title = displayNameFor(ir.metadata.name, templateName(ir.metadata.name), ir.metadata.displayName);
  const annotations = {
    ...traceAnnotations(ir),
    ...(title !== undefined ? { "workflows.argoproj.io/title": title } : {}),
    ...(ir.metadata.description ? { "workflows.argoproj.io/description": ir.metadata.description } : {}),
  };
  const kind = ctx.options.kind;
  if (kind !== "workflow" || ir.spec.schedule) spec.workflowMetadata = { labels };
  spec.templates = templates;
  const ns = ctx.options.namespace ? { namespace: ctx.options.namespace } : {};
  const configMap = ctx.strings.finish({ ...ns, labels });

  if (ir.spec.schedule && kind === "template") {
    ctx.report(warningAt(Codes.scheduleIgnored, "the schedule is not part of a WorkflowTemplate; compile without --argo-kind template to get a CronWorkflow", settingSpan(ir, "schedule")));
  }
  if (ir.spec.schedule && kind !== "template") {
    const s = ir.spec.schedule;
    if (s.catchup) ctx.report(warningAt(Codes.settingNotExpressible, "Argo CronWorkflows do not run missed schedules (catchup)", settingSpan(ir, "schedule.catchup")));
    const metadata: ObjectMeta = { name: cronWorkflowName(ir.metadata.name), ...ns, labels, annotations };
    const cron: CronWorkflow = {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "CronWorkflow",
      metadata,
      spec: { schedules: [s.cron], ...(s.timezone ? { timezone: s.timezone } : {}), concurrencyPolicy: s.concurrencyPolicy ?? "Forbid", workflowMetadata: spec.workflowMetadata, workflowSpec: { ...spec, workflowMetadata: undefined } as WorkflowSpec },
    };
    return { main: cron, ...(configMap ? { configMap } : {}) };
  }
  const metadata: ObjectMeta = kind === "template" ? { name: templateName(ir.metadata.name) } : { generateName: generateNamePrefix(ir.metadata.name) };
  const wf: Workflow = { apiVersion: "argoproj.io/v1alpha1", kind: kind === "template" ? "WorkflowTemplate" : "Workflow", metadata: { ...metadata, ...ns, labels, annotations }, spec };
  return { main: wf, ...(configMap ? { configMap } : {}) };
}

/** Pipeline params as workflow arguments, with their defaults, enums and descriptions. */
function workflowParameters(ctx: BuildContext): Parameter[] {
  const out: Parameter[] = [];
  for (const p of ctx.ir.spec.params) {
    if (isArtifactType(p.type)) {
      ctx.report(errorAt(Codes.topLevelArtifactParam, `param "${p.name}" is an artifact: an Argo workflow argument needs a concrete artifact source`, p.span, "read it inside a step, or pass it to a nested pipeline"));
      continue;
    }
    const param: Parameter = { name: paramName(p.name) };
    if (p.default !== undefined) {
      const text = literalText(p.default);
      if (argoWouldScan(text)) ctx.report(errorAt(Codes.unroutableString, `the default of param "${p.name}" contains "{{", which Argo would evaluate`, p.span, "pass the value when submitting"));
      else param.value = text;
    }
    if (p.enum) param.enum = p.enum.map(literalText);
    if (p.description) param.description = p.description;
    out.push(param);
  }
  return out;
}
