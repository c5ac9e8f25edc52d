import { existsSync, renameSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import type { JsonValue } from "@sluice/core/backend";
import type { LogsOptions, RunPhase, RunStatus, SubmitClient, SubmitInput, SubmitOptions, SubmitResult, TaskStatus } from "../client.js";
import { pollUntilDone } from "../poll.js";
import { SUBMIT_CODES, SubmitError } from "../errors.js";
import type { RunRef } from "../run-ref.js";
import { AirflowHttp, type AirflowConnection } from "./http.js";

/** Marks a run `sluice cancel` stopped: Airflow has no canceled state, only failed. */
const CANCEL_NOTE = "canceled by sluice cancel";

export interface AirflowTiming {
  /** How long to wait for the DAG processor to parse a new file (it lists the folder at its refresh interval). */
  parseTimeoutMs: number;
  pollMs: number;
}

/**
 * Airflow 3 through its REST API v2, or Airflow 2.10 through API v1 (found by asking the server,
 * http.ts): the DAG file goes into the deployment's DAGs folder, the
 * client waits until the DAG processor has parsed it (reporting its import error at once),
 * unpauses the DAG and triggers a run with the params as `conf`. Airflow has no watch API:
 * `watch` polls the run and its task instances.
 */
export class AirflowClient implements SubmitClient {
  private readonly http: AirflowHttp;

  constructor(
    private readonly conn: AirflowConnection,
    private readonly timing: AirflowTiming = { parseTimeoutMs: 180_000, pollMs: 1000 },
  ) {
    this.http = new AirflowHttp(conn);
  }

  async submit(input: SubmitInput, params: Readonly<Record<string, JsonValue>>, opts: SubmitOptions): Promise<SubmitResult> {
    const file = input.files.find((f) => f.path.endsWith(".py"));
    if (!file) throw new Error("the Airflow back end produced no .py file");
    const dagId = input.ir.metadata.name;
    if (!this.conn.dagsFolder) throw new SubmitError(SUBMIT_CODES.noConnection, "no Airflow DAGs folder is configured", "pass --airflow-dags-folder PATH (the folder your Airflow deployment reads DAG files from)");
    if (!existsSync(this.conn.dagsFolder)) throw new SubmitError(SUBMIT_CODES.noConnection, `the Airflow DAGs folder "${this.conn.dagsFolder}" does not exist`);
    await this.checkMajorVersion(file.contents, basename(file.path));
    if (opts.dryRun) {
      await this.http.request("GET", "/version");
      return { kind: "run", dryRun: true, objects: [{ kind: "DAG file", name: join(this.conn.dagsFolder, basename(file.path)), action: "checked" }] };
    }
    const target = join(this.conn.dagsFolder, basename(file.path));
    // Written whole then renamed, so the DAG processor never reads half a file.
    writeFileSync(`${target}.sluice-tmp`, file.contents);
    renameSync(`${target}.sluice-tmp`, target);
    await this.waitForDag(dagId, basename(file.path));
    await this.http.request("PATCH", `/dags/${enc(dagId)}`, { is_paused: false }, `unpause DAG ${dagId}`);
    // Airflow 3 wants logical_date (null: none); Airflow 2's API v1 fills it in itself.
    const trigger = (await this.http.api()) === "v2" ? { logical_date: null, conf: params } : { conf: params };
    const run = await this.http.request<{ dag_run_id: string }>("POST", `/dags/${enc(dagId)}/dagRuns`, trigger, `trigger DAG ${dagId}`);
    return { kind: "run", dryRun: false, ref: { target: "airflow", id: `${dagId}/${run.dag_run_id}` }, objects: [{ kind: "DAG file", name: target, action: "created" }, { kind: "DAG run", name: `${dagId}/${run.dag_run_id}`, action: "created" }] };
  }

  /**
   * A DAG file written for one Airflow major does not import on the other (`airflow.sdk` is
   * Airflow 3's; Airflow 2's operators moved), so a mismatch is said before anything is sent,
   * rather than as an import error after the file was placed.
   */
  private async checkMajorVersion(contents: string, fileName: string): Promise<void> {
    const fileFor = /^from airflow\.sdk import (.+, )?DAG\b/m.test(contents) ? "v2" : "v1";
    const server = await this.http.api();
    if (fileFor === server) return;
    const [serverMajor, fileMajor, flag] = server === "v1" ? ["2", "3", "--airflow-version 2"] : ["3", "2", "--airflow-version 3 (the default)"];
    throw new SubmitError(SUBMIT_CODES.invalid, `${fileName} was compiled for Airflow ${fileMajor}, but the server at ${this.http.base} runs Airflow ${serverMajor}`, `submit with ${flag}`);
  }

  /** Waits until Airflow has parsed the file; its import error, if any, is reported at once. */
  private async waitForDag(dagId: string, fileName: string): Promise<void> {
    const deadline = Date.now() + this.timing.parseTimeoutMs;
    for (;;) {
      const errors = await this.http.request<{ import_errors: { filename: string; stack_trace: string }[] }>("GET", "/importErrors?limit=100", undefined, "list import errors");
      const ours = errors.import_errors.find((e) => basename(e.filename) === fileName);
      if (ours) throw new SubmitError(SUBMIT_CODES.invalid, `Airflow could not import ${fileName}`, ours.stack_trace.trim().split("\n").slice(-3).join(" | "));
      const found = await this.http.request("GET", `/dags/${enc(dagId)}`, undefined, `get DAG ${dagId}`).then(
        () => true,
        (error) => (error instanceof SubmitError && error.code === SUBMIT_CODES.runNotFound ? false : Promise.reject(error)),
      );
      if (found) return;
      if (Date.now() > deadline) {
        throw new SubmitError(SUBMIT_CODES.runNotFound, `Airflow did not list DAG "${dagId}" within ${Math.round(this.timing.parseTimeoutMs / 1000)}s of writing ${fileName}`, "Airflow finds new files only at its refresh interval ([dag_processor] refresh_interval, 5 minutes by default): wait, or lower it");
      }
      await delay(this.timing.pollMs);
    }
  }

  async status(ref: RunRef): Promise<RunStatus> {
    const [dagId, runId] = split(ref);
    const run = await this.http.request<{ state: string; note?: string | null; start_date?: string; end_date?: string }>("GET", `/dags/${enc(dagId)}/dagRuns/${enc(runId)}`, undefined, `get run ${ref.id}`);
    const tis = await this.http.request<{ task_instances: { task_id: string; state: string | null; try_number: number; start_date?: string; end_date?: string; map_index: number }[] }>(
      "GET",
      `/dags/${enc(dagId)}/dagRuns/${enc(runId)}/taskInstances?limit=1000`,
      undefined,
      `list the tasks of ${ref.id}`,
    );
    const tasks: TaskStatus[] = tis.task_instances.map((ti) => ({
      name: ti.map_index >= 0 ? `${ti.task_id}[${ti.map_index}]` : ti.task_id,
      phase: taskPhase(ti.state),
      ...(ti.try_number > 1 ? { retries: ti.try_number - 1 } : {}),
      ...(ti.start_date ? { startedAt: ti.start_date } : {}),
      ...(ti.end_date ? { finishedAt: ti.end_date } : {}),
    }));
    const phase: RunPhase = run.state === "success" ? "Succeeded" : run.state === "failed" ? (run.note === CANCEL_NOTE ? "Canceled" : "Failed") : run.state === "running" ? "Running" : "Pending";
    return { ref, phase, tasks, ...(run.start_date ? { startedAt: run.start_date } : {}), ...(run.end_date ? { finishedAt: run.end_date } : {}) };
  }

  watch(ref: RunRef, onStatus: (status: RunStatus) => void, signal?: AbortSignal): Promise<RunStatus> {
    return pollUntilDone(() => this.status(ref), onStatus, this.timing.pollMs, signal);
  }

  async logs(ref: RunRef, opts: LogsOptions, write: (text: string) => void): Promise<void> {
    const [dagId, runId] = split(ref);
    const status = await this.status(ref);
    const tasks = status.tasks.filter((t) => opts.task === undefined || t.name === opts.task || t.name.replace(/\[\d+\]$/, "") === opts.task);
    if (opts.task !== undefined && tasks.length === 0) throw new SubmitError(SUBMIT_CODES.taskNotFound, `run ${ref.id} has no task "${opts.task}"`, `its tasks are ${status.tasks.map((t) => t.name).join(", ")}`);
    for (const t of tasks) {
      const m = /^(.*)\[(\d+)\]$/.exec(t.name);
      const taskId = m ? m[1]! : t.name;
      const query = `full_content=true${m ? `&map_index=${m[2]}` : ""}`;
      const tryNumber = (t.retries ?? 0) + 1;
      const log = await this.http.request<{ content: unknown }>("GET", `/dags/${enc(dagId)}/dagRuns/${enc(runId)}/taskInstances/${enc(taskId)}/logs/${tryNumber}?${query}`, undefined, `read the log of ${t.name}`);
      for (const line of logLines(log.content)) write(`[${t.name}] ${line}\n`);
    }
  }

  async cancel(ref: RunRef): Promise<void> {
    const [dagId, runId] = split(ref);
    const run = `/dags/${enc(dagId)}/dagRuns/${enc(runId)}`;
    // The note first: a run that is failed without it would read as Failed, not Canceled.
    if ((await this.http.api()) === "v2") {
      await this.http.request("PATCH", `${run}?update_mask=note`, { note: CANCEL_NOTE }, `mark ${ref.id}`);
      await this.http.request("PATCH", `${run}?update_mask=state`, { state: "failed" }, `cancel ${ref.id}`);
    } else {
      await this.http.request("PATCH", `${run}/setNote`, { note: CANCEL_NOTE }, `mark ${ref.id}`);
      await this.http.request("PATCH", run, { state: "failed" }, `cancel ${ref.id}`);
    }
  }
}

function split(ref: RunRef): [string, string] {
  const slash = ref.id.indexOf("/");
  return [ref.id.slice(0, slash), ref.id.slice(slash + 1)];
}

const enc = encodeURIComponent;

function taskPhase(state: string | null): RunPhase {
  switch (state) {
    case "success":
      return "Succeeded";
    case "failed":
    case "upstream_failed":
      return "Failed";
    case "skipped":
    case "removed":
      return "Skipped";
    case "running":
    case "up_for_retry":
    case "restarting":
    case "deferred":
      return "Running";
    default:
      return "Pending";
  }
}

/**
 * Airflow 3 returns structured log records; older servers a string. The "log message source
 * details" group (which file the log came from) is left out; an error record keeps its
 * exception, which is the line a person needs.
 */
function logLines(content: unknown): string[] {
  if (typeof content === "string") return content.split("\n");
  if (!Array.isArray(content)) return [];
  const lines: string[] = [];
  let inGroup = false;
  for (const entry of content as { event?: unknown; error_detail?: { exc_type?: string; exc_value?: string }[] }[]) {
    const event = typeof entry === "string" ? entry : typeof entry?.event === "string" ? entry.event : JSON.stringify(entry);
    if (event.startsWith("::group::")) inGroup = true;
    else if (event.startsWith("::endgroup::")) inGroup = false;
    else if (!inGroup) {
      const error = typeof entry === "object" ? entry?.error_detail?.[0] : undefined;
      lines.push(error ? `${event}: ${error.exc_type}: ${error.exc_value}` : event);
    }
  }
  return lines;
}
