import { type Binding, type Component, type TaskNode, canonicalJson, effectiveSettings, errorAt, findComponent, isArtifactType, getOwn, scaleOutForm } from "@sluice/core/backend";
import { buildStepTemplate as buildPodTemplate, needsFolding, type StepVariant } from "./build-container.js";
import { buildScaleOutTemplate } from "./build-scale-out.js";
import type { BuildContext } from "./context.js";
import { Codes } from "./codes.js";
import { fanInIterationKey } from "./fan-in.js";
import { paramName, templateName } from "./names.js";
import { argoWouldScan } from "./route-strings.js";
import { type DagScope, refText, taskKey } from "./scope.js";
import type { Arguments, Artifact, DagTask, Parameter } from "./types.js";
import { literalText } from "./values.js";
import { warningAt } from "./diagnostics.js";

/**
 * A DAG task calling a step. The component's template is shared by every call that adds
 * nothing to it; a call that changes it (its own settings, an input folded in at compile time, a
 * fan-in output) gets a template of its own, named `<component>-<task>`.
 */
export function buildStepTask(scope: DagScope, node: TaskNode): DagTask {
  const ctx = scope.body.ctx;
  const component = findComponent(ctx.ir, node.component);
  if (node.options?.displayName) {
    ctx.report(warningAt(Codes.settingNotExpressible, `Argo DAG tasks have no display name: "${node.options.displayName}" is not shown, the task is named "${node.id}"`, node.span));
  }
  const folded = new Map<string, string>();
  for (const input of component.inputs) {
    if (isArtifactType(input.type)) continue;
    const b = getOwn(node.inputs, input.name);
    const value = b && "literal" in b ? literalText(b.literal) : !b && input.default !== undefined ? literalText(input.default) : undefined;
    if (value !== undefined && needsFolding(value)) folded.set(input.name, value);
  }
  const fanInKeys = new Map<string, string>();
  // Collected by the loop around it, or (from a branch or an inner loop) by one further out.
  for (const [loop, byTask] of scope.body.fanIns) {
    for (const output of byTask.get(node.id) ?? []) {
      const type = component.outputs.find((o) => o.name === output)?.type;
      if (!type || !isArtifactType(type)) continue;
      if (fanInKeys.has(output)) ctx.report(errorAt(Codes.nestedFanIn, `artifact "${output}" of "${node.id}" is collected out of two loops, and its step can write it under one storage prefix only`, node.span, "collect it out of one loop"));
      else fanInKeys.set(output, fanInIterationKey(scope.body, loop, node.id, output));
    }
  }
  const base: StepVariant = { folded: new Map(), fanInKeys: new Map(), settings: effectiveSettings(ctx.ir.spec.defaults, component), span: component.span };
  const keyedOutputs = new Map<string, string>();
  for (const output of scope.body.keyedOutputs.get(node.id) ?? []) {
    const type = component.outputs.find((o) => o.name === output)?.type;
    if (type && isArtifactType(type)) keyedOutputs.set(output, fanInKeys.get(output) ?? `sluice/{{workflow.uid}}/{{pod.name}}/${paramName(output)}`);
  }
  const own: StepVariant = { folded, fanInKeys, keyedOutputs, settings: effectiveSettings(ctx.ir.spec.defaults, component, node.options), span: node.span };
  const baseName = ctx.templateNames.claim(`step ${component.name}`, templateName(component.name), component.span);
  // Both candidates are built; only the diagnostics of the one used are kept, located at the
  // component when the shared template is used and at the call otherwise.
  const mark = ctx.diagnostics.length;
  const shared = buildStepTemplate(ctx, component, baseName, base);
  const sharedDiagnostics = ctx.diagnostics.splice(mark);
  // A call with no folded input, no fan-in or keyed output and no options of its own builds the
  // shared template again (its span only locates diagnostics): skip building and comparing it.
  const mayDiffer = folded.size > 0 || fanInKeys.size > 0 || keyedOutputs.size > 0 || node.options !== undefined;
  let template = mayDiffer ? buildStepTemplate(ctx, component, baseName, own) : shared;
  ctx.diagnostics.splice(mark);
  if (mayDiffer && canonicalJson(template) !== canonicalJson(shared)) {
    const name = ctx.templateNames.claim(`call ${scope.body.prefix}${node.id}`, templateName(`${component.name}-${scope.body.prefix}${node.id}`), node.span);
    template = buildStepTemplate(ctx, component, name, own);
  } else {
    template = shared;
    ctx.diagnostics.push(...sharedDiagnostics);
  }
  ctx.addTemplate(template);

  const args: Arguments = {};
  const scaleOut = scaleOutForm(component.implementation) !== undefined;
  for (const input of component.inputs) {
    const b = getOwn(node.inputs, input.name);
    if (!b || folded.has(input.name)) continue;
    if (scaleOut && isArtifactType(input.type)) addArtifactKeyArgument(scope, args, paramName(input.name), b, node);
    else addArgument(scope, args, paramName(input.name), b, node.span);
  }
  return { name: "", template: template.name, ...(args.parameters || args.artifacts ? { arguments: orderedArguments(args) } : {}) };
}

