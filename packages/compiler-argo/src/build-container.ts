import { type Component, type RunSettings, errorAt, isArtifactType, nodeSelectorWithGpu, podImplementation } from "@sluice/core/backend";
import { OUTPUTS_DIR, inputPath, outputPath, renderArgs } from "./build-args.js";
import { scriptCommand } from "./build-script.js";
import { buildEnv, buildMemoize, buildResources, buildRetry, buildTolerations, buildVolumes } from "./build-settings.js";
import { Codes } from "./codes.js";
import type { BuildContext } from "./context.js";
import { traceLabels } from "./labels.js";
import { paramName } from "./names.js";
import { argoWouldScan } from "./route-strings.js";
import type { Artifact, Container, Parameter, Template } from "./types.js";
import { literalText } from "./values.js";

/** What one call of a step adds to its component's template. */
export interface StepVariant {
  /** Inputs whose values are fixed at compile time and must not travel as Argo parameters. */
  folded: ReadonlyMap<string, string>;
  /** Output artifacts collected by a loop: output name -> storage key of this iteration. */
  fanInKeys: ReadonlyMap<string, string>;
  /** Output artifacts a scale-out step reads: output name -> storage key, also exported as a parameter of that name. */
  keyedOutputs?: ReadonlyMap<string, string>;
  settings: RunSettings;
  span: string;
}

/**
 * A container or script template for a component. Inputs are parameters (values) and
 * artifacts (downloaded to /sluice/inputs/<name>); outputs are read from /sluice/outputs/<name>,
 * an emptyDir so that the folder exists for the step to write into.
 */
export function buildStepTemplate(ctx: BuildContext, component: Component, name: string, v: StepVariant): Template {
  const routed = ctx.strings.forTemplate();
  const impl = podImplementation(component);
  const args = renderArgs("container" in impl ? impl.container.args : impl.script.args, v.folded, routed);
  const env = buildEnv(v.settings.env, routed);
  const { volumes, mounts } = buildVolumes(v.settings.volumes);
  if (component.outputs.length) {
    volumes.push({ name: "sluice-outputs", emptyDir: {} });
    mounts.push({ name: "sluice-outputs", mountPath: OUTPUTS_DIR });
  }
  if (argoWouldScan(component.image)) ctx.report(errorAt(Codes.unroutableString, `the image name of "${component.name}" contains "{{", which Argo would evaluate`, component.span));
  const container: Container = { image: component.image };
  let script: string | undefined;
  if ("container" in impl) {
    container.command = renderArgs(impl.container.command, v.folded, routed);
  } else if (argoWouldScan(impl.script.source)) {
    container.command = [...scriptCommand(impl.script.language), routed.scriptFile(impl.script.source)];
  } else {
    container.command = scriptCommand(impl.script.language);
    script = impl.script.source;
  }
  if (args.length) container.args = args;
  const allEnv = [...routed.env, ...env];
  if (allEnv.length) container.env = allEnv;
  const resources = buildResources(v.settings.resources);
  if (resources) container.resources = resources;
  const allMounts = [...mounts, ...routed.mounts];
  if (allMounts.length) container.volumeMounts = allMounts;

  const t: Template = { name, metadata: stepMetadata(ctx, component, v, routed.annotations) };
  const inputs = stepInputs(component, v);
  if (inputs.parameters || inputs.artifacts) t.inputs = inputs;
  const outputs = stepOutputs(component, v);
  if (outputs.parameters || outputs.artifacts) t.outputs = outputs;
  if (script !== undefined) t.script = { ...container, source: script };
  else t.container = container;
  const allVolumes = [...volumes, ...routed.volumes];
  if (allVolumes.length) t.volumes = allVolumes;
  const nodeSelector = nodeSelectorWithGpu(v.settings, ctx.options.gpuNodeLabel);
  if (nodeSelector) t.nodeSelector = nodeSelector;
  const tolerations = buildTolerations(v.settings.tolerations);
  if (tolerations) t.tolerations = tolerations;
  const retry = buildRetry(ctx, v.settings.retry, v.span);
  if (retry) t.retryStrategy = retry;
  if (v.settings.timeoutSeconds) t.activeDeadlineSeconds = String(v.settings.timeoutSeconds);
  if (v.settings.cache) t.memoize = buildMemoize(ctx, component, t, v.span);
  return t;
}

function stepMetadata(ctx: BuildContext, component: Component, v: StepVariant, inputAnnotations: Record<string, string>): Template["metadata"] {
  const user = v.settings.annotations ?? {};
  for (const [k, value] of Object.entries(user)) {
    if (argoWouldScan(value)) ctx.report(errorAt(Codes.unroutableString, `annotation "${k}" contains "{{", which Argo would evaluate in pod metadata`, v.span));
  }
  const annotations = { ...user, ...inputAnnotations };
  return {
    labels: { ...(v.settings.labels ?? {}), ...traceLabels(ctx.ir, component.kind) },
    ...(Object.keys(annotations).length ? { annotations } : {}),
  };
}

function stepInputs(component: Component, v: StepVariant) {
  const parameters: Parameter[] = [];
  const artifacts: Artifact[] = [];
  for (const input of component.inputs) {
    const name = paramName(input.name);
    if (isArtifactType(input.type)) {
      artifacts.push({ name, path: inputPath(input.name), ...(input.optional ? { optional: true } : {}) });
      continue;
    }
    if (v.folded.has(input.name)) continue;
    const p: Parameter = { name };
    const dflt = input.default !== undefined ? literalText(input.default) : input.optional ? "" : undefined;
    // A default Argo would rewrite is not declared: every call that relies on it folds it instead.
    if (dflt !== undefined && !needsFolding(dflt)) p.default = dflt;
    if (input.enum) p.enum = input.enum.map(literalText);
    if (input.description) p.description = input.description;
    parameters.push(p);
  }
  return { ...(parameters.length ? { parameters } : {}), ...(artifacts.length ? { artifacts } : {}) };
}

function stepOutputs(component: Component, v: StepVariant) {
  const parameters: Parameter[] = [];
  const artifacts: Artifact[] = [];
  for (const output of component.outputs) {
    const name = paramName(output.name);
    if (!isArtifactType(output.type)) {
      parameters.push({ name, valueFrom: { path: outputPath(output.name) } });
      continue;
    }
    const key = v.fanInKeys.get(output.name) ?? v.keyedOutputs?.get(output.name);
    // A fan-in output is stored unarchived under its loop's prefix (see fan-in.ts); one a
    // scale-out step reads, under a key the step is told through the parameter (build-scale-out.ts).
    artifacts.push({ name, path: outputPath(output.name), ...(key ? { s3: { key }, archive: { none: {} } } : {}) });
    if (key && v.keyedOutputs?.has(output.name)) parameters.push({ name, value: key });
  }
  return { ...(parameters.length ? { parameters } : {}), ...(artifacts.length ? { artifacts } : {}) };
}

/**
 * A value that must not travel as an Argo parameter: Argo would evaluate its `{{`. (A `$` is
 * safe there: parameter values reach args through a pod annotation, never expanded.)
 */
export function needsFolding(value: string): boolean {
  return argoWouldScan(value);
}
