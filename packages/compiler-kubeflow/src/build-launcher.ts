/**
 * A scale-out step (sparkJob, trainJob, rayJob) as KFP users run one today: a launcher container
 * that creates the custom resource, waits for its terminal state and writes the results to KFP's
 * output files (docs/targets/kubeflow.md, "Scale-out steps").
 *
 * The manifest comes from the shared builder (never re-built here), with each reference written
 * as a marker `{{sluice:KEY}}`. The launcher gets the manifest as one JSON arg and, as further args,
 * pairs KEY PLACEHOLDER that KFP's launcher fills in (input values, artifact URIs, output
 * parameter files); the program (templates/launch-resource.py) then puts each value in place in one
 * pass, JSON-safe, instead of KFP splicing raw values into JSON text.
 */
import { readFileSync } from "node:fs";
import type { ArgRef, Component, RunSettings, ScaleOutForm } from "@sluice/core/backend";
import { TERMINAL_STATES, argResolver, buildScaleOutResource, dns1123Label, errorAt, kubernetesExpandedFields, scaleOutForm, unsupportedSettings } from "@sluice/core/backend";
import type { ExecutorRequest } from "./build-executor.js";
import { Codes } from "./codes.js";
import type { BuildContext } from "./context.js";
import { escapeKubernetesVars, inputValue, launcherKeys, outputParameterFile, unexpectedKeys } from "./placeholders.js";
import type { ComponentSpec, ContainerSpec } from "./types.js";

const PROGRAM = readFileSync(new URL("../templates/launch-resource.py", import.meta.url), "utf8");

/** The client the program imports, installed at start when the image lacks it (as kfp's lightweight components install theirs). */
export const KUBERNETES_CLIENT = "kubernetes==30.1.0";
const BOOT = [
  `python3 -c 'import kubernetes' 2>/dev/null || PIP_DISABLE_PIP_VERSION_CHECK=1 python3 -m pip install --quiet --no-warn-script-location '${KUBERNETES_CLIENT}'`,
  `exec python3 -c "$0" "$@"`,
  "",
].join("\n");

/** The resource collection each kind is created in (the CRDs' spec.names.plural). */
const PLURALS: Record<string, string> = { SparkApplication: "sparkapplications", TrainJob: "trainjobs", RayJob: "rayjobs" };

/** Fields the builder joins into one shell line (buildRayJob's entrypoint, via shellJoin). */
const SHELL_QUOTED: Record<ScaleOutForm, string[]> = { sparkJob: [], trainJob: [], rayJob: ["spec.entrypoint"] };

const MARKER_PREFIX = "{{sluice:";
const marker = (key: string) => `${MARKER_PREFIX}${key}}}`;
const inputUri = (name: string) => `{{$.inputs.artifacts['${name}'].uri}}`;
const outputUri = (name: string) => `{{$.outputs.artifacts['${name}'].uri}}`;

type Io = Pick<ComponentSpec, "inputDefinitions" | "outputDefinitions">;

export function launcherContainer(ctx: BuildContext, req: ExecutorRequest, io: Io, kfpName: (n: string) => string): ContainerSpec {
  const { component } = req;
  const form = scaleOutForm(component.implementation)!;
  const fail = (reason: string) => ctx.diagnostics.push(errorAt(Codes.scaleOutNotExpressible, `step "${component.name}": ${reason}`, req.span));
  const values = new Map<string, string>();
  const use = (key: string, placeholder: string) => (values.set(key, placeholder), marker(key));
  const resolveRef = (ref: ArgRef): string => {
    if ("inputValue" in ref) {
      const pieces = req.inlined.get(ref.inputValue);
      if (pieces) return pieces.map((p) => ("text" in p ? p.text : use(`inputs.${kfpName(p.input)}`, inputValue(kfpName(p.input))))).join("");
      if (isArtifact(component, ref.inputValue)) return (fail(`inputValue of artifact input "${ref.inputValue}"; use its URI (inputs.x as a path)`), "");
      return use(`inputs.${kfpName(ref.inputValue)}`, inputValue(kfpName(ref.inputValue)));
    }
    if ("inputPath" in ref) {
      const input = component.inputs.find((i) => i.name === ref.inputPath);
      if (input?.type.category === "artifactList" && !req.gathered.has(ref.inputPath)) return (fail(`the list of artifacts "${ref.inputPath}" has nothing bound to it, so it has no URI`), "");
      if (!isArtifact(component, ref.inputPath)) return (fail(`inputPath of parameter input "${ref.inputPath}"`), "");
      return use(`inputs.${kfpName(ref.inputPath)}.uri`, inputUri(kfpName(ref.inputPath)));
    }
    const output = component.outputs.find((o) => o.name === ref.outputPath);
    if (output?.type.category !== "artifact") return (fail(`outputs.${ref.outputPath}.path: only an artifact output has a location the job can write; a parameter comes from the resource status (statusOutputs)`), "");
    return use(`outputs.${ref.outputPath}.uri`, outputUri(ref.outputPath));
  };
  const meta = scaleOutMeta(ctx, component, req.settings);
  const resource = buildScaleOutResource(component, argResolver(resolveRef), meta)!;
  checkText(ctx, req, io, component, meta);

  for (const setting of unsupportedSettings(form, req.settings))
    ctx.diagnostics.push({ ...errorAt(Codes.scaleOutSettingDropped, `step "${component.name}": a ${form} has no field for ${setting}; it is not applied`, req.span), severity: "warning" });
  const statusOutputs = statusOutputsOf(component);
  for (const name of Object.keys(statusOutputs)) values.set(`outputs.${name}.file`, outputParameterFile(name));

  const spec = { resource, plural: PLURALS[resource.kind], done: TERMINAL_STATES[form], outputs: statusOutputs, shellQuoted: SHELL_QUOTED[form], expanded: kubernetesExpandedFields(component) };
  return {
    args: [escapeKubernetesVars(JSON.stringify(spec, null, 2)), ...[...values].flat()],
    command: ["sh", "-ec", BOOT, escapeKubernetesVars(PROGRAM)],
    image: ctx.options.launcherImage,
  };
}