/** A container or script step's template, or a scale-out step's resource template. */
function buildStepTemplate(ctx: BuildContext, component: Component, name: string, v: StepVariant) {
  return scaleOutForm(component.implementation) ? buildScaleOutTemplate(ctx, component, name, v) : buildPodTemplate(ctx, component, name, v);
}

/**
 * A scale-out step reads an artifact from the repository itself, so it is given the artifact's
 * storage key as a parameter. Only a key Sluice chose is known: the output of another scale-out
 * step or an artifact fan-in. An artifact Argo stored under its own key (a container step's
 * output, an input artifact of a group template) has no key a template can name (SLU2021).
 */
function addArtifactKeyArgument(scope: DagScope, args: Arguments, name: string, b: Binding, node: TaskNode): void {
  const ref = "literal" in b || "template" in b ? undefined : scope.resolve(b);
  // A container step's artifact that a scale-out step reads is stored under a key it exports (keyedOutputs).
  if ("taskOutput" in b && scope.isLocal(b.taskOutput.task) && !scope.body.isScaleOut(b.taskOutput.task)) {
    push(args, "parameters", { name, value: `{{tasks.${taskKey(b.taskOutput.task)}.outputs.parameters.${paramName(b.taskOutput.output)}}}` });
    return;
  }
  if (ref?.s3Key) {
    push(args, "parameters", { name, value: ref.s3Key });
    return;
  }
  scope.body.ctx.report(
    errorAt(Codes.scaleOutArtifactRoute, `input "${name}" of scale-out step "${node.id}" comes from outside its DAG (a pipeline param, an enclosing group, a nested pipeline's output): Argo passes it as an artifact under a key of its own, which the job cannot be told`, node.span, "call the producing step in the same group as the scale-out step; see docs/targets/argo.md, \"Scale-out steps\""),
  );
}

/** Parameters before artifacts, whatever order the inputs came in. */
export function orderedArguments(args: Arguments): Arguments {
  return { ...(args.parameters ? { parameters: args.parameters } : {}), ...(args.artifacts ? { artifacts: args.artifacts } : {}) };
}

/** Adds the argument that passes binding `b` as input `name`, resolved in `scope`. */
export function addArgument(scope: DagScope, args: Arguments, name: string, b: Binding, span: string): void {
  if ("literal" in b) {
    push(args, "parameters", { name, value: literalText(b.literal) });
    return;
  }
  if ("template" in b) {
    const text = b.template
      .map((part) => {
        if (typeof part === "string") return part;
        if ("literal" in part) return literalText(part.literal);
        if ("template" in part) return "";
        return refText(scope.resolve(part));
      })
      .join("");
    const literalParts = b.template.filter((p): p is string => typeof p === "string");
    if (literalParts.some(argoWouldScan)) {
      scope.body.ctx.report(errorAt(Codes.unroutableString, `a template string passed to "${name}" contains "{{", which Argo would evaluate`, span, "pass the text as its own input"));
    }
    push(args, "parameters", { name, value: text });
    return;
  }
  const ref = scope.resolve(b);
  if (ref.category === "artifact") push(args, "artifacts", ref.s3Key ? { name, s3: { key: ref.s3Key } } : { name, from: refText(ref) });
  else push(args, "parameters", { name, value: refText(ref) });
}

function push<K extends "parameters" | "artifacts">(args: Arguments, kind: K, item: K extends "parameters" ? Parameter : Artifact): void {
  const list = (args[kind] ??= []) as (typeof item)[];
  list.push(item);
}
