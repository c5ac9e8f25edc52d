import { cpus } from "node:os";
import { rm } from "node:fs/promises";
import type { Pipeline } from "@sluice/core/backend";
import type { EngineContext, TaskFailure } from "./context.js";
import { runNodes } from "./engine.js";
import { localExecutor, type Executor } from "./executor.js";
import { Scope } from "./scope.js";
import { Semaphore } from "./semaphore.js";
import type { RunStore } from "./store/run-store.js";
import type { RunEvent, RunStatus, Value } from "./types.js";

export interface RunOptions {
  /** Pipeline param values, already checked against the IR (see checkParams); defaults fill the rest. */
  params: Record<string, Value>;
  store: RunStore;
  /** At most this many processes at once (also bounded by the pipeline's defaults.parallelism). */
  jobs?: number;
  /** false: run every task even when an earlier execution matches (`--no-cache`). */
  cache?: boolean;
  executor?: Executor;
  /** Secret values by the env var name the step sees; never stored. */
  secrets?: Record<string, string>;
  /** Abort to cancel: running processes are killed, the run is marked cancelled. */
  signal?: AbortSignal;
  onEvent?: (e: RunEvent) => void;
  /** Called with the run id as soon as the run is recorded (before any task starts). */
  onRunCreated?: (runId: number) => void;
}

export interface RunResult {
  runId: number;
  status: RunStatus;
  failures: TaskFailure[];
}

/**
 * Runs a pipeline's IR on this machine and records it in the store. The one entry point of the
 * local engine; it reads only the IR (never the pipeline's source).
 */
export async function runPipeline(ir: Pipeline, opts: RunOptions): Promise<RunResult> {
  const executor = opts.executor ?? localExecutor;
  const params = { ...defaultsOf(ir), ...opts.params };
  const runId = opts.store.createRun(ir, params, executor.name);
  opts.onRunCreated?.(runId);
  const emit = opts.onEvent ?? (() => {});
  const signal = opts.signal ?? new AbortController().signal;
  const jobs = Math.max(1, Math.min(opts.jobs ?? cpus().length, ir.spec.defaults.parallelism ?? Number.MAX_SAFE_INTEGER));
  const ctx: EngineContext = {
    ir,
    store: opts.store,
    runId,
    executor,
    slots: new Semaphore(jobs),
    signal,
    cache: opts.cache ?? true,
    secrets: opts.secrets ?? {},
    failures: [],
    cleanups: [],
    emit,
    emitTask: (task, state, extra) => emit({ event: "task", runId, task, state, attempt: 1, time: new Date().toISOString(), ...extra }),
  };
  emit({ event: "run-started", runId, pipeline: ir.metadata.name, irHash: ir.metadata.hash, time: new Date().toISOString() });
  let status: RunStatus;
  let error: string | undefined;
  try {
    const outcome = await runNodes(ctx, ir.spec.root, new Scope(params, undefined, new Map(), "", []), false);
    status = signal.aborted ? "cancelled" : outcome === "failed" || ctx.failures.length > 0 ? "failed" : outcome === "cancelled" ? "cancelled" : "succeeded";
    if (status === "failed") error = ctx.failures.map((f) => `${f.task}: ${f.reason}`).join("; ");
  } catch (e) {
    status = "failed";
    error = `internal error: ${(e as Error).message}`;
    ctx.failures.push({ task: "(engine)", reason: error, logTail: "" });
  }
  opts.store.finishRun(runId, status, error);
  // A succeeded run keeps no scratch folder; a failed one keeps only its failed tasks' folders.
  if (status === "succeeded") await rm(opts.store.workDir(runId), { recursive: true, force: true });
  else await Promise.all(ctx.cleanups.map((dir) => rm(dir, { recursive: true, force: true })));
  emit({ event: "run-finished", runId, status, time: new Date().toISOString(), ...(ctx.failures.length > 0 ? { failed: ctx.failures } : {}) });
  return { runId, status, failures: ctx.failures };
}

function defaultsOf(ir: Pipeline): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const p of ir.spec.params) if (p.default !== undefined) out[p.name] = p.default;
  return out;
}
