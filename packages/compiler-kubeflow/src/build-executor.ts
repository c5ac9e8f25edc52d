/**
 * An IR component, as called by one task, becomes a KFP component (`comp-x`: its inputs and
 * outputs) and an executor (`exec-x`: container image, command, args, env, resources) plus its
 * Kubernetes config. Resources, env and volumes belong to the executor in KFP, so tasks that call
 * one component with different settings get variants (`comp-x-2`); identical ones share.
 */
import type { Component, Diagnostic, RunSettings, ScriptLanguage } from "@sluice/core/backend";
import { errorAt, podImplementation, scaleOutForm } from "@sluice/core/backend";
import { buildArgs, type Piece } from "./build-args.js";
import { launcherContainer } from "./build-launcher.js";
import { buildPlatformConfig } from "./build-platform.js";
import { artifactType, parameterType } from "./build-types.js";
import { Codes } from "./codes.js";
import { executorLabelOf, type BuildContext } from "./context.js";
import { escapeKubernetesVars, launcherKeys, unexpectedKeys } from "./placeholders.js";
import { literalTexts, safeInputNames } from "./rename-inputs.js";
import { declareInput, type KfpType } from "./scope.js";
import type { ComponentSpec, ContainerSpec, InputArtifactDefinition, InputParameterDefinition, OutputArtifactDefinition, OutputParameterDefinition } from "./types.js";

export interface ExecutorRequest {
  component: Component;
  settings: RunSettings;
  /** Inputs inlined into the args, with their pieces. */
  inlined: Map<string, Piece[]>;
  /** The inputs that carry the referenced values of inlined pieces, with their types. */
  pieceInputs: Map<string, KfpType>;
  /** List-of-artifacts inputs that a gather task turned into one folder artifact. */
  gathered: ReadonlySet<string>;
  span: string;
}

export interface BuiltComponent {
  name: string;
  /** KFP input names that differ from the IR's (see rename-inputs.ts). */
  renamed: Map<string, string>;
}

/** Returns the component for this request, building the component and executor once. */
export function componentFor(ctx: BuildContext, req: ExecutorRequest): BuiltComponent {
  // Retry and caching are task settings in KFP: tasks differing only there share an executor.
  const { retry: _retry, cache: _cache, ...executorSettings } = req.settings;
  const key = JSON.stringify([req.component.name, executorSettings, [...req.inlined], [...req.pieceInputs], [...req.gathered]]);
  const known = ctx.variants.get(key);
  if (known) return known;
  const inputNames = [...req.component.inputs.map((i) => i.name).filter((n) => !req.inlined.has(n)), ...req.pieceInputs.keys()];
  const renamed = safeInputNames(inputNames, literalTexts(req.component, req.inlined));
  const kfpName = (n: string) => renamed.get(n) ?? n;
  const built = { name: ctx.componentNames.allocate(req.component.name), renamed };
  ctx.variants.set(key, built);
  const exec = executorLabelOf(built.name);
  const spec = componentSpec(req, kfpName);
  ctx.components[built.name] = { executorLabel: exec, ...spec };
  if (scaleOutForm(req.component.implementation)) {
    // The launcher pod only creates the resource and waits: env, volumes, placement and
    // resources are the engine's pods' (in the manifest); the pod keeps its timeout and labels.
    const { timeoutSeconds, labels, annotations } = req.settings;
    ctx.executors[exec] = { container: launcherContainer(ctx, req, spec, kfpName) };
    ctx.platform[exec] = buildPlatformConfig(ctx.ir, req.component, { timeoutSeconds, labels, annotations }, req.span, ctx.diagnostics, ctx.options.gpuNodeLabel);
    return built;
  }
  ctx.executors[exec] = { container: container(req, spec, kfpName, ctx.diagnostics) };
  ctx.platform[exec] = buildPlatformConfig(ctx.ir, req.component, req.settings, req.span, ctx.diagnostics, ctx.options.gpuNodeLabel);
  return built;
}

