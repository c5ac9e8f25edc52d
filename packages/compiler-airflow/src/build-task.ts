import { effectiveSettings, errorAt, findComponent, type Arg, type Component, type RunSettings, type TaskNode, getOwn, podImplementation, scaleOutForm } from "@sluice/core/backend";
import { argPieces, concatToPy, type ArgMode, type ArgPiece } from "./build-args.js";
import type { BuildContext, NodeHandle, StatementSink } from "./build-context.js";
import { scaleOutStep } from "./build-scale-out.js";
import { localIgnoredSettings, podKwargs, retryKwargs } from "./build-settings.js";
import { depsOf, resolveBinding, type Scope, type Value } from "./build-values.js";
import { AirflowCodes, warningAt } from "./diagnostics.js";
import { taskIdIn } from "./names.js";
import type { Kwarg, OperatorView, PyValue } from "./view-model.js";
import { artifactInputs, mergeKwargs, podInputPath, transferKwargs, usesArtifactVolume, usesTransferSidecar, volumeListInputs } from "./transfer.js";
import { artifactOutputs, xcomWrapperScript } from "./wrapper.js";

/** How each script language is started, the script's args following as argv. */
const SCRIPT_PREFIX: Record<string, string[]> = { python: ["python3", "-c"], node: ["node", "-e"], bash: ["bash", "-c"], sh: ["sh", "-c"] };

/** Resolves every component input: the call's binding, else the default; absent optional inputs stay out. */
function resolveInputs(ctx: BuildContext, node: TaskNode, component: Component, scope: Scope): Map<string, Value> | undefined {
  const inputs = new Map<string, Value>();
  let ok = true;
  for (const input of component.inputs) {
    const b = getOwn(node.inputs, input.name);
    if (b === undefined) {
      if (input.default !== undefined) inputs.set(input.name, { lit: input.default });
      continue;
    }
    const v = resolveBinding(b, scope);
    if ("error" in v) {
      ok = false;
      const code = v.error === "loopBodyEdge" ? AirflowCodes.loopBodyEdge : v.error === "nestedInLoop" ? AirflowCodes.nestedInLoop : "SLU0004";
      ctx.diagnostics.push(errorAt(code, `input ${input.name} of ${node.id}: ${v.message}`, node.span, v.hint));
      continue;
    }
    inputs.set(input.name, v);
  }
  return ok ? inputs : undefined;
}

/** The step's argv as pieces: the command (interpreter and script, or command), then its args. */
function argvPieces(component: Component, inputs: Map<string, ArgPiece>): { command: ArgPiece[][]; args: ArgPiece[][] } {
  const impl = podImplementation(component);
  const resolve = (args: readonly Arg[]) => args.map((a) => argPieces(a, component, inputs)).filter((p): p is ArgPiece[] => p !== undefined);
  if ("container" in impl) return { command: resolve(impl.container.command), args: resolve(impl.container.args) };
  const command: ArgPiece[][] = (SCRIPT_PREFIX[impl.script.language] ?? []).map((word) => [{ lit: word }]);
  command.push([{ lit: impl.script.source }]);
  // `sh -c SOURCE NAME ARGS...` puts NAME in $0, so the script's own args start at $1.
  if (impl.script.language === "bash" || impl.script.language === "sh") command.push([{ lit: "sluice-script" }]);
  return { command, args: resolve(impl.script.args) };
}

/** The operator class and kwargs: the argv, then the rest. */
interface StepKwargs {
  className: string;
  shared: Kwarg[];
  perItem: Kwarg[];
}

/** A local process: run_local_step with the argv, the outputs to read back and the env. */
function localStep(ctx: BuildContext, node: TaskNode, component: Component, settings: RunSettings, argv: PyValue[]): StepKwargs {
  ctx.helpers.runLocal = true;
  ctx.imports.add("from airflow.providers.standard.operators.python import PythonOperator");
  const ignored = localIgnoredSettings(settings, ctx.ir.spec.defaults);
  if (ignored.length) ctx.diagnostics.push(warningAt(AirflowCodes.localIgnores, `the local operator runs ${node.id} as a local process and ignores: ${ignored.join(", ")}`, node.span));
  const opKwargs: Kwarg[] = [["argv", { kind: "list", items: argv }]];
  if (component.outputs.length) opKwargs.push(["outputs", { kind: "dict", entries: component.outputs.map((o) => [o.name, { kind: "str", value: outputKind(o.type) }]) }]);
  const env = (settings.env ?? []).flatMap((e): [string, PyValue][] => ("value" in e ? [[e.name, { kind: "userText", value: e.value }]] : []));
  if (env.length) opKwargs.push(["env", { kind: "dict", entries: env }]);
  opKwargs.push(["artifact_root", { kind: "str", value: ctx.options.artifactRoot }]);
  return { className: "PythonOperator", shared: [["python_callable", { kind: "code", value: "run_local_step" }]], perItem: [["op_kwargs", { kind: "dict", entries: opKwargs }]] };
}

/**
 * A pod: the image, the command (under the wrapper when the step has outputs or artifacts to
 * move), the args. The wrapper's own arguments come first: input URIs (object-store mode), then
 * output locations; the step's argv follows unchanged.
 */
