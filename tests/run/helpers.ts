// Shared by the local-run tests: compile a pipeline file to IR in memory, run it with a fresh
// store in a temporary folder, and read back what every task received and wrote.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Pipeline } from "@sluice/core/backend";
import { analyzePipelineFile } from "@sluice/core/frontend";
import { checkParams, runPipeline, RunStore, runTasks, type RunEvent, type RunOptions, type RunResult, type TaskDetail } from "../../packages/runner/src/index.js";

export const root = fileURLToPath(new URL("../..", import.meta.url));

export function compile(rel: string, exportName?: string): Pipeline {
  const r = analyzePipelineFile(join(root, rel), { projectRoot: root, ...(exportName ? { exportName } : {}) });
  if (!r.ir) throw new Error(`${rel} does not compile: ${r.diagnostics.map((d) => d.code + " " + d.message).join("; ")}`);
  return r.ir;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `sluice-${prefix}-`));
}

export interface Ran {
  result: RunResult;
  store: RunStore;
  tasks: Map<string, TaskDetail>;
  events: RunEvent[];
  log(task: string): string;
}

/** Runs `ir` with `--param`-style strings (checked like the CLI does) into `storeDir`. */
export async function run(ir: Pipeline, storeDir: string, params: string[] = [], opts: Partial<RunOptions> = {}): Promise<Ran> {
  const checked = checkParams(ir, params, root);
  if (checked.diagnostics.length > 0) throw new Error(checked.diagnostics.map((d) => d.message).join("; "));
  const store = new RunStore(storeDir);
  const events: RunEvent[] = [];
  const result = await runPipeline(ir, { params: checked.values, store, jobs: 4, onEvent: (e) => events.push(e), ...opts });
  const tasks = new Map(runTasks(store, result.runId).map((t) => [t.path, t]));
  return {
    result,
    store,
    tasks,
    events,
    log: (task) => {
      const f = tasks.get(task)?.logFile;
      return f ? readFileSync(f, "utf8") : "";
    },
  };
}

/** The input values each task received, by task path (artifacts by content hash). */
export function received(ran: Ran): Record<string, Record<string, unknown>> {
  return Object.fromEntries([...ran.tasks.values()].map((t) => [t.path, t.inputs]));
}

export function statuses(ran: Ran): Record<string, string> {
  return Object.fromEntries([...ran.tasks.values()].map((t) => [t.path, t.status]));
}
