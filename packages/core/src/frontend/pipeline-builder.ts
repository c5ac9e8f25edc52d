// Builds the IR of one pipeline and everything it uses: components (each step definition once,
// in order of first use), nested pipelines (spec.subPipelines), params, defaults and schedule.
import type { ts } from "ts-morph";
import type { Component, Defaults, Node, PipelineOutput, PipelineParam, Schedule, SubPipeline, ValueType } from "../ir/index.js";
import { canonicalJson } from "../ir/hash.js";
import { allNodes } from "../ir/walk.js";
import { buildComponent, checkImage } from "./component.js";
import type { FrontendContext } from "./context.js";
import type { Evaluator } from "./evaluate.js";
import { BodyReader } from "./body.js";
import { readRunSettings, RUN_OPTION_KEYS } from "./settings.js";
import { readSpecs, toPipelineParam } from "./type-specs.js";
import { type ConstObject, describeValue, isConstObject, nodeOfProperty, type PipelineValue, type StepValue } from "./values.js";
import { cronProblem, isCount, MAX_COUNT } from "./values-check.js";
import { didYouMean } from "./suggest.js";

const CONFIG_KEYS = new Set(["name", "displayName", "description", "params", "schedule", "defaults"]);
const DEFAULTS_KEYS = new Set<string>(["image", "serviceAccount", "imagePullSecrets", "parallelism", ...RUN_OPTION_KEYS]);
const SCHEDULE_KEYS = new Set(["cron", "timezone", "concurrencyPolicy", "catchup"]);

export interface ReadPipeline {
  name: string;
  displayName?: string;
  description?: string;
  params: PipelineParam[];
  outputs: PipelineOutput[];
  root: Node[];
}

export class PipelineBuilder {
  readonly components: Component[] = [];
  readonly subPipelines: SubPipeline[] = [];
  private readonly byStep = new Map<StepValue, Component | undefined>();
  private readonly byName = new Map<string, Component>();
  private readonly subs = new Map<PipelineValue, SubPipeline>();
  private readonly reading = new Set<PipelineValue>();
  /** The compiled pipeline's name: a nested pipeline may not take it (its template would call itself). */
  private topName: string | undefined;

  constructor(
    readonly ctx: FrontendContext,
    readonly ev: Evaluator,
    private readonly defaultImage: string | undefined,
  ) {}

  /**
   * The component of a step definition, built on first use; undefined when it has errors. A step
   * without an image takes the calling pipeline's defaults.image (a nested pipeline's own, when it
   * sets one), else the compiled pipeline's.
   */
  componentFor(step: StepValue, callerDefaultImage?: string): Component | undefined {
    if (this.byStep.has(step)) return this.byStep.get(step);
    const component = this.ctx.attempt(() => buildComponent(this.ctx, this.ev, step, callerDefaultImage ?? this.defaultImage));
    this.byStep.set(step, component);
    if (!component) return undefined;
    // Two definitions may share a name only when they build the same component (e.g. one
    // definition copied into two files); anything else would make component names ambiguous.
    const previous = this.byName.get(component.name);
    if (previous && contentOf(previous) !== contentOf(component)) {
      this.ctx.report("duplicateStepName", nodeOfProperty(step.definition, "name", step.node), component.name);
      return undefined;
    }
    if (!previous) {
      this.byName.set(component.name, component);
      this.components.push(component);
    }
    return component;
  }

  /** A nested pipeline, read on first call and declared in spec.subPipelines. */
  subPipelineFor(p: PipelineValue, at: ts.Node): SubPipeline {
    const known = this.subs.get(p);
    if (known) return known;
    if (this.reading.has(p)) return this.ctx.fail("recursivePipeline", at, String(p.config.name));
    this.checkNestedConfig(p);
    const read = this.ctx.deeper(at, () => this.readPipeline(p), "pipelines");
    const candidate: SubPipeline = {
      name: read.name,
      ...(read.description !== undefined ? { description: read.description } : {}),
      params: read.params,
      outputs: read.outputs,
      root: read.root,
      span: this.ctx.spanText(p.node),
    };
    const sub = this.claimSubPipelineName(p, candidate);
    this.subs.set(p, sub);
    return sub;
  }

