import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { canonicalJson, effectiveSettings, findComponent, type Component, type Retry, type RunSettings, type TaskNode } from "@sluice/core/backend";
import { buildArgv, taskFolders } from "./argv.js";
import { stopping, type EngineContext } from "./context.js";
import { readMetricsFile } from "./metrics.js";
import { artifactValue, collectOutputs, OutputError } from "./outputs.js";
import type { Scope, NodeResult } from "./scope.js";
import type { StoredObject } from "./store/cas.js";
import { isArtifactValue, type ArtifactValue, type Value } from "./types.js";
import { resolveBinding } from "./values.js";

/**
 * Runs one task instance: resolve its inputs, reuse a cached execution when one matches, else
 * run its process (retries with backoff, a timeout) in a clean folder, then store its outputs.
 */
export async function runTask(ctx: EngineContext, node: TaskNode, scope: Scope, inExit: boolean): Promise<NodeResult> {
  const component = findComponent(ctx.ir, node.component);
  const settings = effectiveSettings(ctx.ir.spec.defaults, component, node.options);
  const path = scope.path(node.id);
  const base = { path, nodeId: node.id, component: component.name, kind: component.kind };
  const inputs: Record<string, Value | undefined> = {};
  for (const input of component.inputs) {
    const b = node.inputs[input.name];
    inputs[input.name] = b ? resolveBinding(b, scope) : input.default;
  }
  const definedInputs = Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined)) as Record<string, Value>;
  const inputLinks = artifactLinks(component, definedInputs);
  const cacheKey = cacheKeyOf(component, settings, definedInputs, ctx.executor.name);

  if (ctx.cache && settings.cache !== false) {
    const hit = ctx.store.findCached(cacheKey);
    if (hit) {
      const now = new Date().toISOString();
      const rowId = ctx.store.saveTask(ctx.runId, { ...base, status: "succeeded", exitCode: hit.exitCode, startedAt: now, finishedAt: now, cacheKey, cachedFromTask: hit.taskId, cachedFromRun: hit.runId, inputs: definedInputs, outputs: hit.outputs });
      ctx.store.linkArtifacts(rowId, [...inputLinks, ...outputLinks(hit.outputs)]);
      recordMetrics(ctx, component, path, hit.outputs);
      ctx.emitTask(path, "cached", { cachedFromRun: hit.runId });
      return { state: "succeeded", outputs: hit.outputs };
    }
  }

  ctx.store.saveTask(ctx.runId, { ...base, status: "pending", cacheKey, inputs: definedInputs });
  ctx.emitTask(path, "pending");
  const release = await ctx.slots.acquire();
  try {
    if (stopping(ctx, inExit)) {
      const state = ctx.signal.aborted ? "cancelled" : "skipped";
      ctx.store.saveTask(ctx.runId, { ...base, status: state, reason: "not started: the run is stopping" });
      ctx.emitTask(path, state);
      return { state: state === "cancelled" ? "cancelled" : "skipped", outputs: {} };
    }
    return await execute(ctx, component, settings, base, definedInputs, inputLinks, cacheKey);
  } finally {
    release();
  }
}

type Base = { path: string; nodeId: string; component: string; kind: string };

