import type { Command } from "commander";
import type { CliIo } from "../io.js";
import { registerDiffCommand } from "./diff.js";
import { registerGraphCommand } from "./graph.js";
import { registerInitCommand } from "./init.js";

/** The commands around compiling (`diff`, `graph`, `init`), registered in one line of main.ts. */
export function registerWorkflowCommands(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  registerDiffCommand(program, io, setExitCode);
  registerGraphCommand(program, io, setExitCode);
  registerInitCommand(program, io, setExitCode);
}
