import { Option, type Command } from "commander";

/**
 * The options `compile` and `validate` share, including one flag per back-end option.
 *
 * The back-end flags come from each built-in back end's option schema, so registering them
 * loads every back end (zod, handlebars, the three compilers). That is deferred until this very
 * command is about to parse its arguments or show its help (commander's `preSubcommand` hook on
 * the parent), so `sluice --version`, `sluice runs ...` and other commands never load them. The
 * command must already have its parent (`program.command(...)`, not `new Command()`).
 */
export function addPipelineOptions(command: Command, defaultTarget: string): Command {
  const parent = command.parent;
  if (!parent) throw new Error(`addPipelineOptions: "${command.name()}" must be created with parent.command() first`);
  parent.hook("preSubcommand", async (_parent, sub) => {
    if (sub === command) await addPipelineOptionsNow(command, defaultTarget);
  });
  return command;
}

async function addPipelineOptionsNow(command: Command, defaultTarget: string): Promise<void> {
  const [{ backendFlags }, { builtinBackends, readyBackends }] = await Promise.all([import("../backend-options.js"), import("../targets.js")]);
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
}
