import { Option, type Command } from "commander";
import { backendFlags } from "../backend-options.js";
import { builtinBackends, readyBackends } from "../targets.js";

/** The options `compile` and `validate` share, including one flag per back-end option. */
export function addPipelineOptions(command: Command, defaultTarget: string): Command {
  const names = ["ir", ...builtinBackends.map((b) => b.name + (readyBackends.includes(b) ? "" : " (not ready)")), "all"];
  command
    .option("-t, --target <targets>", `what to compile to: ${names.join(", ")}, a back-end package name, or a comma-separated list`, defaultTarget)
    .option("-e, --export <name>", "the exported pipeline to compile (default: the default export)")
    .option("-f, --format <format>", "how to report: text or json", "text")
    .option("--typecheck", "also report TypeScript's own errors for the pipeline file")
    .option("--no-git", "do not record the git commit, branch, dirty flag and remote in the IR");
  for (const backend of builtinBackends) {
    for (const flag of backendFlags(backend)) command.addOption(new Option(`${flag.flag} <value>`, flag.description));
  }
  return command;
}