/** Name, labels and pod settings of the resource; the launcher picks a fresh name per attempt (generateName). */
function scaleOutMeta(ctx: BuildContext, component: Component, settings: RunSettings) {
  const annotations: Record<string, string> = { "sluice.dev/ir-hash": ctx.ir.metadata.hash, ...(ctx.ir.metadata.git ? { "sluice.dev/git-commit": ctx.ir.metadata.git.commit } : {}) };
  return {
    name: dns1123Label(component.name, 57),
    settings,
    labels: { "sluice.dev/step-kind": component.kind },
    annotations,
    ...(ctx.ir.spec.defaults.serviceAccount ? { serviceAccount: ctx.ir.spec.defaults.serviceAccount } : {}),
    gpuNodeLabel: ctx.options.gpuNodeLabel,
  };
}

/**
 * User text in the manifest must reach the engine as written: no marker syntax the program would
 * replace (SLU3050), no key the KFP launcher would replace in the arg (SLU3101). Checked on the
 * manifest built with every reference empty, so only the user's own text is looked at.
 */
function checkText(ctx: BuildContext, req: ExecutorRequest, io: Io, component: Component, meta: ReturnType<typeof scaleOutMeta>): void {
  const empty = argResolver(() => "");
  const literal = req.inlined.size ? withInlinedText(req) : empty;
  const text = JSON.stringify(buildScaleOutResource(component, literal, meta));
  if (text.includes(MARKER_PREFIX)) ctx.diagnostics.push(errorAt(Codes.scaleOutNotExpressible, `step "${component.name}": its text contains "${MARKER_PREFIX}", which the Kubeflow launcher reads as a reference`, component.span, "write the text without it, or pass it as a pipeline parameter"));
  const keys = launcherKeys({
    inputParameters: Object.keys(io.inputDefinitions?.parameters ?? {}),
    inputArtifacts: Object.keys(io.inputDefinitions?.artifacts ?? {}),
    outputParameters: Object.keys(io.outputDefinitions?.parameters ?? {}),
    outputArtifacts: Object.keys(io.outputDefinitions?.artifacts ?? {}),
  });
  const clashes = unexpectedKeys(text, [], keys);
  if (clashes.length) ctx.diagnostics.push(errorAt(Codes.launcherPlaceholderInText, `step "${component.name}": its text contains ${clashes.join(", ")}, which the KFP launcher would replace`, component.span, "rename the input or output it names, or pass the text as a pipeline parameter"));
}

/** The literal text of inlined inputs (templates bound by the task), references left empty. */
function withInlinedText(req: ExecutorRequest) {
  return argResolver((ref) => ("inputValue" in ref ? (req.inlined.get(ref.inputValue) ?? []).map((p) => ("text" in p ? p.text : "")).join("") : ""));
}

function statusOutputsOf(component: Component): Record<string, string> {
  const impl = component.implementation;
  const form = "sparkJob" in impl ? impl.sparkJob : "trainJob" in impl ? impl.trainJob : "rayJob" in impl ? impl.rayJob : undefined;
  return form?.statusOutputs ?? {};
}

function isArtifact(component: Component, name: string): boolean {
  const c = component.inputs.find((i) => i.name === name)?.type.category;
  return c === "artifact" || c === "artifactList";
}
