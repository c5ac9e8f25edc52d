import type { Command } from "commander";
import type { PipelineCommandOptions } from "../compile-request.js";
import type { CliIo } from "../io.js";
import { addPipelineOptions } from "./pipeline-options.js";

/** `sluice compile FILE`: compile a pipeline and write every target's files, or none. */
export function registerCompileCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  const command = program
    .command("compile")
    .description("compile a pipeline file to the IR and to orchestrator files (nothing is written if anything fails)")
    .argument("<file>", "the pipeline file (TypeScript)")
    .option("-o, --out <dir>", "the folder to write into", "out")
    .option("-w, --watch", "keep running: recompile on every save of the file or anything it imports, and write only what changed");
  addPipelineOptions(command, "all");
  command.action(async (file: string, opts: PipelineCommandOptions & { out: string; watch?: boolean }) => {
    if (opts.watch) return setExitCode(await (await import("./watch.js")).runWatch(io, file, opts, opts.out));
    // Loaded on use: the front end pulls in the TypeScript compiler, which --help does not need.
    const { runPipelineCommand } = await import("../run-pipeline-command.js");
    setExitCode(await runPipelineCommand(io, file, opts, opts.out));
  });
  return command;
}
