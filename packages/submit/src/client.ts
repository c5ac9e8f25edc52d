import type { JsonValue, OutputFile, Pipeline } from "@sluice/core/backend";
import type { RunRef } from "./run-ref.js";

/**
 * The one interface every orchestrator client implements. A client reads only what the compiler
 * produced (the target's files and the IR), never the pipeline source; the CLI builds it with a
 * connection it resolved (config file, environment, flags), so a client never looks for
 * credentials itself.
 */
export interface SubmitClient {
  /** Sends the compiled pipeline. `params` were checked against the IR by `checkParams`. */
  submit(input: SubmitInput, params: Readonly<Record<string, JsonValue>>, opts: SubmitOptions): Promise<SubmitResult>;
  status(ref: RunRef): Promise<RunStatus>;
  /** Writes the logs of the run's tasks (one task when `task` is given) through `write`. */
  logs(ref: RunRef, opts: LogsOptions, write: (text: string) => void): Promise<void>;
  /** Calls `onStatus` on every change until the run ends; resolves with the final status. */
  watch(ref: RunRef, onStatus: (status: RunStatus) => void, signal?: AbortSignal): Promise<RunStatus>;
  cancel(ref: RunRef): Promise<void>;
}

export interface SubmitInput {
  ir: Pipeline;
  /** The files the target's back end produced, as `sluice compile` would write them. */
  files: readonly OutputFile[];
}

export interface SubmitOptions {
  /** Ask the server to check everything without keeping anything (its own dry run). */
  dryRun?: boolean;
  /** Take over fields another manager owns when applying (server-side apply `force`). */
  forceConflicts?: boolean;
}

export interface SubmitResult {
  /** What was sent: a run, or a definition (template, schedule) that runs later. */
  kind: "run" | "definition";
  /** Set for a run (and for a dry run of one, naming what would have been created). */
  ref?: RunRef;
  dryRun: boolean;
  /** One line per object sent, for people: `Workflow argo/train-x7k2p created`. */
  objects: { kind: string; name: string; action: "created" | "applied" | "shared" | "checked" }[];
  /** What the target could not keep or do as asked (no dry run, no time zone...), said to the user. */
  notes?: string[];
  /** Who checked a dry run: the server (Argo's `dryRun=All`), or only the client (KFP has no dry run). */
  dryRunBy?: "server" | "client";
}

export interface LogsOptions {
  task?: string;
  follow?: boolean;
}

/** Phases common to every target; each client maps its own onto these. */
export type RunPhase = "Pending" | "Running" | "Succeeded" | "Failed" | "Error" | "Canceled" | "Skipped";

export const TERMINAL_PHASES: ReadonlySet<RunPhase> = new Set(["Succeeded", "Failed", "Error", "Canceled", "Skipped"]);

export interface TaskStatus {
  /** The task's name as the user wrote it (Argo's display name, KFP's task name, Airflow's task id). */
  name: string;
  phase: RunPhase;
  message?: string;
  /** How many times it was retried (attempts beyond the first). */
  retries?: number;
  startedAt?: string;
  finishedAt?: string;
}

export interface RunStatus {
  ref: RunRef;
  phase: RunPhase;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  tasks: TaskStatus[];
}
