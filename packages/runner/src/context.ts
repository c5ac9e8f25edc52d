import type { Pipeline } from "@sluice/core/backend";
import type { Executor } from "./executor.js";
import type { Semaphore } from "./semaphore.js";
import type { RunStore } from "./store/run-store.js";
import type { RunEvent, TaskState } from "./types.js";

/** A task that failed, as the run's summary reports it. */
export interface TaskFailure {
  task: string;
  exitCode?: number;
  reason: string;
  logTail: string;
}

/** What every part of one run shares. */
export interface EngineContext {
  ir: Pipeline;
  store: RunStore;
  runId: number;
  executor: Executor;
  /** Slots for running processes: min(--jobs, defaults.parallelism). */
  slots: Semaphore;
  /** Aborted on SIGINT (cancel): running processes are killed, nothing new starts. */
  signal: AbortSignal;
  cache: boolean;
  secrets: Readonly<Record<string, string>>;
  failures: TaskFailure[];
  /**
   * Folders of tasks that succeeded, removed when the run ends rather than one by one: on some
   * disks a recursive delete costs more than a no-op task, and it would contend with the
   * folders the next tasks create.
   */
  cleanups: string[];
  emit(e: RunEvent): void;
  emitTask(task: string, state: TaskState, extra?: Partial<Extract<RunEvent, { event: "task" }>>): void;
}

/** Once a task failed, no new task starts except in an exit handler's block (fail fast, as Argo's DAGs do). */
export function stopping(ctx: EngineContext, inExit: boolean): boolean {
  return ctx.signal.aborted || (ctx.failures.length > 0 && !inExit);
}
