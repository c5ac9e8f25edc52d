/**
 * One DAG being built (the pipeline root, a sub-pipeline, or a group's body) and how IR bindings
 * are read inside it.
 *
 * KFP lets a task read only what its own DAG holds: the DAG component's inputs and the outputs of
 * sibling tasks. kfp's compiler passes every outer value a group needs as an input of the group
 * component, named `pipelinechannel--<source>`, and so does Sluice: `resolve` either finds the value
 * here or asks for a channel, which the parent binds when it creates the group's task.
 */
import type { Binding, JsonValue, PipelineParam, ValueType } from "@sluice/core/backend";
import { isArtifact, artifactType, parameterType } from "./build-types.js";
import type { FanInRoutes } from "./fan-in-routes.js";
import { channelName, kfpTaskName } from "./names.js";
import type { ArtifactSource, DagOutputs, InputDefinitions, ParameterSource, ParameterType, PipelineTaskSpec } from "./types.js";

/** What a binding resolves to in a scope: a parameter or an artifact source, and the task it waits on. */
export type Resolved =
  | { kind: "parameter"; source: ParameterSource; producer?: string }
  | { kind: "artifact"; source: ArtifactSource; producer?: string };

/** A value's KFP type: a parameter type, or an artifact schema (possibly a list). */
export type KfpType = { kind: "parameter"; type: ParameterType } | { kind: "artifact"; type: ValueType & { category: "artifact" | "artifactList" } };

export interface Channel {
  name: string;
  binding: Binding;
  type: KfpType;
}

/** Facts about one pipeline body (the root or a sub-pipeline), shared by all its DAGs. */
export interface BodyInfo {
  typeOf: (b: Binding) => KfpType | undefined;
  /** For each loop id, the task outputs that a fan-in collects from it. */
  collected: Map<string, { task: string; output: string }[]>;
  /** Ordering edges to add to a node's task, by node id (see after-edges.ts). */
  extraAfter: Map<string, string[]>;
  /** The group id of each exit handler's `finally` block that needs a group (finally-groups.ts). */
  finallyGroups: Map<string, string>;
  /** How each fan-in reaches its loop through the groups in between (fan-in-routes.ts). */
  fanIn: FanInRoutes;
}

export interface LoopContext {
  id: string;
  itemInput: string;
  itemType: KfpType;
}

export class DagScope {
  readonly tasks: Record<string, PipelineTaskSpec> = {};
  readonly inputs: InputDefinitions = {};
  readonly outputs: DagOutputs = {};
  /** Values this DAG reads from its parent, in first-use order. */
  readonly channels = new Map<string, Channel>();
  /**
   * The same channels by binding object: the IR hands the same object over and over (a condition's
   * operands once per later branch, a group's channels to its parent), so most look-ups are found
   * by identity without computing the JSON key.
   */
  private readonly channelsByBinding = new Map<Binding, Channel>();
  /** Ids of the nodes that are tasks of this DAG (steps, sub-pipeline calls and groups). */
  readonly localIds = new Set<string>();

  constructor(
    readonly parent: DagScope | undefined,
    /** Set on a pipeline's own root: its params are this DAG's inputs. */
    readonly params: PipelineParam[] | undefined,
    readonly loop: LoopContext | undefined,
    readonly body: BodyInfo,
  ) {}

  typeOf(b: Binding): KfpType | undefined {
    return this.body.typeOf(b);
  }

  /** Declares the nodes that are tasks of this DAG, before any of them is built. */
  declare(nodes: readonly { id: string }[]): void {
    for (const n of nodes) this.localIds.add(n.id);
  }

  /** Reads a binding here; undefined when no enclosing scope can see it. `wanted` types a field. */
  resolve(b: Binding, wanted?: KfpType): Resolved | undefined {
    if ("literal" in b) return { kind: "parameter", source: { runtimeValue: { constant: b.literal } } };
    if ("param" in b && this.params) {
      const p = this.params.find((x) => x.name === b.param);
      if (!p) return undefined;
      return isArtifact(p.type) ? { kind: "artifact", source: { componentInputArtifact: p.name } } : { kind: "parameter", source: { componentInputParameter: p.name } };
    }
    if ("taskOutput" in b && this.localIds.has(b.taskOutput.task)) {
      const producerTask = kfpTaskName(b.taskOutput.task);
      const t = this.typeOf(b);
      if (t?.kind === "artifact") return { kind: "artifact", source: { taskOutputArtifact: { outputArtifactKey: b.taskOutput.output, producerTask } }, producer: producerTask };
      return { kind: "parameter", source: { taskOutputParameter: { outputParameterKey: b.taskOutput.output, producerTask } }, producer: producerTask };
    }
    if ("collected" in b && this.localIds.has(b.collected.loop)) {
      const producerTask = kfpTaskName(b.collected.loop);
      const key = collectedKey(b.collected);
      const t = this.typeOf(b);
      if (t?.kind === "artifact") return { kind: "artifact", source: { taskOutputArtifact: { outputArtifactKey: key, producerTask } }, producer: producerTask };
      return { kind: "parameter", source: { taskOutputParameter: { outputParameterKey: key, producerTask } }, producer: producerTask };
    }
    if ("loopItem" in b && this.loop?.id === b.loopItem) {
      if (this.loop.itemType.kind === "artifact") return { kind: "artifact", source: { componentInputArtifact: this.loop.itemInput } };
      const source: ParameterSource = { componentInputParameter: this.loop.itemInput };
      if (b.field !== undefined) source.parameterExpressionSelector = `parseJson(string_value)[${JSON.stringify(b.field)}]`;
      return { kind: "parameter", source };
    }
    if ("template" in b) return undefined;
    return this.viaChannel(b, wanted);
  }

