import type { Command } from "commander";
import type { CliIo } from "../io.js";

/** What `sluice run` takes, as commander parsed it. */
export interface RunCommandOptions {
  param: string[];
  export?: string;
  jobs?: string;
  cache: boolean;
  store?: string;
  format: string;
  engine: string;
  envFile?: string;
  mlflow?: string;
  git: boolean;
}

/** `sluice run FILE`: run a pipeline on this machine and record the run in the store. */
export function registerRunCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  const command = program
    .command("run")
    .description("run a pipeline on this machine, recording params, metrics, artifacts and logs in the run store (docs/run.md)")
    .argument("<file>", "the pipeline file (TypeScript)")
    .option("-p, --param <name=value>", "a pipeline param (repeatable); non-strings as JSON: lr=0.1, rates=[0.1,0.2]; artifacts as a path", collect, [])
    .option("-e, --export <name>", "the exported pipeline to run (default: the default export)")
    .option("-j, --jobs <n>", "at most this many tasks at once (default: the number of CPUs)")
    .option("--no-cache", "run every task, even when an earlier execution with the same inputs succeeded")
    .option("--store <dir>", "the run store (default: $SLUICE_HOME, else .sluice/ in the project)")
    .option("--engine <engine>", "local (each step a process on this machine), docker or podman (each step in its image)", "local")
    .option("--env-file <file>", "NAME=value lines for the steps' secret env vars (default: <store>/secrets.env)")
    .option("--mlflow <uri>", "also log the run to this MLflow tracking server (default: $MLFLOW_TRACKING_URI)")
    .option("--no-git", "do not record the git commit, branch and dirty flag")
    .option("-f, --format <format>", "text (a live view on a terminal, one line per change otherwise) or json (newline-delimited events)", "text");
  command.action(async (file: string, opts: RunCommandOptions) => {
    // Loaded on use: the front end and SQLite are not needed for --help.
    const { runCommand } = await import("./run-action.js");
    setExitCode(await runCommand(io, file, opts));
  });
  return command;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
