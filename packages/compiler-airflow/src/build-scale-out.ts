import {
  type ArgRef,
  type Component,
  type RunSettings,
  type TaskNode,
  argResolver,
  buildScaleOutResource,
  dns1123Label,
  kubernetesExpandedFields,
  scaleOutForm,
  TERMINAL_STATES,
  unsupportedSettings,
} from "@sluice/core/backend";
import { type ArgMode, artifactUriExpr } from "./build-args.js";
import type { BuildContext } from "./build-context.js";
import { sluiceAnnotations, sluiceLabels } from "./build-settings.js";
import { literalText, type Value } from "./build-values.js";
import { AirflowCodes, warningAt } from "./diagnostics.js";
import { jinjaStr } from "./python.js";
import { RuntimeTokens } from "./resource-py.js";
import type { Kwarg, PyValue } from "./view-model.js";

/**
 * The resource's metadata.name before the operator makes it unique (SparkKubernetesOperator adds
 * a random suffix, CustomResourceOperator asks for `generateName`, 5 more characters). 41 keeps
 * the result within KubeRay's 47-character RayJob names, the shortest limit of the three engines.
 */
const RESOURCE_NAME_BUDGET = 41;

/** A resolved value as Jinja text, or undefined when it is known when compiling (then it is `lit`). */
function valueExpr(v: Value): string | undefined {
  if ("lit" in v) return undefined;
  if ("expr" in v) return v.expr;
  if (v.concat.every((p) => valueExpr(p) === undefined)) return undefined;
  return v.concat.map((p) => (valueExpr(p) === undefined ? jinjaStr(valueText(p)) : `(${valueExpr(p)})`)).join(" ~ ");
}

function valueText(v: Value): string {
  if ("lit" in v) return literalText(v.lit);
  if ("concat" in v) return v.concat.map(valueText).join("");
  throw new Error("internal: a run-time value has no compile-time text");
}

/**
 * How each reference of the form reads on Airflow: a value or an input artifact's URI (both what
 * the upstream XCom or param holds), or the URI the job writes an output artifact to. Values known
 * when compiling are written as text; the rest become tokens for RuntimeTokens.
 */
function refResolver(inputs: Map<string, Value>, mode: ArgMode, tokens: RuntimeTokens): (ref: ArgRef) => string {
  return (ref) => {
    if ("outputPath" in ref) return tokens.token(artifactUriExpr(ref.outputPath, mode));
    const v = inputs.get("inputValue" in ref ? ref.inputValue : ref.inputPath);
    // An optional input with no value: the builder writes an empty word.
    if (v === undefined) return "";
    const expr = valueExpr(v);
    return expr === undefined ? valueText(v) : tokens.token(expr);
  };
}

function statusOutputsOf(component: Component): Record<string, string> | undefined {
  const impl = component.implementation;
  if ("sparkJob" in impl) return impl.sparkJob.statusOutputs;
  if ("trainJob" in impl) return impl.trainJob.statusOutputs;
  if ("rayJob" in impl) return impl.rayJob.statusOutputs;
  return undefined;
}

/** The artifact outputs' URIs, as the task returns them (templated, like the resource). */
function artifactOutputs(component: Component, mode: ArgMode): [string, PyValue][] {
  return component.outputs
    .filter((o) => o.type.category === "artifact" || o.type.category === "artifactList")
    .map((o) => [o.name, { kind: "template", value: `{{ ${artifactUriExpr(o.name, mode)} }}` }]);
}

/**
 * A scale-out step: the shared builder's custom resource, created and waited for by
 * SparkApplicationOperator (Spark, through the provider's SparkKubernetesOperator) or
 * CustomResourceOperator (TrainJob, RayJob); both templates live in templates/.
 */
export function scaleOutStep(ctx: BuildContext, node: TaskNode, component: Component, inputs: Map<string, Value>, mode: ArgMode, settings: RunSettings): { className: string; kwargs: Kwarg[] } {
  const form = scaleOutForm(component.implementation)!;
  // The shared builder has no field for image pull secrets on any form (pods get them, SLU4014 aside).
  const skipped = [...unsupportedSettings(form, settings), ...(ctx.ir.spec.defaults.imagePullSecrets?.length ? ["imagePullSecrets"] : [])];
  if (skipped.length) ctx.diagnostics.push(warningAt(AirflowCodes.scaleOutIgnores, `the ${form} resource of ${node.id} has no field for: ${skipped.join(", ")}; they are not applied`, node.span));
  const tokens = new RuntimeTokens(JSON.stringify(component));
  const d = ctx.ir.spec.defaults;
  const resource = buildScaleOutResource(component, argResolver(refResolver(inputs, mode, tokens)), {
    name: dns1123Label(mode.fullId, RESOURCE_NAME_BUDGET),
    ...(ctx.options.namespace ? { namespace: ctx.options.namespace } : {}),
    settings,
    labels: sluiceLabels(ctx, component),
    annotations: sluiceAnnotations(ctx),
    ...(d.serviceAccount ? { serviceAccount: d.serviceAccount } : {}),
    gpuNodeLabel: ctx.options.gpuNodeLabel,
  })!;
  const kwargs: Kwarg[] = [];
  const spark = form === "sparkJob";
  kwargs.push([spark ? "template_spec" : "resource", tokens.toPy(resource, { shellQuoted: form === "rayJob" ? ["spec.entrypoint"] : [], expanded: kubernetesExpandedFields(component) })]);
  kwargs.push(["done", { kind: "json", value: JSON.parse(JSON.stringify(TERMINAL_STATES[form])) }]);
  const statusOutputs = statusOutputsOf(component);
  if (statusOutputs && Object.keys(statusOutputs).length) kwargs.push(["status_outputs", { kind: "json", value: statusOutputs }]);
  const artifacts = artifactOutputs(component, mode);
  if (artifacts.length) kwargs.push(["artifact_outputs", { kind: "dict", entries: artifacts }]);
  if (ctx.options.namespace) kwargs.push(["namespace", { kind: "str", value: ctx.options.namespace }]);
  ctx.helpers.resourceWait = true;
  if (spark) {
    ctx.helpers.sparkApplication = true;
    return { className: "SparkApplicationOperator", kwargs };
  }
  ctx.helpers.customResource = true;
  return { className: "CustomResourceOperator", kwargs };
}
