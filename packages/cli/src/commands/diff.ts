import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { OutputFile } from "@sluice/core/backend";
import type { PipelineCommandOptions } from "../compile-request.js";
import { EXIT_COMPILE_ERRORS, EXIT_OK, EXIT_USAGE } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { printReport } from "../report.js";
import { compareWithGoldens } from "../testing/golden.js";
import { UsageError } from "../usage-error.js";
import { addPipelineOptions } from "./pipeline-options.js";
import { WORKFLOW_CODES } from "./workflow-codes.js";

/**
 * `sluice diff FILE... --against DIR`: the check a user's CI runs so that committed manifests
 * never drift from their source. Compiles in memory, without git state (which changes with every
 * commit), and compares byte for byte with DIR. Exit 0 when equal, 1 with a unified diff when not.
 */
export function registerDiffCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  const command = program
    .command("diff")
    .description("compile in memory and compare with the files in a folder: exit 0 when equal, 1 with a unified diff when not")
    .argument("<files...>", "the pipeline files (TypeScript) whose output the folder holds")
    .requiredOption("--against <dir>", "the folder of committed output (written by sluice compile --no-git)");
  addPipelineOptions(command, "all");
  command.action(async (files: string[], opts: PipelineCommandOptions & { against: string }) => {
    setExitCode(await runDiff(io, files, opts));
  });
  return command;
}

async function runDiff(io: CliIo, fileArgs: string[], opts: PipelineCommandOptions & { against: string }): Promise<number> {
  // Loaded on use: the front end pulls in the TypeScript compiler, which --help does not need.
  const [{ buildCompileRequest, parseFormat }, { compilePipeline }] = await Promise.all([import("../compile-request.js"), import("../compile-pipeline.js")]);
  let format: "text" | "json" = "text";
  try {
    format = parseFormat(opts.format);
    const against = resolve(io.cwd, opts.against);
    if (!existsSync(against) || !statSync(against).isDirectory()) {
      throw new UsageError(WORKFLOW_CODES.againstNotFound, `the folder "${opts.against}" does not exist`, "write it first with sluice compile --no-git --out DIR, and commit it");
    }
    const files: OutputFile[] = [];
    for (const fileArg of fileArgs) {
      const request = await buildCompileRequest(io, fileArg, { ...opts, git: false });
      const outcome = compilePipeline(request);
      if (outcome.diagnostics.some((d) => d.severity === "error")) {
        printReport(io, format, { ok: false, files: [], diagnostics: outcome.diagnostics, sources: outcome.sources, projectRoot: request.projectRoot });
        return EXIT_COMPILE_ERRORS;
      }
      files.push(...outcome.files);
    }
    const shown = opts.against.replace(/\/+$/, "") || ".";
    const problems = compareWithGoldens(against, files, { expected: shown, actual: "compiled" });
    const changed = problems.flatMap((p) => (p.kind === "mismatch" ? [p] : []));
    const missing = problems.flatMap((p) => (p.kind === "missing" ? [p.path] : []));
    const extra = problems.flatMap((p) => (p.kind === "orphan" ? [p.path] : []));
    if (format === "json") {
      io.stdout(JSON.stringify({ ok: problems.length === 0, against: shown, changed: changed.map((c) => ({ path: c.path, diff: c.diff })), missing, extra, diagnostics: [] }, null, 2) + "\n");
    } else {
      for (const c of changed) io.stdout(`${c.diff}\n`);
      for (const path of missing) io.stdout(`missing in ${shown}/: ${path} (compiled, not in the folder)\n`);
      for (const path of extra) io.stdout(`extra in ${shown}/: ${path} (in the folder, no longer compiled)\n`);
      io.stdout(problems.length === 0 ? `${shown}/ is up to date (${files.length} files)\n` : `${shown}/ differs from the source: ${changed.length} changed, ${missing.length} missing, ${extra.length} extra\n`);
    }
    return problems.length === 0 ? EXIT_OK : EXIT_COMPILE_ERRORS;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    printReport(io, format, { ok: false, files: [], diagnostics: [error.toDiagnostic()] });
    return EXIT_USAGE;
  }
}