  /** A value of an outer scope, read through an input of this group (kfp's pipeline channel). */
  private viaChannel(b: Binding, wanted?: KfpType): Resolved | undefined {
    if (!this.parent || !this.parent.canSee(b)) return undefined;
    const type = this.typeOf(b) ?? wanted ?? { kind: "parameter", type: "STRING" };
    const name = this.channelFor(b, type);
    return type.kind === "artifact" ? { kind: "artifact", source: { componentInputArtifact: name } } : { kind: "parameter", source: { componentInputParameter: name } };
  }

  /** Whether this scope or an enclosing one holds the value (so a channel can carry it). */
  canSee(b: Binding): boolean {
    if ("literal" in b) return true;
    if ("param" in b && this.params) return this.params.some((p) => p.name === b.param);
    if ("taskOutput" in b && this.localIds.has(b.taskOutput.task)) return true;
    if ("collected" in b && this.localIds.has(b.collected.loop)) return true;
    if ("loopItem" in b && this.loop?.id === b.loopItem) return true;
    if ("template" in b) return false;
    return this.parent?.canSee(b) ?? false;
  }

  /** The channel input carrying `b` into this DAG, declared on first use. */
  channelFor(b: Binding, type: KfpType): string {
    const same = this.channelsByBinding.get(b);
    if (same) return same.name;
    const key = JSON.stringify(b);
    const existing = this.channels.get(key);
    if (existing) {
      this.channelsByBinding.set(b, existing);
      return existing.name;
    }
    let name = channelName(channelBase(b));
    for (let n = 2; this.isInputName(name); n++) name = channelName(`${channelBase(b)}-${n}`);
    const channel = { name, binding: b, type };
    this.channels.set(key, channel);
    this.channelsByBinding.set(b, channel);
    declareInput(this.inputs, name, type);
    return name;
  }

  /**
   * Whether `name` is already an input of this DAG: a channel's, or one declared otherwise (a
   * loop's item input). Every channel is declared as an input too, so the inputs say it all.
   */
  private isInputName(name: string): boolean {
    return (this.inputs.parameters !== undefined && Object.hasOwn(this.inputs.parameters, name)) || (this.inputs.artifacts !== undefined && Object.hasOwn(this.inputs.artifacts, name));
  }
}

/** Adds an input of the given type to a component's input definitions. */
export function declareInput(inputs: InputDefinitions, name: string, type: KfpType): void {
  if (type.kind === "artifact") {
    inputs.artifacts ??= {};
    inputs.artifacts[name] = { artifactType: artifactType(type.type.kind), ...(type.type.category === "artifactList" ? { isArtifactList: true } : {}) };
  } else {
    inputs.parameters ??= {};
    inputs.parameters[name] = { parameterType: type.type };
  }
}

/** The readable part of a channel name, spelled as kfp spells it (`<task>-<output>`, `<param>`). */
export function channelBase(b: Binding): string {
  if ("param" in b) return b.param;
  if ("taskOutput" in b) return `${b.taskOutput.task}-${b.taskOutput.output}`;
  if ("collected" in b) return `${b.collected.task}-${b.collected.output}`;
  if ("loopItem" in b) return b.field === undefined ? `${b.loopItem}-loop-item` : `${b.loopItem}-loop-item-${b.field}`;
  return "value";
}

/** The loop group's output key that carries a fan-in (`pipelinechannel--<task>-<output>`). */
export function collectedKey(c: { task: string; output: string }): string {
  return channelName(`${c.task}-${c.output}`);
}

/** KfpType of an IR value type. */
export function kfpTypeOf(t: ValueType, sample?: JsonValue): KfpType {
  if (t.category === "artifact" || t.category === "artifactList") return { kind: "artifact", type: t };
  return { kind: "parameter", type: parameterType(t, sample) };
}
