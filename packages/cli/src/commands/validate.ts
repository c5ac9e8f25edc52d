import type { Command } from "commander";
import type { PipelineCommandOptions } from "../compile-request.js";
import type { CliIo } from "../io.js";
import { addPipelineOptions } from "./pipeline-options.js";

/**
 * `sluice validate FILE`: run the front end and its checks, and every chosen back end's checks
 * (default: all, the same targets as `compile`, so validate refuses what compile refuses),
 * writing nothing. Exit code as `compile` would give. `--target ir` checks the front end only.
 */
export function registerValidateCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  const command = program
    .command("validate")
    .description("check a pipeline file without writing anything: the front end and every target's back end (--target ir: the front end only)");
  command.argument("<file>", "the pipeline file (TypeScript)");
  addPipelineOptions(command, "all");
  command.action(async (file: string, opts: PipelineCommandOptions) => {
    // Loaded on use: the front end pulls in the TypeScript compiler, which --help does not need.
    const { runPipelineCommand } = await import("../run-pipeline-command.js");
    setExitCode(await runPipelineCommand(io, file, opts, undefined));
  });
  return command;
}
