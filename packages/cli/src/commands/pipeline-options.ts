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
  return whenChosen(command, () => addPipelineOptionsNow(command, defaultTarget));
}

/** Every built-in back end's `--<backend>-<key>` flags, added the same deferred way (`submit`). */
export function addBackendFlagsWhenChosen(command: Command): Command {
  return whenChosen(command, async () => addBackendFlags(command, await loadBackends()));
}

/** Runs `setup` just before `command` (a subcommand) parses its arguments or shows its help. */
function whenChosen(command: Command, setup: () => Promise<void>): Command {
  const parent = command.parent;
  if (!parent) throw new Error(`"${command.name()}" must be created with parent.command() before its options are deferred`);
  parent.hook("preSubcommand", async (_parent, sub) => {
    if (sub === command) await setup();
  });
  return command;
}

async function loadBackends() {
  const [{ backendFlags }, { builtinBackends, readyBackends }] = await Promise.all([import("../backend-options.js"), import("../targets.js")]);
  return { backendFlags, builtinBackends, readyBackends };
}

function addBackendFlags(command: Command, { backendFlags, builtinBackends }: Awaited<ReturnType<typeof loadBackends>>): void {
  for (const backend of builtinBackends) {
    for (const flag of backendFlags(backend)) command.addOption(new Option(`${flag.flag} <value>`, flag.description));
  }
}

async function addPipelineOptionsNow(command: Command, defaultTarget: string): Promise<void> {
  const loaded = await loadBackends();
  const { builtinBackends, readyBackends } = loaded;
  const names = ["ir", ...builtinBackends.map((b) => b.name + (readyBackends.includes(b) ? "" : " (not ready)")), "all"];
  command
    .option("-t, --target <targets>", `what to compile to: ${names.join(", ")}, a back-end package name, or a comma-separated list`, defaultTarget)
    .option("-e, --export <name>", "the exported pipeline to compile (default: the default export)")
    .option("-f, --format <format>", "how to report: text or json", "text")
    .option("--typecheck", "also report TypeScript's own errors for the pipeline file")
    .option("--no-git", "do not record the git commit, branch, dirty flag and remote in the IR");
  addBackendFlags(command, loaded);
}
