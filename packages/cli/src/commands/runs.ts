import type { Command } from "commander";
import type { CliIo } from "../io.js";

/** Options every `sluice runs` subcommand takes. */
export interface RunsOptions {
  store?: string;
  format: string;
  pipeline?: string;
  limit?: string;
}

/**
 * `sluice runs list|show|compare|lineage|logs|gc`: read the run store. Each takes `--store` and
 * `--format json`.
 */
export function registerRunsCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  const runs = program.command("runs").description("look at recorded local runs: list, show, compare, lineage, logs, gc (docs/run.md)");
  // The CLI configures its top-level commands (exit codes, JSON errors) after registering them;
  // a subcommand takes the same settings from `runs` just before it parses its own arguments.
  runs.hook("preSubcommand", (parent, sub) => void sub.copyInheritedSettings(parent));
  const sub = (name: string, description: string) =>
    runs
      .command(name)
      .description(description)
      .option("--store <dir>", "the run store (default: $SLUICE_HOME, else .sluice/ in the project)")
      .option("-f, --format <format>", "text or json", "text");
  const act = (name: string) => async (...args: unknown[]) => {
    const { runsAction } = await import("./runs-action.js");
    const opts = args[args.length - 2] as RunsOptions;
    setExitCode(await runsAction(io, name, args.slice(0, -2) as (string | string[] | undefined)[], opts));
  };
  sub("list", "recorded runs, newest first").option("--pipeline <name>", "only runs of this pipeline").option("--limit <n>", "at most this many (default 50)").action(act("list"));
  sub("show", "one run: params, metrics, tasks with their status, cache hits and artifacts").argument("<run>", "run id").action(act("show"));
  sub("compare", "params and metrics of runs side by side, differences marked, and which steps changed").argument("<runs...>", "two or more run ids").action(act("compare"));
  sub("lineage", "where a run's artifacts, or one artifact, came from").argument("<run-or-hash>", "a run id, or an artifact hash (sha256:..., or a unique prefix)").action(act("lineage"));
  sub("logs", "the logs of a run's tasks").argument("<run>", "run id").argument("[task]", "one task (its path as `runs show` prints it)").action(act("logs"));
  sub("gc", "delete artifacts no recorded task refers to, and scratch folders of finished runs").action(act("gc"));
  return runs;
}