function componentSpec(req: ExecutorRequest, kfpName: (n: string) => string): Pick<ComponentSpec, "inputDefinitions" | "outputDefinitions"> {
  // Optional fields are set only when present (kfp leaves them out), assigned one by one: cheaper,
  // once per component, than building each object from spread fragments.
  const inputs: NonNullable<ComponentSpec["inputDefinitions"]> = {};
  for (const input of req.component.inputs) {
    if (req.inlined.has(input.name)) continue;
    if (input.type.category === "artifact" || input.type.category === "artifactList") {
      const def: InputArtifactDefinition = { artifactType: artifactType(input.type.kind) };
      if (input.type.category === "artifactList" && !req.gathered.has(input.name)) def.isArtifactList = true;
      if (input.optional) def.isOptional = true;
      if (input.description) def.description = input.description;
      (inputs.artifacts ??= {})[kfpName(input.name)] = def;
    } else {
      const def: InputParameterDefinition = { parameterType: parameterType(input.type, input.default) };
      if (input.default !== undefined) def.defaultValue = input.default;
      if (input.default !== undefined || input.optional) def.isOptional = true;
      if (input.enum) def.literals = input.enum;
      if (input.description) def.description = input.description;
      (inputs.parameters ??= {})[kfpName(input.name)] = def;
    }
  }
  for (const [name, type] of req.pieceInputs) declareInput(inputs, kfpName(name), type);
  const outputs: NonNullable<ComponentSpec["outputDefinitions"]> = {};
  for (const output of req.component.outputs) {
    if (output.type.category === "artifact" || output.type.category === "artifactList") {
      const def: OutputArtifactDefinition = { artifactType: artifactType(output.type.kind) };
      if (output.description) def.description = output.description;
      (outputs.artifacts ??= {})[output.name] = def;
    } else {
      const def: OutputParameterDefinition = { parameterType: parameterType(output.type) };
      if (output.description) def.description = output.description;
      (outputs.parameters ??= {})[output.name] = def;
    }
  }
  const spec: Pick<ComponentSpec, "inputDefinitions" | "outputDefinitions"> = {};
  if (!isEmpty(inputs)) spec.inputDefinitions = inputs;
  if (!isEmpty(outputs)) spec.outputDefinitions = outputs;
  return spec;
}

function container(req: ExecutorRequest, spec: Pick<ComponentSpec, "inputDefinitions" | "outputDefinitions">, kfpName: (n: string) => string, diagnostics: Diagnostic[]): ContainerSpec {
  const keys = launcherKeys({
    inputParameters: Object.keys(spec.inputDefinitions?.parameters ?? {}),
    inputArtifacts: Object.keys(spec.inputDefinitions?.artifacts ?? {}),
    outputParameters: Object.keys(spec.outputDefinitions?.parameters ?? {}),
    outputArtifacts: Object.keys(spec.outputDefinitions?.artifacts ?? {}),
  });
  const argsCtx = { component: req.component, inlined: req.inlined, gathered: req.gathered, kfpName, keys, span: req.span, diagnostics };
  const impl = podImplementation(req.component);
  let command: string[];
  let args: string[];
  if ("container" in impl) {
    command = buildArgs(impl.container.command, argsCtx);
    args = buildArgs(impl.container.args, argsCtx);
  } else {
    const source = escapeKubernetesVars(impl.script.source);
    const clashes = unexpectedKeys(source, [], keys);
    if (clashes.length) diagnostics.push(errorAt(Codes.launcherPlaceholderInText, `step "${req.component.name}": the script source contains ${clashes.join(", ")}, which the KFP launcher would replace`, req.span, "rename the input or output it names"));
    command = ["sh", "-ec", escapeKubernetesVars(scriptRunner(impl.script.language)), source];
    args = buildArgs(impl.script.args, argsCtx);
  }
  const env: NonNullable<ContainerSpec["env"]> = [];
  for (const e of req.settings.env ?? []) if ("value" in e) env.push({ name: e.name, value: escapeKubernetesVars(e.value) });
  const resources = containerResources(req);
  const out: ContainerSpec = { image: req.component.image };
  if (args.length) out.args = args;
  if (command.length) out.command = command;
  if (env.length) out.env = env;
  if (resources) out.resources = resources;
  return out;
}

const RUNNERS: Record<ScriptLanguage, { file: string; run: string }> = {
  python: { file: "step.py", run: "python3" },
  bash: { file: "step.sh", run: "bash" },
  sh: { file: "step.sh", run: "sh" },
  node: { file: "step.mjs", run: "node" },
};

/**
 * How a script step runs, after kfp's own lightweight components: `sh -ec RUNNER SOURCE ARGS...`,
 * where RUNNER writes $0 (the source, byte for byte via printf) to a file and runs it with "$@".
 */
function scriptRunner(language: ScriptLanguage): string {
  const { file, run } = RUNNERS[language];
  return `program_path=$(mktemp -d)\nprintf "%s" "$0" > "$program_path/${file}"\nexec ${run} "$program_path/${file}" "$@"\n`;
}

function containerResources(req: ExecutorRequest): ContainerSpec["resources"] {
  const r = req.settings.resources;
  if (!r) return undefined;
  const out: NonNullable<ContainerSpec["resources"]> = {};
  if (r.gpu) {
    const count = String(r.gpu.count);
    // KFP's one accelerator slot names the resource its launcher requests (`nvidia.com/gpu`);
    // the GPU model (gpu.type) goes to the node selector instead (build-platform.ts).
    out.accelerator = { count, resourceCount: count, resourceType: r.gpu.resource, type: r.gpu.resource };
  }
  if (r.cpuLimit) out.resourceCpuLimit = r.cpuLimit;
  if (r.cpu) out.resourceCpuRequest = r.cpu;
  if (r.memoryLimit) out.resourceMemoryLimit = r.memoryLimit;
  if (r.memory) out.resourceMemoryRequest = r.memory;
  return Object.keys(out).length ? out : undefined;
}

function isEmpty(o: object): boolean {
  return Object.keys(o).length === 0;
}
