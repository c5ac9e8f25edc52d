import { SUBMIT_CODES, SubmitError, TERMINAL_PHASES, formatRunRef, type RunStatus, type SubmitClient, type TargetName } from "@sluice/submit";
import { checkParams } from "@sluice/submit/params";
import { compilePipeline } from "../compile-pipeline.js";
import { buildCompileRequest, parseFormat, type PipelineCommandOptions } from "../compile-request.js";
import { EXIT_COMPILE_ERRORS, EXIT_OK } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { printReport } from "../report.js";
import { UsageError } from "../usage-error.js";
import { reportFailure } from "./submit.js";
import { connect, type ConnectionFlags } from "./submit-connection.js";
import { liveReporter, statusText, submittedLines } from "./run-report.js";

/**
 * Compile (in memory, for the one target), check the params against the IR, connect, submit,
 * then optionally follow the run. Nothing is sent if the pipeline or a param is wrong.
 */
export async function runSubmit(io: CliIo, file: string, opts: Record<string, unknown>): Promise<number> {
  let json = opts.format === "json";
  try {
    json = parseFormat(String(opts.format)) === "json";
    const target = opts.target as TargetName;
    const request = await buildCompileRequest(io, file, { ...opts, target, format: String(opts.format), git: opts.git !== false } as PipelineCommandOptions);
    request.ir = false;
    const outcome = compilePipeline(request);
    if (outcome.diagnostics.some((d) => d.severity === "error") || !outcome.ir) {
      printReport(io, json ? "json" : "text", { ok: false, files: [], diagnostics: outcome.diagnostics, sources: outcome.sources, projectRoot: request.projectRoot });
      return EXIT_COMPILE_ERRORS;
    }
    const params = checkParams(outcome.ir, opts.param as string[]);
    const definition = outcome.ir.spec.schedule !== undefined || opts.argoKind === "template";
    if ((opts.watch || opts.wait) && definition) {
      throw new SubmitError(SUBMIT_CODES.notARun, "this pipeline compiles to a definition (a template or a schedule), not a run: there is nothing to watch", "drop --watch/--wait, or submit it as a run (without --argo-kind template and without a schedule)");
    }
    const client = await connect(target, opts as ConnectionFlags, io);
    const result = await client.submit({ ir: outcome.ir, files: outcome.files }, params, { dryRun: !!opts.dryRun, forceConflicts: !!opts.forceConflicts });
    const follow = (opts.watch || opts.wait) && !result.dryRun;
    if (!json) io.stdout(submittedLines(result));
    if (!follow || !result.ref) {
      if (json) io.stdout(JSON.stringify({ ok: true, pipeline: outcome.ir.metadata.name, ...(result.ref ? { run: formatRunRef(result.ref) } : {}), dryRun: result.dryRun, objects: result.objects, diagnostics: [] }, null, 2) + "\n");
      return EXIT_OK;
    }
    const final = await followRun(io, client, result.ref, !!opts.watch && !json);
    const ok = final.phase === "Succeeded";
    if (json) io.stdout(JSON.stringify({ ok, pipeline: outcome.ir.metadata.name, run: formatRunRef(result.ref), dryRun: false, objects: result.objects, status: final, diagnostics: [] }, null, 2) + "\n");
    else io.stdout(statusText(final) + (ok ? "" : await failedLogTails(client, final)));
    return ok ? EXIT_OK : EXIT_COMPILE_ERRORS;
  } catch (error) {
    if (error instanceof UsageError) return reportFailure(io, json, [error.toDiagnostic()], true);
    if (error instanceof SubmitError) return reportFailure(io, json, error.toDiagnostics(), error.usage);
    throw error;
  }
}

/** The last lines of each failed task's log, what a person reads first after a failure. */
async function failedLogTails(client: SubmitClient, status: RunStatus): Promise<string> {
  let text = "";
  for (const task of status.tasks.filter((t) => t.phase === "Failed" || t.phase === "Error")) {
    const lines: string[] = [];
    try {
      await client.logs(status.ref, { task: task.name }, (chunk) => lines.push(...chunk.split("\n").filter((l) => l.length > 0)));
    } catch (error) {
      // The log may be gone (pod deleted) or not readable; the failure itself is already reported.
      lines.push(`(no log: ${(error as Error).message})`);
    }
    text += `last lines of ${task.name}'s log:\n${lines.slice(-10).map((l) => `  ${l}\n`).join("")}`;
  }
  return text;
}

/** Waits for the run to end; with `live`, prints each change on stderr as it happens. */
export async function followRun(io: CliIo, client: SubmitClient, ref: RunStatus["ref"], live: boolean): Promise<RunStatus> {
  const report = live ? liveReporter(io, false) : () => {};
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  try {
    const final = await client.watch(ref, report, stop.signal);
    return TERMINAL_PHASES.has(final.phase) ? final : await client.status(ref);
  } finally {
    process.off("SIGINT", onSignal);
  }
}
