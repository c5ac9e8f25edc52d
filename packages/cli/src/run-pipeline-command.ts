import { resolve } from "node:path";
import { compilePipeline } from "./compile-pipeline.js";
import { buildCompileRequest, parseFormat, type PipelineCommandOptions } from "./compile-request.js";
import { EXIT_COMPILE_ERRORS, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { displayPath, printReport, type OutputFormat } from "./report.js";
import { CLI_CODES, UsageError } from "./usage-error.js";
import { writeOutputFiles } from "./write-files.js";

/**
 * What `compile` and `validate` both do: read the command line, compile in memory, and (for
 * `compile` only, and only when nothing failed) write every file. Returns the exit code.
 */
export async function runPipelineCommand(io: CliIo, fileArg: string, opts: PipelineCommandOptions, outDir: string | undefined): Promise<number> {
  let format: OutputFormat = "text";
  try {
    format = parseFormat(opts.format);
    const request = await buildCompileRequest(io, fileArg, opts);
    const outcome = compilePipeline(request);
    const base = { ...(outcome.ir ? { pipeline: outcome.ir.metadata.name } : {}), sources: outcome.sources, projectRoot: request.projectRoot };
    const failed = outcome.diagnostics.some((d) => d.severity === "error");
    if (failed || outDir === undefined) {
      const checked = [...(request.ir ? ["ir"] : []), ...request.backends.map((b) => b.backend.name)].join(", ");
      const summary = failed ? undefined : `${outcome.ir?.metadata.name ?? fileArg}: no errors (checked: ${checked || "front end"})`;
      printReport(io, format, { ok: !failed, files: [], diagnostics: outcome.diagnostics, ...base, ...(summary ? { summary } : {}) });
      return failed ? EXIT_COMPILE_ERRORS : EXIT_OK;
    }
    let written: string[];
    try {
      written = writeOutputFiles(resolve(io.cwd, outDir), outcome.files);
    } catch (error) {
      const message = `cannot write the output files to "${outDir}": ${(error as Error).message}`;
      printReport(io, format, { ok: false, files: [], diagnostics: [...outcome.diagnostics, { code: CLI_CODES.writeFailed, severity: "error", message }], ...base });
      return EXIT_COMPILE_ERRORS;
    }
    printReport(io, format, { ok: true, files: written.map((p) => displayPath(io, p)), diagnostics: outcome.diagnostics, ...base });
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    printReport(io, format, { ok: false, files: [], diagnostics: [error.toDiagnostic()] });
    return EXIT_USAGE;
  }
}