async function execute(ctx: EngineContext, component: Component, settings: RunSettings, base: Base, inputs: Record<string, Value>, inputLinks: Link[], cacheKey: string): Promise<NodeResult> {
  const rowId = ctx.store.saveTask(ctx.runId, { ...base, status: "running", startedAt: new Date().toISOString() });
  const folders = taskFolders(join(ctx.store.workDir(ctx.runId), `${rowId}-${safeName(base.path)}`));
  const logFile = join(ctx.store.logsDir(ctx.runId), `${rowId}-${safeName(base.path)}.log`);
  const env = stepEnv(settings, ctx.secrets);
  const limit = settings.retry?.limit ?? 0;
  let last: { exitCode: number | null; reason: string } = { exitCode: null, reason: "" };
  for (let attempt = 1; attempt <= limit + 1; attempt++) {
    prepareFolders(ctx, component, inputs, folders);
    const argv = buildArgv(component, inputs, folders, ctx.executor.name === "local");
    ctx.store.saveTask(ctx.runId, { ...base, status: "running", attempts: attempt, logFile });
    ctx.emitTask(base.path, "running", { attempt });
    const r = await ctx.executor.run({ argv, cwd: folders.work, env, mounts: [folders.root], image: component.image, logFile, onStart: (pid) => ctx.store.saveTaskPid(rowId, pid), ...(settings.timeoutSeconds ? { timeoutSeconds: settings.timeoutSeconds } : {}) }, ctx.signal);
    maskSecrets(logFile, settings, ctx.secrets);
    if (r.cancelled) {
      ctx.store.saveTask(ctx.runId, { ...base, status: "cancelled", attempts: attempt, exitCode: r.exitCode, finishedAt: new Date().toISOString(), reason: "cancelled" });
      ctx.emitTask(base.path, "cancelled", { attempt });
      return { state: "cancelled", outputs: {} };
    }
    if (r.exitCode === 0 && !r.timedOut) {
      try {
        const { values, stored } = await collectOutputs(component, folders.outputs, ctx.store.cas);
        ctx.store.saveTask(ctx.runId, { ...base, status: "succeeded", attempts: attempt, exitCode: 0, finishedAt: new Date().toISOString(), outputs: values, cacheKey });
        ctx.store.linkArtifacts(rowId, [...inputLinks, ...stored.map((s) => ({ role: "out" as const, ...s }))]);
        recordMetrics(ctx, component, base.path, values, folders.outputs);
        ctx.emitTask(base.path, "succeeded", { attempt, exitCode: 0 });
        ctx.cleanups.push(folders.root);
        return { state: "succeeded", outputs: values };
      } catch (error) {
        if (!(error instanceof OutputError)) throw error;
        last = { exitCode: 0, reason: error.message };
      }
    } else {
      last = { exitCode: r.exitCode, reason: r.timedOut ? `timed out after ${settings.timeoutSeconds}s (its process group was killed)` : r.signal ? `killed by ${r.signal}` : `exited with code ${r.exitCode}` };
    }
    if (attempt <= limit) {
      const wait = backoffMs(settings.retry!, attempt);
      ctx.emitTask(base.path, "retrying", { attempt, reason: `${last.reason}; attempt ${attempt + 1} of ${limit + 1} in ${wait / 1000}s`, ...(last.exitCode !== null ? { exitCode: last.exitCode } : {}) });
      if (!(await sleep(wait, ctx.signal))) break;
    }
  }
  if (ctx.signal.aborted) {
    // Cancelled while waiting to retry: the run stops, this task did not fail on its own.
    ctx.store.saveTask(ctx.runId, { ...base, status: "cancelled", exitCode: last.exitCode, finishedAt: new Date().toISOString(), reason: `cancelled after: ${last.reason}` });
    ctx.emitTask(base.path, "cancelled");
    return { state: "cancelled", outputs: {} };
  }
  const logTail = tail(logFile);
  ctx.store.saveTask(ctx.runId, { ...base, status: "failed", exitCode: last.exitCode, finishedAt: new Date().toISOString(), reason: last.reason });
  ctx.store.linkArtifacts(rowId, inputLinks);
  ctx.failures.push({ task: base.path, ...(last.exitCode !== null ? { exitCode: last.exitCode } : {}), reason: last.reason, logTail });
  ctx.emitTask(base.path, "failed", { reason: last.reason, logTail, ...(last.exitCode !== null ? { exitCode: last.exitCode } : {}) });
  return { state: "failed", outputs: {} };
}

/** A fresh folder for every attempt: nothing of a failed attempt leaks into the next. */
function prepareFolders(ctx: EngineContext, component: Component, inputs: Record<string, Value>, folders: ReturnType<typeof taskFolders>): void {
  rmSync(folders.root, { recursive: true, force: true });
  for (const d of [folders.work, folders.inputs, folders.outputs]) mkdirSync(d, { recursive: true });
  for (const input of component.inputs) {
    const v = inputs[input.name];
    if (v === undefined) continue;
    const dest = join(folders.inputs, input.name);
    if (isArtifactValue(v)) ctx.store.cas.materialize(v.artifact, dest);
    else if (input.type.category === "artifactList" && Array.isArray(v)) {
      // A fan-in of artifacts is one folder holding one entry per item, in item order.
      mkdirSync(dest, { recursive: true });
      (v as ArtifactValue[]).forEach((item, i) => ctx.store.cas.materialize(item.artifact, join(dest, String(i))));
    }
  }
}

type Link = { role: "in" | "out"; name: string; idx: number; obj: StoredObject; kind: string };

function artifactLinks(component: Component, inputs: Record<string, Value>): Link[] {
  const links: Link[] = [];
  for (const [name, v] of Object.entries(inputs)) {
    const items = isArtifactValue(v) ? [v] : Array.isArray(v) && v.every(isArtifactValue) && component.inputs.find((i) => i.name === name)?.type.category === "artifactList" ? (v as ArtifactValue[]) : [];
    items.forEach((a, idx) => links.push({ role: "in", name, idx, obj: a.artifact, kind: a.artifact.kind }));
  }
  return links;
}

