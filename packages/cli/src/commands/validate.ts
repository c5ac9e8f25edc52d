import type { Command } from "commander";
import type { PipelineCommandOptions } from "../compile-request.js";
import type { CliIo } from "../io.js";
import { addPipelineOptions } from "./pipeline-options.js";

/**
 * `sluice validate FILE`: run the front end and its checks, and the back ends' checks for the
 * chosen targets (default: the IR only), writing nothing. Exit code as `compile` would give.
 */
export function registerValidateCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  const command = program
    .command("validate")
    .description("check a pipeline file without writing anything (front end, and the back ends given with --target)");
  command.argument("<file>", "the pipeline file (TypeScript)");
  addPipelineOptions(command, "ir");
  command.action(async (file: string, opts: PipelineCommandOptions) => {
    // Loaded on use: the front end pulls in the TypeScript compiler, which --help does not need.
    const { runPipelineCommand } = await import("../run-pipeline-command.js");
    setExitCode(await runPipelineCommand(io, file, opts, undefined));
  });
  return command;
}
