import { join } from "node:path";
import type { Diagnostic } from "@sluice/core/backend";
import { artifactValue, checkParams, checkScaleOutSteps, containerExecutor, loadSecrets, localExecutor, probeEngine, resolveStoreDir, RUN_CODES, RunStore, runPipeline, type Executor, type RunResult, type Value } from "@sluice/runner";
import { compilePipeline } from "../compile-pipeline.js";
import { buildCompileRequest } from "../compile-request.js";
import { EXIT_COMPILE_ERRORS, EXIT_OK, EXIT_USAGE } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { printReport } from "../report.js";
import { UsageError } from "../usage-error.js";
import type { RunCommandOptions } from "./run.js";
import { jsonProgress, liveProgress, lineProgress, type Progress } from "./run-progress.js";

/** Exit code of a cancelled run: 128 + SIGINT, what shells report for Ctrl-C. */
export const EXIT_CANCELLED = 130;

/**
 * `sluice run`: compile in memory, check the params and secrets against the IR (nothing runs if
 * any is wrong), run, report. Exit 0 when the run succeeded, 1 when it failed (or the pipeline
 * has errors), 2 for a mistake on the command line, 130 when cancelled.
 */
export async function runCommand(io: CliIo, file: string, opts: RunCommandOptions): Promise<number> {
  const json = opts.format === "json";
  const fail = (diagnostics: Diagnostic[], code: number, extra?: { sources?: ReadonlyMap<string, string>; projectRoot?: string }): number => {
    if (json) io.stdout(JSON.stringify({ ok: false, diagnostics }) + "\n");
    else printReport(io, "text", { ok: false, files: [], diagnostics, ...extra });
    return code;
  };
  try {
    if (opts.format !== "text" && opts.format !== "json") throw new UsageError("SLU9007", `unknown --format "${opts.format}"`, "formats are text and json");
    const jobs = opts.jobs === undefined ? undefined : Number(opts.jobs);
    if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError(RUN_CODES.badOption, `--jobs must be a whole number of at least 1, not "${opts.jobs}"`);
    const executor = pickExecutor(opts.engine);
    const request = await buildCompileRequest(io, file, { target: "ir", format: "text", git: opts.git, ...(opts.export !== undefined ? { export: opts.export } : {}) });
    const outcome = compilePipeline({ ...request, ir: false });
    const located = { sources: outcome.sources, projectRoot: request.projectRoot };
    if (!outcome.ir || outcome.diagnostics.some((d) => d.severity === "error")) return fail(outcome.diagnostics, EXIT_COMPILE_ERRORS, located);
    const ir = outcome.ir;
    const checked = checkParams(ir, opts.param, io.cwd);
    const storeDir = resolveStoreDir({ ...(opts.store !== undefined ? { store: opts.store } : {}), env: io.env, projectRoot: request.projectRoot, cwd: io.cwd });
    const secrets = loadSecrets(ir, opts.envFile ? join(io.cwd, opts.envFile) : join(storeDir, "secrets.env"), io.env);
    const problems = [...checkScaleOutSteps(ir), ...checked.diagnostics, ...secrets.diagnostics];
    if (problems.length > 0) return fail(problems, EXIT_USAGE, located);

    const store = new RunStore(storeDir);
    try {
      const params: Record<string, Value> = { ...checked.values };
      for (const [name, path] of Object.entries(checked.artifactPaths)) {
        const p = ir.spec.params.find((x) => x.name === name)!;
        params[name] = artifactValue(await store.cas.put(path), p.type.category === "artifact" ? p.type.kind : "artifact");
      }
      const progress: Progress = json ? jsonProgress(io) : isTerminal(io) ? liveProgress(io) : lineProgress(io);
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.on("SIGINT", onSigint);
      process.on("SIGTERM", onSigint);
      let result: RunResult;
      const started = Date.now();
      try {
        result = await runPipeline(ir, { params, store, cache: opts.cache, executor, secrets: secrets.secrets, signal: controller.signal, onEvent: (e) => progress.onEvent(e), ...(jobs !== undefined ? { jobs } : {}) });
      } finally {
        progress.stop();
        process.off("SIGINT", onSigint);
        process.off("SIGTERM", onSigint);
      }
      const mlflowUri = opts.mlflow ?? io.env.MLFLOW_TRACKING_URI;
      if (mlflowUri) {
        const { logRunToMlflow } = await import("@sluice/runner/mlflow");
        try {
          const ref = await logRunToMlflow(store, result.runId, mlflowUri);
          if (json) io.stdout(JSON.stringify({ event: "mlflow", runId: result.runId, experimentId: ref.experimentId, mlflowRunId: ref.runId }) + "\n");
          else io.stderr(`logged to MLflow: experiment ${ref.experimentId}, run ${ref.runId}\n`);
        } catch (error) {
          const d: Diagnostic = { code: RUN_CODES.mlflowFailed, severity: "error", message: `run ${result.runId} is recorded, but logging it to MLflow at ${mlflowUri} failed: ${(error as Error).message}` };
          if (json) io.stdout(JSON.stringify({ ok: false, diagnostics: [d] }) + "\n");
          else printReport(io, "text", { ok: false, files: [], diagnostics: [d] });
          return EXIT_COMPILE_ERRORS;
        }
      }
      if (!json) printSummary(io, store, result, Date.now() - started);
      return result.status === "succeeded" ? EXIT_OK : result.status === "cancelled" ? EXIT_CANCELLED : EXIT_COMPILE_ERRORS;
    } finally {
      store.close();
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return fail([error.toDiagnostic()], EXIT_USAGE);
  }
}

function pickExecutor(engine: string): Executor {
  if (engine === "local") return localExecutor;
  if (engine !== "docker" && engine !== "podman") throw new UsageError(RUN_CODES.badOption, `unknown --engine "${engine}"`, "engines are local, docker and podman");
  const probe = probeEngine(engine);
  if (!probe.ok) throw new UsageError(RUN_CODES.engineUnavailable, `--engine ${engine}: no ${engine} engine is reachable (${probe.reason})`, `start the ${engine} daemon, or run the steps as local processes with --engine local (the default)`);
  return containerExecutor(engine);
}

function isTerminal(io: CliIo): boolean {
  return io.env === process.env && process.stderr.isTTY === true && io.env.TERM !== "dumb";
}

function printSummary(io: CliIo, store: RunStore, result: RunResult, ms: number): void {
  const rows = store.db.prepare("SELECT status, cached_from_task IS NOT NULL AS cached FROM tasks WHERE run_id = ?").all(result.runId) as { status: string; cached: number }[];
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  const cached = rows.filter((r) => r.cached).length;
  const parts = [`${count("succeeded") - cached} ran`, `${cached} cached`, ...(count("failed") ? [`${count("failed")} failed`] : []), ...(count("skipped") ? [`${count("skipped")} skipped`] : []), ...(count("cancelled") ? [`${count("cancelled")} cancelled`] : [])];
  for (const f of result.failures) {
    io.stderr(`\ntask ${f.task} failed: ${f.reason}${f.exitCode !== undefined ? ` (exit code ${f.exitCode})` : ""}\n`);
    if (f.logTail) io.stderr(f.logTail.split("\n").map((l) => `  | ${l}`).join("\n") + "\n");
  }
  io.stdout(`run ${result.runId} ${result.status}: ${rows.length} tasks (${parts.join(", ")}) in ${(ms / 1000).toFixed(1)}s\n`);
  io.stdout(`see: sluice runs show ${result.runId}\n`);
}