  /**
   * What a nested pipeline's config may hold: a schedule belongs to the compiled pipeline only,
   * and of `defaults` only `image` reaches its steps (the IR has no per-pipeline run settings).
   * Both used to be dropped without a word.
   */
  private checkNestedConfig(p: PipelineValue): void {
    const { ctx } = this;
    if (p.config.schedule !== undefined) ctx.report("badDefinition", nodeOfProperty(p.config, "schedule", p.node), "a nested pipeline has no `schedule` of its own: schedule the compiled pipeline");
    const d = p.config.defaults;
    if (d === undefined) return;
    const at = nodeOfProperty(p.config, "defaults", p.node);
    if (!isConstObject(d)) return ctx.report("badDefinition", at, "`defaults` must be an object");
    for (const key of Object.keys(d))
      if (key !== "image") ctx.report("badDefinition", nodeOfProperty(d, key, at), `a nested pipeline's \`defaults\` may set only \`image\`; set \`${key}\` on its steps or calls, or in the compiled pipeline's defaults`);
    if (d.image !== undefined && typeof d.image !== "string") ctx.report("badDefinition", nodeOfProperty(d, "image", at), "`defaults.image` must be a string");
    else if (typeof d.image === "string") checkImage(ctx, d.image, nodeOfProperty(d, "image", at));
  }

  /** Reads the compiled (top) pipeline; its name is then reserved. */
  readTop(p: PipelineValue): ReadPipeline {
    if (typeof p.config.name === "string") this.topName = p.config.name;
    return this.readPipeline(p);
  }

  /**
   * Nested pipelines are named by their `name` in every target (an Argo template, a KFP
   * component, an Airflow TaskGroup), so two different bodies under one name would silently
   * compile to the first one. As for steps (SLU1305), two definitions may share a name only
   * when they build the same body (one definition copied into two files); that pair is merged.
   */
  private claimSubPipelineName(p: PipelineValue, sub: SubPipeline): SubPipeline {
    const at = nodeOfProperty(p.config, "name", p.node);
    // Reported once per definition (the caller caches the result); no IR is built after an error.
    if (sub.name === this.topName) return this.ctx.report("duplicatePipelineName", at, sub.name, "the compiled pipeline"), sub;
    const previous = this.subPipelines.find((s) => s.name === sub.name);
    if (previous && contentOf(previous) !== contentOf(sub)) return this.ctx.report("duplicatePipelineName", at, sub.name, `the pipeline at ${previous.span}`), sub;
    if (previous) return previous;
    this.subPipelines.push(sub);
    return sub;
  }

  readPipeline(p: PipelineValue): ReadPipeline {
    const { ctx } = this;
    const config = p.config;
    const at = (key: string) => nodeOfProperty(config, key, p.node);
    for (const key of Object.keys(config)) if (!CONFIG_KEYS.has(key)) ctx.report("badDefinition", at(key), `unknown pipeline option \`${key}\`${didYouMean(key, CONFIG_KEYS)}`);
    if (typeof config.name !== "string" || config.name === "") return ctx.fail("badDefinition", at("name"), "a pipeline needs a non-empty `name` string");
    for (const key of ["displayName", "description"])
      if (config[key] !== undefined && typeof config[key] !== "string") ctx.report("badDefinition", at(key), `\`${key}\` must be a string, got ${describeValue(config[key])}`);
    const params = readSpecs(ctx, config.params, "params", at("params")).map(([n, s, node]) => toPipelineParam(ctx, n, s, node));
    const types = new Map<string, ValueType>(params.map((q) => [q.name, q.type]));
    this.reading.add(p);
    const errorsBefore = errorCount(ctx);
    let body: { root: Node[]; outputs: PipelineOutput[] };
    try {
      body = new BodyReader(this, p.module, ownDefaultImage(p)).read(p.body, types);
    } finally {
      this.reading.delete(p);
    }
    // Every target refuses a pipeline with nothing to run (Argo: a DAG needs a task; kfp: "Task is
    // missing from pipeline"; Airflow: an empty `with DAG` body), so one located error for all.
    // Only when the body read cleanly: a body whose calls were refused has its own errors.
    if (errorCount(ctx) === errorsBefore && !allNodes(body.root).some((n) => n.type === "task" || n.type === "subPipeline")) ctx.report("emptyPipeline", p.body, `pipeline \`${config.name}\``);
    return {
      name: config.name,
      ...(typeof config.displayName === "string" ? { displayName: config.displayName } : {}),
      ...(typeof config.description === "string" ? { description: config.description } : {}),
      params,
      outputs: body.outputs,
      root: body.root,
    };
  }
}

function errorCount(ctx: FrontendContext): number {
  return ctx.diagnostics.filter((d) => d.severity === "error").length;
}

/** A pipeline's own defaults.image, read without reporting (the top pipeline's are checked by readDefaults). */
function ownDefaultImage(p: PipelineValue): string | undefined {
  const d = p.config.defaults;
  return isConstObject(d) && typeof d.image === "string" ? d.image : undefined;
}

/**
 * A component or nested pipeline without its spans (its own and, in a body, every node's), as
 * canonical text: equal text, same definition, wherever it was written.
 */