function podStep(ctx: BuildContext, component: Component, command: PyValue[], args: PyValue[], mode: ArgMode, inputUris: PyValue[]): StepKwargs {
  ctx.imports.add("from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator");
  const shared: Kwarg[] = [["image", { kind: "userText", value: component.image }]];
  const transfer = usesTransferSidecar(ctx, component) ? "sidecar" : usesArtifactVolume(ctx, component) ? "volume" : "none";
  if (!component.outputs.length && transfer !== "sidecar" && !(transfer === "volume" && volumeListInputs(component).length)) {
    shared.push(["cmds", { kind: "list", items: command }]);
    return { className: "KubernetesPodOperator", shared, perItem: [["arguments", { kind: "list", items: args }]] };
  }
  const locations = { ...mode, localArtifacts: false };
  const uris = artifactOutputs(component).map((name) => concatToPy([{ output: name, artifact: true }], component, locations));
  const wrapper: PyValue[] = [{ kind: "str", value: "/bin/sh" }, { kind: "str", value: "-c" }, { kind: "userText", value: xcomWrapperScript(component, transfer) }, { kind: "str", value: "sluice-step" }];
  shared.push(["cmds", { kind: "list", items: wrapper }]);
  return { className: "KubernetesPodOperator", shared, perItem: [["arguments", { kind: "list", items: [...inputUris, ...uris, ...command, ...args] }]] };
}

/**
 * Object-store mode: each artifact input reaches the step as its local path in the pod (a list
 * as a folder with one entry per item); its location goes to the wrapper, which hands it to the
 * transfer sidecar. Volume mode: single artifacts are paths on the volume already; a list
 * becomes a folder of links the wrapper makes.
 */
function localInputs(ctx: BuildContext, component: Component, inputs: Map<string, Value>, mode: ArgMode): { inputs: Map<string, ArgPiece>; uris: PyValue[] } {
  if (ctx.local) {
    // Local processes: single artifacts are paths already; a list becomes a folder of links.
    const local = new Map<string, ArgPiece>(inputs);
    for (const input of component.inputs.filter((i) => i.type.category === "artifactList")) {
      const value = inputs.get(input.name);
      if (value !== undefined) local.set(input.name, { folder: value });
    }
    return { inputs: local, uris: [] };
  }
  const moved = usesTransferSidecar(ctx, component) ? artifactInputs(component) : usesArtifactVolume(ctx, component) ? volumeListInputs(component) : [];
  const local = new Map<string, ArgPiece>(inputs);
  const uris: PyValue[] = [];
  for (const input of moved) {
    const value = inputs.get(input.name);
    uris.push(value === undefined ? { kind: "str", value: "" } : concatToPy([value], component, mode));
    local.set(input.name, { lit: podInputPath(component, input.name) });
  }
  return { inputs: local, uris };
}

/** Builds one step call as a KubernetesPodOperator or a local process task. */
export function buildTask(ctx: BuildContext, node: TaskNode, scope: Scope, sink: StatementSink): NodeHandle {
  const component = findComponent(ctx.ir, node.component);
  const { local, full } = taskIdIn(scope.prefix, node.id);
  ctx.fullIds.push({ original: [scope.prefix, node.id].filter(Boolean).join("."), sanitized: full, span: node.span });
  const v = ctx.names.next("task");
  ctx.vars.set(v, { fullId: full, branchPath: scope.branchPath });
  scope.producers.set(node.id, { var: v, fullId: full, outputs: component.outputs, ...(scope.mapped ? { mapped: scope.mapped } : {}) });
  const handle = { entries: [v], exits: [v] };
  scope.handles.set(node.id, handle);

  const inputs = resolveInputs(ctx, node, component, scope);
  if (!inputs) return handle;
  for (const value of inputs.values()) for (const dep of depsOf(value)) ctx.addEdge(dep, v);

  const settings = effectiveSettings(ctx.ir.spec.defaults, component, node.options);
  const kwargs: Kwarg[] = [["task_id", { kind: "str", value: local }]];
  const display = node.options?.displayName ?? (local !== node.id ? node.id : undefined);
  if (display !== undefined) kwargs.push(["task_display_name", { kind: "str", value: display }]);
  const mapped = scope.mapped !== undefined;
  let className: string;
  if (scaleOutForm(component.implementation)) {
    // A custom resource: its jobs read and write artifacts at their URIs themselves (docs/scale-out.md).
    const step = scaleOutStep(ctx, node, component, inputs, { kubernetes: true, mapped, fullId: full, artifactRoot: ctx.options.artifactRoot }, settings);
    className = step.className;
    kwargs.push(...step.kwargs);
  } else {
    const mode: ArgMode = { kubernetes: !ctx.local, mapped, fullId: full, artifactRoot: ctx.options.artifactRoot, localArtifacts: usesTransferSidecar(ctx, component) };
    const moved = localInputs(ctx, component, inputs, mode);
    const pieces = argvPieces(component, moved.inputs);
    const command = pieces.command.map((p) => concatToPy(p, component, mode));
    const args = pieces.args.map((p) => concatToPy(p, component, mode));
    const step = ctx.local ? localStep(ctx, node, component, settings, [...command, ...args]) : podStep(ctx, component, command, args, mode, moved.uris);
    className = step.className;
    kwargs.push(...step.shared, ...step.perItem);
    if (!ctx.local) {
      if (component.outputs.length) kwargs.push(["do_xcom_push", { kind: "code", value: "True" }]);
      kwargs.push(...podKwargs(ctx, component, settings, node.span));
      mergeKwargs(kwargs, transferKwargs(ctx, component));
    }
  }
  kwargs.push(...retryKwargs(ctx, settings, node.span));

  if (scope.parallelism !== undefined) kwargs.push(["max_active_tis_per_dagrun", { kind: "json", value: scope.parallelism }]);
  const view: OperatorView = { kind: "operator", var: v, comment: `${node.id} (${component.name}, ${node.span})`, className, kwargs };
  ctx.operators.set(v, view);
  sink.push(view);
  return handle;
}

/** How the local runner reads an output: text, JSON, or an artifact path. */
function outputKind(t: Component["outputs"][number]["type"]): string {
  if (t.category === "artifact" || t.category === "artifactList") return "artifact";
  return t.category === "param" && t.type === "string" ? "text" : "json";
}
