import { resolve } from "node:path";
import { compilePipeline, type CompileOutcome, type CompileRequest } from "./compile-pipeline.js";
import { buildCompileRequest, parseFormat, type PipelineCommandOptions } from "./compile-request.js";
import { EXIT_COMPILE_ERRORS, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { displayPath, printReport, type CommandReport, type OutputFormat } from "./report.js";
import { CLI_CODES, UsageError } from "./usage-error.js";
import { writeOutputFiles } from "./write-files.js";
import { describeIoError } from "./io-error.js";
import { withSignalsDeferred } from "./write/signals.js";
import { testPauseHooks } from "./write/test-pause.js";

/**
 * What `compile` and `validate` both do: read the command line, compile in memory, and (for
 * `compile` only, and only when nothing failed) write every file. Returns the exit code.
 * `outDir` undefined means check only (`validate`).
 */
export async function runPipelineCommand(io: CliIo, fileArg: string, opts: PipelineCommandOptions, outDir: string | undefined): Promise<number> {
  let format: OutputFormat = "text";
  try {
    format = parseFormat(opts.format);
    const request = await buildCompileRequest(io, fileArg, opts);
    const outcome = compilePipeline(request);
    const failed = outcome.diagnostics.some((d) => d.severity === "error");
    if (failed) return report(io, format, outcome, request, { ok: false }, EXIT_COMPILE_ERRORS);
    if (outDir === undefined) return report(io, format, outcome, request, { ok: true, summary: checkedSummary(fileArg, outcome, request) }, EXIT_OK);
    return writeAndReport(io, format, outcome, request, outDir);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    printReport(io, format, { ok: false, files: [], diagnostics: [error.toDiagnostic()] });
    return EXIT_USAGE;
  }
}

/** Writes all files or none; a write failure is reported like any other error (SLU9006). */
function writeAndReport(io: CliIo, format: OutputFormat, outcome: CompileOutcome, request: CompileRequest, outDir: string): number {
  try {
    const target = resolve(io.cwd, outDir);
    const hooks = testPauseHooks(io.env);
    const written = io.deferSignals === false ? writeOutputFiles(target, outcome.files, hooks) : withSignalsDeferred(() => writeOutputFiles(target, outcome.files, hooks));
    return report(io, format, outcome, request, { ok: true, files: written.map((p) => displayPath(io, p)) }, EXIT_OK);
  } catch (error) {
    const message = `cannot write the output files to "${outDir}" (nothing was written): ${describeIoError(error)}`;
    const failure = { ...outcome, diagnostics: [...outcome.diagnostics, { code: CLI_CODES.writeFailed, severity: "error" as const, message }] };
    return report(io, format, failure, request, { ok: false }, EXIT_COMPILE_ERRORS);
  }
}

function report(io: CliIo, format: OutputFormat, outcome: CompileOutcome, request: CompileRequest, fields: Pick<CommandReport, "ok"> & Partial<CommandReport>, exitCode: number): number {
  printReport(io, format, {
    files: [],
    diagnostics: outcome.diagnostics,
    sources: outcome.sources,
    projectRoot: request.projectRoot,
    ...(outcome.ir ? { pipeline: outcome.ir.metadata.name } : {}),
    ...fields,
  });
  return exitCode;
}

/** `churn-training: no errors (checked: ir, argo)`, what `validate` prints on success. */
function checkedSummary(fileArg: string, outcome: CompileOutcome, request: CompileRequest): string {
  const checked = [...(request.ir ? ["ir"] : []), ...request.backends.map((b) => b.backend.name)].join(", ");
  return `${outcome.ir?.metadata.name ?? fileArg}: no errors (checked: ${checked || "front end"})`;
}
