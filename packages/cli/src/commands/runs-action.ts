import { existsSync } from "node:fs";
import { join } from "node:path";
import { artifactLineage, compareRuns, countRuns, gc, getRun, listRuns, resolveStoreDir, RUN_CODES, runLineage, runLogs, runMetrics, RunStore, runTasks, type LineageNode } from "@sluice/runner";
import { EXIT_OK, EXIT_USAGE } from "../exit-codes.js";
import { gitTopLevel } from "../git-info.js";
import type { CliIo } from "../io.js";
import { printReport } from "../report.js";
import { UsageError } from "../usage-error.js";
import type { RunsOptions } from "./runs.js";
import { formatCompare, formatLineage, formatList, formatShow } from "./runs-format.js";

/** Runs one `sluice runs` subcommand; returns the exit code (2 for an unknown run or bad argument). */
export async function runsAction(io: CliIo, name: string, args: (string | string[] | undefined)[], opts: RunsOptions): Promise<number> {
  const json = opts.format === "json";
  try {
    if (opts.format !== "text" && opts.format !== "json") throw new UsageError("SLU9007", `unknown --format "${opts.format}"`, "formats are text and json");
    const dir = resolveStoreDir({ ...(opts.store !== undefined ? { store: opts.store } : {}), env: io.env, projectRoot: gitTopLevel(io.cwd) ?? io.cwd, cwd: io.cwd });
    if (!existsSync(join(dir, "runs.db"))) {
      if (name === "list") return out(io, json, { runs: [], total: 0 }, `no runs yet (store ${dir})\n`);
      throw new UsageError(RUN_CODES.unknownRun, `there is no run store at ${dir}`, "run a pipeline with sluice run, or point --store / SLUICE_HOME at the store");
    }
    const store = new RunStore(dir);
    try {
      return dispatch(io, store, name, args, opts, json);
    } finally {
      store.close();
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (json) io.stdout(JSON.stringify({ ok: false, diagnostics: [error.toDiagnostic()] }) + "\n");
    else printReport(io, "text", { ok: false, files: [], diagnostics: [error.toDiagnostic()] });
    return EXIT_USAGE;
  }
}

function dispatch(io: CliIo, store: RunStore, name: string, args: (string | string[] | undefined)[], opts: RunsOptions, json: boolean): number {
  switch (name) {
    case "list": {
      const limit = opts.limit === undefined ? 50 : Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(RUN_CODES.badOption, `--limit must be a whole number of at least 1, not "${opts.limit}"`);
      const runs = listRuns(store, { ...(opts.pipeline ? { pipeline: opts.pipeline } : {}), limit });
      const total = countRuns(store, opts.pipeline);
      return out(io, json, { runs, total }, formatList(runs, total));
    }
    case "show": {
      const run = needRun(store, args[0] as string);
      const data = { run, metrics: runMetrics(store, run.id), tasks: runTasks(store, run.id) };
      return out(io, json, data, formatShow(data));
    }
    case "compare": {
      const ids = (args[0] as string[]).map((a) => needRun(store, a).id);
      if (ids.length < 2) throw new UsageError(RUN_CODES.badOption, "runs compare needs at least two run ids");
      const cmp = compareRuns(store, ids);
      return out(io, json, cmp, formatCompare(cmp));
    }
    case "lineage": {
      const arg = args[0] as string;
      if (/^\d+$/.test(arg)) {
        const run = needRun(store, arg);
        const artifacts = runLineage(store, run.id);
        const data = { run: run.id, pipeline: run.pipeline, params: run.params, git: run.git ?? null, irHash: run.irHash, artifacts };
        return out(io, json, data, formatLineage(data));
      }
      const sha = resolveHash(store, arg);
      const node = artifactLineage(store, sha) as LineageNode;
      return out(io, json, node, formatLineage(node));
    }
    case "logs": {
      const run = needRun(store, args[0] as string);
      const task = args[1] as string | undefined;
      const logs = runLogs(store, run.id, task);
      if (task !== undefined && logs.length === 0) throw new UsageError(RUN_CODES.unknownRun, `run ${run.id} has no task "${task}"`, `its tasks are ${runTasks(store, run.id).map((t) => t.path).join(", ")}`);
      return out(io, json, { run: run.id, logs }, logs.map((l) => (logs.length > 1 ? `==> ${l.task} <==\n` : "") + l.log).join(logs.length > 1 ? "\n" : ""));
    }
    case "gc": {
      const r = gc(store);
      return out(io, json, r, `removed ${r.removedObjects} unreferenced artifact objects (${r.freedBytes} bytes) and ${r.removedWorkDirs} scratch folders\n`);
    }
    default:
      throw new UsageError(RUN_CODES.badOption, `unknown runs command "${name}"`);
  }
}

function out(io: CliIo, json: boolean, data: unknown, text: string): number {
  io.stdout(json ? JSON.stringify(data, null, 2) + "\n" : text);
  return EXIT_OK;
}

function needRun(store: RunStore, arg: string): NonNullable<ReturnType<typeof getRun>> {
  const id = /^\d+$/.test(arg) ? Number(arg) : NaN;
  const run = Number.isNaN(id) ? undefined : getRun(store, id);
  if (!run) throw new UsageError(RUN_CODES.unknownRun, `there is no run "${arg}" in the store`, "sluice runs list shows the recorded runs");
  return run;
}

function resolveHash(store: RunStore, arg: string): string {
  const prefix = arg.startsWith("sha256:") ? arg : `sha256:${arg}`;
  const rows = store.db.prepare("SELECT sha256 FROM artifacts WHERE sha256 >= ? AND sha256 < ? LIMIT 2").all(prefix, prefix + "\uffff") as { sha256: string }[];
  if (rows.length !== 1) throw new UsageError(RUN_CODES.unknownRun, rows.length === 0 ? `no artifact with hash ${arg} in the store` : `the hash prefix ${arg} names more than one artifact`, "runs show RUN lists each artifact's hash");
  return rows[0]!.sha256;
}
