/**
 * A step call (IR task node) becomes a PipelineTaskSpec in its DAG: componentRef, inputs,
 * dependentTasks, cachingOptions, retryPolicy and taskInfo, as kfp writes them.
 */
import { effectiveSettings, errorAt, findComponent, getOwn } from "@sluice/core/backend";
import type { ArtifactKind, Binding, Retry, RunSettings, TaskNode } from "@sluice/core/backend";
import type { Piece } from "./build-args.js";
import { componentFor } from "./build-executor.js";
import { gatherTask } from "./build-gather.js";
import { Codes } from "./codes.js";
import type { BuildContext } from "./context.js";
import { kfpTaskName } from "./names.js";
import { kfpTypeOf, type DagScope, type KfpType } from "./scope.js";
import { sortedRecord } from "./sorted-record.js";
import type { PipelineTaskSpec, RetryPolicy, TaskInputs } from "./types.js";

export function buildTask(ctx: BuildContext, scope: DagScope, node: TaskNode): void {
  const component = findComponent(ctx.ir, node.component);
  const settings = effectiveSettings(ctx.ir.spec.defaults, component, node.options);
  const inputs: TaskInputs = {};
  const producers: string[] = [];
  const inlined = new Map<string, Piece[]>();
  const pieceInputs = new Map<string, KfpType>();
  const gathered = new Set<string>();

  for (const input of component.inputs) {
    const binding = getOwn(node.inputs, input.name);
    if (!binding) continue;
    if (input.type.category === "artifactList" && !("literal" in binding)) {
      if (gatherInto(ctx, scope, node, input.name, input.type.kind, binding, inputs, producers)) gathered.add(input.name);
      continue;
    }
    if (mustInline(binding)) {
      const pieces = inlinePieces(ctx, scope, node, input.name, binding, inputs, producers, pieceInputs);
      inlined.set(input.name, pieces);
      continue;
    }
    if ("literal" in binding && (input.type.category === "artifact" || input.type.category === "artifactList")) {
      ctx.diagnostics.push(errorAt(Codes.artifactLiteral, `task "${node.id}": artifact input "${input.name}" is bound to a literal; KFP needs an importer for that`, node.span));
      continue;
    }
    bindInput(ctx, scope, node, input.name, binding, inputs, producers, kfpTypeOf(input.type, input.default));
  }

  const built = componentFor(ctx, { component, settings, inlined, pieceInputs, gathered, span: node.span });
  scope.tasks[kfpTaskName(node.id)] = taskSpec(ctx, scope, node, built.name, renameInputs(inputs, built.renamed), producers, settings);
}

/** Binds one task input to its source in `scope`; reports an input the scope cannot see. */
export function bindInput(ctx: BuildContext, scope: DagScope, node: { id: string; span: string }, name: string, binding: Binding, inputs: TaskInputs, producers: string[], wanted?: KfpType): void {
  const resolved = scope.resolve(binding, wanted);
  if (!resolved) {
    ctx.diagnostics.push(errorAt(Codes.outputNotVisible, `task "${node.id}": input "${name}" reads a value KFP cannot pass into this part of the graph`, node.span, "outputs leave a loop only through a fan-in (.map), and never leave a branch"));
    return;
  }
  if (resolved.producer && !producers.includes(resolved.producer)) producers.push(resolved.producer);
  if (resolved.kind === "artifact") (inputs.artifacts ??= {})[name] = resolved.source;
  else (inputs.parameters ??= {})[name] = resolved.source;
}

/** Feeds a list-of-artifacts input through a gather task (build-gather.ts); false if unresolvable. */
function gatherInto(ctx: BuildContext, scope: DagScope, node: TaskNode, name: string, kind: ArtifactKind, binding: Binding, inputs: TaskInputs, producers: string[]): boolean {
  const items: TaskInputs = {};
  const itemProducers: string[] = [];
  bindInput(ctx, scope, node, name, binding, items, itemProducers, { kind: "artifact", type: { category: "artifactList", kind } });
  const source = items.artifacts?.[name];
  if (!source) return false;
  const taskName = kfpTaskName(`${node.id}-gather-${name}`);
  const gather = gatherTask(ctx, kind, taskName, source, itemProducers);
  scope.tasks[taskName] = gather.task;
  (inputs.artifacts ??= {})[name] = gather.source;
  producers.push(taskName);
  return true;
}

