import { type ArgRef, type Component, type ScaleOutForm, TERMINAL_STATES, errorAt, getOwn, isArtifactType, scaleOutForm, statusJsonPath, unsupportedSettings } from "@sluice/core/backend";
import { type StepVariant, needsFolding } from "./build-container.js";
import { buildRetry } from "./build-settings.js";
import { Codes } from "./codes.js";
import type { BuildContext } from "./context.js";
import { warningAt } from "./diagnostics.js";
import { traceLabels } from "./labels.js";
import { paramName, templateName } from "./names.js";
import { exprString } from "./build-when.js";
import { type ManifestRef, renderManifest } from "./scale-out-manifest.js";
import type { Parameter, Template } from "./types.js";
import { literalText } from "./values.js";

/**
 * A scale-out step (sparkJob, trainJob, rayJob) as an Argo `resource` template: Argo creates the
 * custom resource the shared builder made (owned by the workflow, so it is deleted with it),
 * waits for its terminal state, and reads param outputs from its status (docs/scale-out.md).
 *
 * Artifacts: the job's pods are not Argo's, so no Argo artifact driver runs in them; the job
 * reads and writes the artifact repository itself. An artifact output is written to
 * `s3://<artifactBucket>/<key>`, the key (`sluice/<workflow uid>/<pod name>/<output>`, unique per
 * run, retry and loop iteration) is the template's output parameter of the same name, and a
 * consumer reads it as a key-only artifact (scope.ts). An artifact input is a parameter carrying
 * that key.
 */
export function buildScaleOutTemplate(ctx: BuildContext, component: Component, name: string, v: StepVariant): Template {
  const form = scaleOutForm(component.implementation)!;
  for (const setting of unsupportedSettings(form, v.settings)) {
    ctx.report(warningAt(Codes.settingNotExpressible, `step "${component.name}": a ${form} has no field for ${setting}; it is not applied`, v.span));
  }
  if (v.settings.cache) ctx.report(warningAt(Codes.settingNotExpressible, `step "${component.name}": a scale-out step is not cached on Argo (memoize keys a pod's outputs; the job's artifacts live outside Argo)`, v.span));

  const bucket = ctx.options.artifactBucket;
  const outputKey = (output: string) => v.fanInKeys.get(output) ?? `sluice/{{workflow.uid}}/{{pod.name}}/${paramName(output)}`;
  const refOf = (ref: ArgRef): ManifestRef => {
    if ("inputValue" in ref) {
      const folded = v.folded.get(ref.inputValue);
      return folded !== undefined ? { text: folded } : { expr: `inputs.parameters['${paramName(ref.inputValue)}']` };
    }
    if ("inputPath" in ref) return { expr: `${exprString(`s3://${bucket}/`)} + inputs.parameters['${paramName(ref.inputPath)}']` };
    return { expr: keyExpr(`s3://${bucket}/`, outputKey(ref.outputPath)) };
  };
  const meta = {
    name: templateName(component.name).slice(0, 40).replace(/-+$/, ""),
    ...(ctx.options.namespace ? { namespace: ctx.options.namespace } : {}),
    settings: v.settings,
    labels: traceLabels(ctx.ir, component.kind),
    ...(ctx.ir.spec.defaults.serviceAccount ? { serviceAccount: ctx.ir.spec.defaults.serviceAccount } : {}),
    gpuNodeLabel: ctx.options.gpuNodeLabel,
  };
  const rendered = renderManifest(component, meta, refOf, form === "rayJob" ? ["spec.entrypoint"] : []);
  for (const text of rendered.unroutable) {
    ctx.report(errorAt(Codes.unroutableString, `step "${component.name}": ${JSON.stringify(text)} in its ${rendered.resource.kind} contains "{{", which Argo would evaluate in the manifest`, v.span, "Argo has no escape for it: pass the text as an input, or write it without \"{{\""));
  }

  const t: Template = { name, metadata: { labels: { ...(v.settings.labels ?? {}), ...traceLabels(ctx.ir, component.kind) } } };
  const parameters: Parameter[] = [];
  for (const input of component.inputs) {
    if (v.folded.has(input.name)) continue;
    const p: Parameter = { name: paramName(input.name) };
    const dflt = isArtifactType(input.type) ? undefined : input.default !== undefined ? literalText(input.default) : input.optional ? "" : undefined;
    if (dflt !== undefined && !needsFolding(dflt)) p.default = dflt;
    if (input.enum) p.enum = input.enum.map(literalText);
    if (input.description) p.description = input.description;
    parameters.push(p);
  }
  if (parameters.length) t.inputs = { parameters };
  const outputs = scaleOutOutputs(ctx, component, outputKey);
  if (outputs.length) t.outputs = { parameters: outputs };
  t.resource = { action: "create", setOwnerReference: true, ...conditions(form), manifest: rendered.manifest };
  const retry = buildRetry(ctx, v.settings.retry, v.span);
  if (retry) t.retryStrategy = retry;
  if (v.settings.timeoutSeconds) t.activeDeadlineSeconds = String(v.settings.timeoutSeconds);
  return t;
}

/** Artifact outputs as their storage keys (a plain value Argo substitutes); params from the resource's status. */
function scaleOutOutputs(ctx: BuildContext, component: Component, outputKey: (o: string) => string): Parameter[] {
  const impl = component.implementation;
  const status = ("sparkJob" in impl ? impl.sparkJob.statusOutputs : "trainJob" in impl ? impl.trainJob.statusOutputs : "rayJob" in impl ? impl.rayJob.statusOutputs : undefined) ?? {};
  return component.outputs.map((o) => {
    if (isArtifactType(o.type)) return { name: paramName(o.name), value: outputKey(o.name) };
    const path = getOwn(status, o.name);
    if (path === undefined) ctx.report(errorAt(Codes.unsupportedBinding, `output "${o.name}" of "${component.name}" has no status path to read it from`, component.span));
    return { name: paramName(o.name), valueFrom: { jsonPath: statusJsonPath(path ?? "status") } };
  });
}

/**
 * TERMINAL_STATES as Argo's conditions, which are label selectors over field paths (gjson) of
 * the resource. A selector key can only be a path of names and indexes (argoproj/argo-workflows
 * #7143), so a TrainJob's conditions are read by position: Trainer v2.3 puts the terminal
 * condition first unless a queue suspended the job, which adds `Suspended` before it. Failure is
 * checked at both positions (Argo fails on any failure requirement); success at the first only.
 */
function conditions(form: ScaleOutForm): { successCondition: string; failureCondition: string } {
  const t = TERMINAL_STATES[form];
  if ("field" in t) return { successCondition: selector(t.field, t.success), failureCondition: selector(t.field, t.failure) };
  return {
    successCondition: `status.conditions.0.type == ${t.condition.success}`,
    failureCondition: `status.conditions.0.type == ${t.condition.failure}, status.conditions.1.type == ${t.condition.failure}`,
  };
}

function selector(field: string, values: readonly string[]): string {
  return values.length === 1 ? `${field} == ${values[0]}` : `${field} in (${values.join(", ")})`;
}

/** `prefix` + a key holding `{{workflow.uid}}` and `{{pod.name}}`, as an expression. */
function keyExpr(prefix: string, key: string): string {
  // Split with a capture group: even indexes are text, odd ones the variables' names.
  const parts = (prefix + key).split(/\{\{(workflow\.uid|pod\.name)\}\}/);
  return parts.flatMap((p, i) => (i % 2 === 1 ? [p] : p ? [exprString(p)] : [])).join(" + ");
}
