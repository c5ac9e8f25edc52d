import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import pc from "picocolors";
import { registerCompileCommand } from "./commands/compile.js";
import { registerValidateCommand } from "./commands/validate.js";
import { registerRunCommand } from "./commands/run.js";
import { registerRunsCommand } from "./commands/runs.js";
import { registerWorkflowCommands } from "./commands/workflow.js";
import { registerRunCommands } from "./commands/run-commands.js";
import { registerSubmitCommand } from "./commands/submit.js";
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import { processIo, type CliIo } from "./io.js";
import { CLI_CODES } from "./usage-error.js";

/**
 * Runs `sluice` with the given arguments (without `node` and the script) and returns the exit
 * code. Never throws: a user's mistake is a diagnostic, and anything else is reported as an
 * internal error (exit 70) with the stack only when SLUICE_DEBUG=1.
 */
export async function main(args: readonly string[], processIoArg: CliIo = processIo()): Promise<number> {
  let exitCode = EXIT_OK;
  // With --format json, stdout carries exactly one report: remember whether it was printed, so
  // that an internal error after it does not print a second one, and one before it does print one.
  let printed = false;
  const io: CliIo = { ...processIoArg, stdout: (text) => ((printed = true), processIoArg.stdout(text)) };
  try {
    const program = buildProgram(args, io, (code) => (exitCode = code));
    await program.parseAsync([...args], { from: "user" });
    return exitCode;
  } catch (error) {
    // commander has already printed its message (or the help) for its own errors.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    reportInternalError(io, error, wantsJson(args) && !printed);
    return EXIT_INTERNAL;
  }
}

function buildProgram(args: readonly string[], io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command("sluice")
    .description("Compile ML pipelines written in TypeScript to Argo Workflows, Kubeflow Pipelines and Airflow.")
    .version(readVersion(), "-V, --version")
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", EXIT_CODES_HELP);
  registerCompileCommand(program, io, setExitCode);
  registerValidateCommand(program, io, setExitCode);
  registerRunCommand(program, io, setExitCode);
  registerRunsCommand(program, io, setExitCode);
  registerWorkflowCommands(program, io, setExitCode);
  registerSubmitCommand(program, io, setExitCode);
  registerRunCommands(program, io, setExitCode);
  const json = wantsJson(args);
  for (const command of [program, ...program.commands]) {
    command.exitOverride().configureOutput({
      writeOut: io.stdout,
      // With --format json, stdout carries the one JSON report and stderr stays quiet.
      writeErr: json ? () => {} : io.stderr,
      outputError: (text, write) => (json ? io.stdout(jsonUsageError(text)) : write(io.color ? pc.red(text) : text)),
    });
  }
  return program;
}

/** Whether `--format json` is on the command line, before commander has parsed it. */
function wantsJson(args: readonly string[]): boolean {
  return args.some((arg, i) => arg === "--format=json" || arg === "-fjson" || ((arg === "--format" || arg === "-f") && args[i + 1] === "json"));
}

/** A command-line syntax error (unknown option, missing argument) as the JSON report. */
function jsonUsageError(text: string): string {
  const message = text.trim().replace(/^error: /, "");
  return JSON.stringify({ ok: false, files: [], diagnostics: [{ code: CLI_CODES.badCommandLine, severity: "error", message }] }, null, 2) + "\n";
}

/** The code of an internal error in a JSON report (exit 70); see docs/diagnostics.md. */
const INTERNAL_ERROR_CODE = "SLU0005";

const EXIT_CODES_HELP = `
Exit codes:
  0   compiled (warnings may have been printed)
  1   the pipeline has errors; no file was written
  2   usage error (unknown option, bad value, missing file)
  70  internal error in Sluice: please report it (SLUICE_DEBUG=1 shows the stack)

Docs: docs/cli.md, docs/diagnostics.md`;

function reportInternalError(io: CliIo, error: unknown, asJson: boolean): void {
  const message = error instanceof Error ? error.message : String(error);
  if (asJson) {
    const diagnostic = { code: INTERNAL_ERROR_CODE, severity: "error", message: `internal error in Sluice, please report it with the command you ran: ${message}` };
    io.stdout(JSON.stringify({ ok: false, files: [], diagnostics: [diagnostic] }, null, 2) + "\n");
    return; // stderr stays empty in JSON mode; SLUICE_DEBUG=1 without --format json shows the stack
  }
  io.stderr(`sluice: internal error, please report it with the command you ran: ${message}\n`);
  if (io.env.SLUICE_DEBUG === "1" && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  else io.stderr("(set SLUICE_DEBUG=1 to see the stack trace)\n");
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