/** The task's inputs under the KFP names of its component's inputs. */
function renameInputs(inputs: TaskInputs, renamed: Map<string, string>): TaskInputs {
  if (renamed.size === 0) return inputs;
  const rekey = <T>(m?: Record<string, T>) => (m ? Object.fromEntries(Object.entries(m).map(([k, v]) => [renamed.get(k) ?? k, v])) : undefined);
  const artifacts = rekey(inputs.artifacts);
  const parameters = rekey(inputs.parameters);
  return { ...(artifacts ? { artifacts } : {}), ...(parameters ? { parameters } : {}) };
}

/** Templates, and literal strings the driver or launcher could rewrite, are inlined into args. */
function mustInline(b: Binding): boolean {
  if ("template" in b) return true;
  return "literal" in b && typeof b.literal === "string" && b.literal.includes("{{$");
}

function inlinePieces(ctx: BuildContext, scope: DagScope, node: TaskNode, name: string, b: Binding, inputs: TaskInputs, producers: string[], pieceInputs: Map<string, KfpType>): Piece[] {
  const parts = "template" in b ? b.template : [b];
  const pieces: Piece[] = [];
  parts.forEach((part, i) => {
    if (typeof part === "string") pieces.push({ text: part });
    else if ("literal" in part) pieces.push({ text: typeof part.literal === "string" ? part.literal : JSON.stringify(part.literal) });
    else {
      const inputName = `${name}--${i}`;
      const type = scope.typeOf(part) ?? { kind: "parameter", type: "STRING" };
      if (type.kind === "artifact") {
        ctx.diagnostics.push(errorAt(Codes.argRefType, `task "${node.id}": input "${name}" puts an artifact into text; KFP can only splice parameters`, node.span));
        return;
      }
      bindInput(ctx, scope, node, inputName, part, inputs, producers, type);
      pieceInputs.set(inputName, type);
      pieces.push({ input: inputName });
    }
  });
  return pieces;
}

function taskSpec(ctx: BuildContext, scope: DagScope, node: TaskNode, componentName: string, inputs: TaskInputs, producers: string[], settings: RunSettings): PipelineTaskSpec {
  const cache = settings.cache ?? ctx.options.cacheDefault;
  const deps = dependentTasks(scope, node, producers);
  const retry = retryPolicy(settings.retry);
  const task: PipelineTaskSpec = { cachingOptions: cache ? { enableCache: true } : {}, componentRef: { name: componentName }, taskInfo: { name: node.options?.displayName ?? node.id } };
  if (deps.length) task.dependentTasks = deps;
  if (hasInputs(inputs)) task.inputs = sortInputs(inputs);
  if (retry) task.retryPolicy = retry;
  return task;
}

/** Data producers and explicit `after` edges, sorted as kfp sorts them. */
export function dependentTasks(scope: DagScope, node: { id: string }, producers: string[]): string[] {
  const all = new Set([...producers, ...(scope.body.extraAfter.get(node.id) ?? []).map(kfpTaskName)]);
  return [...all].sort();
}

/** KFP's retry policy; kfp's defaults for the fields a user left out (0s, factor 2, 1h cap). */
export function retryPolicy(retry: Retry | undefined): RetryPolicy | undefined {
  if (!retry || retry.limit === 0) return undefined;
  const b = retry.backoff;
  return {
    backoffDuration: `${b?.durationSeconds ?? 0}s`,
    backoffFactor: b?.factor ?? 2,
    backoffMaxDuration: `${b?.maxDurationSeconds ?? 3600}s`,
    maxRetryCount: retry.limit,
  };
}

export function hasInputs(inputs: TaskInputs): boolean {
  return hasKeys(inputs.artifacts) || hasKeys(inputs.parameters);
}

/** Input maps with sorted keys, so that output does not depend on declaration order quirks. */
export function sortInputs(inputs: TaskInputs): TaskInputs {
  const sorted: TaskInputs = {};
  if (hasKeys(inputs.artifacts)) sorted.artifacts = sortedRecord(inputs.artifacts);
  if (hasKeys(inputs.parameters)) sorted.parameters = sortedRecord(inputs.parameters);
  return sorted;
}

function hasKeys<T>(map: Record<string, T> | undefined): map is Record<string, T> {
  if (map) for (const key in map) if (Object.hasOwn(map, key)) return true;
  return false;
}