function contentOf(definition: Component | SubPipeline): string {
  return canonicalJson(definition, true);
}

export function readDefaults(ctx: FrontendContext, p: PipelineValue): Defaults {
  const value = p.config.defaults;
  if (value === undefined) return {};
  const at = nodeOfProperty(p.config, "defaults", p.node);
  if (!isConstObject(value)) return ctx.report("badDefinition", at, "`defaults` must be an object"), {};
  const bad = (key: string, text: string) => ctx.report("badDefinition", nodeOfProperty(value, key, at), text);
  for (const key of Object.keys(value)) if (!DEFAULTS_KEYS.has(key)) bad(key, `unknown default \`${key}\`${didYouMean(key, DEFAULTS_KEYS)}`);
  const out: Defaults = readRunSettings(ctx, value, at);
  if (value.image !== undefined) typeof value.image === "string" ? (out.image = value.image) : bad("image", "`defaults.image` must be a string");
  if (typeof value.image === "string") checkImage(ctx, value.image, nodeOfProperty(value, "image", at));
  if (value.serviceAccount !== undefined) typeof value.serviceAccount === "string" ? (out.serviceAccount = value.serviceAccount) : bad("serviceAccount", "`serviceAccount` must be a string");
  if (value.imagePullSecrets !== undefined) {
    const list = value.imagePullSecrets;
    if (Array.isArray(list) && list.every((s) => typeof s === "string")) out.imagePullSecrets = list as string[];
    else bad("imagePullSecrets", "`imagePullSecrets` must be an array of strings");
  }
  if (value.parallelism !== undefined) {
    const n = value.parallelism;
    if (isCount(n, 1)) out.parallelism = n;
    else bad("parallelism", `\`parallelism\` must be a whole number from 1 to ${MAX_COUNT}`);
  }
  return out;
}

export function readSchedule(ctx: FrontendContext, p: PipelineValue): Schedule | undefined {
  const value = p.config.schedule;
  if (value === undefined) return undefined;
  const at = nodeOfProperty(p.config, "schedule", p.node);
  if (!isConstObject(value) || typeof value.cron !== "string") return ctx.report("badDefinition", at, "`schedule` must be { cron, timezone?, concurrencyPolicy?, catchup? }"), undefined;
  const s: ConstObject = value;
  for (const key of Object.keys(s)) if (!SCHEDULE_KEYS.has(key)) ctx.report("badDefinition", nodeOfProperty(s, key, at), `unknown schedule option \`${key}\`${didYouMean(key, SCHEDULE_KEYS)}`);
  const problem = cronProblem(value.cron);
  if (problem) ctx.report("invalidCron", nodeOfProperty(s, "cron", at), value.cron, problem);
  const out: Schedule = { cron: value.cron };
  if (typeof s.timezone === "string") out.timezone = s.timezone;
  else if (s.timezone !== undefined) ctx.report("badDefinition", nodeOfProperty(s, "timezone", at), "`timezone` must be a string such as \"UTC\" or \"Europe/Paris\"");
  if (s.concurrencyPolicy === "Allow" || s.concurrencyPolicy === "Forbid" || s.concurrencyPolicy === "Replace") out.concurrencyPolicy = s.concurrencyPolicy;
  else if (s.concurrencyPolicy !== undefined) ctx.report("invalidValue", nodeOfProperty(s, "concurrencyPolicy", at), `concurrencyPolicy ${describeValue(s.concurrencyPolicy)} must be "Allow", "Forbid" or "Replace"`);
  if (typeof s.catchup === "boolean") out.catchup = s.catchup;
  else if (s.catchup !== undefined) ctx.report("invalidValue", nodeOfProperty(s, "catchup", at), "`catchup` must be true or false");
  return out;
}

/**
 * Where the pipeline's own settings are written (IR metadata.source.settings): `defaults` and
 * `schedule`, and each known key inside them, so that back ends can point at the one they
 * talk about. Keys are the known option names only, never user text.
 */
export function settingSpans(ctx: FrontendContext, p: PipelineValue): Record<string, string> {
  const out: Record<string, string> = {};
  const groups: [string, ReadonlySet<string>][] = [["defaults", DEFAULTS_KEYS], ["schedule", SCHEDULE_KEYS]];
  for (const [group, keys] of groups) {
    const value = p.config[group];
    if (value === undefined) continue;
    const at = nodeOfProperty(p.config, group, p.node);
    out[group] = ctx.spanText(at);
    if (!isConstObject(value)) continue;
    for (const key of keys) if (Object.hasOwn(value, key)) out[`${group}.${key}`] = ctx.spanText(nodeOfProperty(value, key, at));
  }
  return out;
}