function outputLinks(outputs: Record<string, Value>): Link[] {
  const links: Link[] = [];
  for (const [name, v] of Object.entries(outputs)) {
    const items = isArtifactValue(v) ? [v] : Array.isArray(v) && v.length > 0 && v.every(isArtifactValue) ? (v as ArtifactValue[]) : [];
    items.forEach((a, idx) => links.push({ role: "out", name, idx, obj: a.artifact, kind: a.artifact.kind }));
  }
  return links;
}

/** Numeric parameter outputs, and every metrics artifact in the documented JSON form. */
function recordMetrics(ctx: EngineContext, component: Component, path: string, outputs: Record<string, Value>, outputsDir?: string): void {
  const metrics: { name: string; value: number; source: "param" | "artifact" }[] = [];
  for (const out of component.outputs) {
    const v = outputs[out.name];
    if (out.type.category === "param" && (out.type.type === "int" || out.type.type === "float") && typeof v === "number") metrics.push({ name: out.name, value: v, source: "param" });
    if (out.type.category === "artifact" && out.type.kind === "metrics" && isArtifactValue(v) && !v.artifact.dir) {
      const file = outputsDir ? join(outputsDir, out.name) : ctx.store.cas.objectPath(v.artifact.sha256);
      for (const m of readMetricsFile(file).metrics) metrics.push({ name: m.name, value: m.value, source: "artifact" });
    }
  }
  if (metrics.length > 0) ctx.store.saveMetrics(ctx.runId, path, metrics);
}

/**
 * Equal keys mean equal work: the step definition (without its source location), the settings
 * that change what the process sees (env, secret names, never their values), every input value
 * with artifacts by content hash, and the engine.
 */
function cacheKeyOf(component: Component, settings: RunSettings, inputs: Record<string, Value>, engine: string): string {
  const { span: _span, description: _d, ...definition } = component;
  const keyed = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, stripSizes(v)]));
  const text = canonicalJson({ v: 1, definition, env: settings.env ?? [], inputs: keyed, engine }, true);
  return "sha256:" + createHash("sha256").update(text).digest("hex");
}

function stripSizes(v: Value): unknown {
  if (isArtifactValue(v)) return { artifact: v.artifact.sha256 };
  if (Array.isArray(v)) return v.map((x) => stripSizes(x as Value));
  return v;
}

function stepEnv(settings: RunSettings, secrets: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of settings.env ?? []) {
    if ("value" in e) env[e.name] = e.value;
    else {
      const v = secrets[e.name];
      if (v === undefined) throw new Error(`IR invariant broken: secret for ${e.name} was not checked before the run`);
      env[e.name] = v;
    }
  }
  return env;
}

/**
 * A step that prints a secret would put it in its log, inside the store: once each attempt ends,
 * every secret value the task was given is replaced by *** in its log (as CI systems mask them).
 */
function maskSecrets(logFile: string, settings: RunSettings, secrets: Readonly<Record<string, string>>): void {
  const values = (settings.env ?? []).filter((e) => "secret" in e).map((e) => secrets[e.name]).filter((v): v is string => v !== undefined && v.length > 0);
  if (values.length === 0 || !existsSync(logFile)) return;
  let text = readFileSync(logFile, "utf8");
  for (const v of values) text = text.split(v).join("***");
  writeFileSync(logFile, text);
}

/** Waits durationSeconds * factor^(n-1), capped at maxDurationSeconds (no backoff: retry at once). */
export function backoffMs(retry: Retry, attempt: number): number {
  const b = retry.backoff;
  if (!b) return 0;
  const s = b.durationSeconds * Math.pow(b.factor ?? 2, attempt - 1);
  return Math.round(Math.min(s, b.maxDurationSeconds ?? Infinity) * 1000);
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms === 0) return Promise.resolve(!signal.aborted);
  return new Promise((resolve) => {
    const t = setTimeout(() => (signal.removeEventListener("abort", onAbort), resolve(true)), ms);
    const onAbort = () => (clearTimeout(t), resolve(false));
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

export function tail(file: string, lines = 20): string {
  try {
    const text = readFileSync(file, "utf8");
    return text.split("\n").slice(-lines - 1).join("\n").trimEnd();
  } catch {
    return "";
  }
}

/** A task path as a file name: `fit/train[0,1]` becomes `fit_train_0_1_`. */
function safeName(path: string): string {
  return path.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 120);
}

export { artifactValue };
