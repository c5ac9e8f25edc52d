import type { RunPhase, RunStatus, TaskStatus } from "../client.js";
import type { RunRef } from "../run-ref.js";

/** The parts of a v2beta1 Run the status reads. */
export interface KfpRun {
  run_id?: string;
  display_name?: string;
  state?: string;
  error?: { message?: string };
  created_at?: string;
  finished_at?: string;
  state_history?: { state?: string; error?: { message?: string } }[];
  run_details?: { task_details?: KfpTaskDetail[] };
}

export interface KfpTaskDetail {
  task_id?: string;
  display_name?: string;
  state?: string;
  create_time?: string;
  start_time?: string;
  end_time?: string;
  error?: { message?: string };
  executor_detail?: { main_job?: string; failed_main_jobs?: string[] };
}

/** KFP's RuntimeState onto the common phases. CANCELING is still running; CANCELED is terminal. */
export function kfpPhase(state: string | undefined): RunPhase {
  switch (state) {
    case "SUCCEEDED":
      return "Succeeded";
    case "FAILED":
      return "Failed";
    case "SKIPPED":
      return "Skipped";
    case "CANCELED":
      return "Canceled";
    case "RUNNING":
    case "CANCELING":
    case "PAUSED":
      return "Running";
    default:
      return "Pending";
  }
}

/**
 * A Run as the common status. Tasks are the run's task details by display name (the task names of
 * the pipeline); when KFP lists a task more than once (a retried or re-driven one), the latest
 * created wins, and the failed main jobs it recorded count as retries.
 */
export function runStatus(ref: RunRef, run: KfpRun): RunStatus {
  const byName = new Map<string, KfpTaskDetail>();
  for (const t of run.run_details?.task_details ?? []) {
    if (!t.display_name) continue;
    const seen = byName.get(t.display_name);
    if (!seen || (t.create_time ?? "") >= (seen.create_time ?? "")) byName.set(t.display_name, t);
  }
  const tasks: TaskStatus[] = [...byName.entries()].map(([name, t]) => {
    const retries = t.executor_detail?.failed_main_jobs?.length ?? 0;
    return {
      name,
      phase: kfpPhase(t.state),
      ...(t.error?.message ? { message: t.error.message } : {}),
      ...(retries > 0 ? { retries } : {}),
      ...(t.start_time ? { startedAt: t.start_time } : {}),
      ...(t.end_time ? { finishedAt: t.end_time } : {}),
    };
  });
  const message = run.error?.message ?? [...(run.state_history ?? [])].reverse().find((s) => s.error?.message)?.error?.message;
  return {
    ref,
    phase: kfpPhase(run.state),
    ...(message ? { message } : {}),
    ...(run.created_at ? { startedAt: run.created_at } : {}),
    ...(run.finished_at && !run.finished_at.startsWith("1970-") ? { finishedAt: run.finished_at } : {}),
    tasks,
  };
}
