import type { Command } from "commander";
import { parseRunRef, SubmitError } from "@sluice/submit";
import { EXIT_COMPILE_ERRORS, EXIT_OK } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { addConnectionOptions, reportFailure } from "./submit.js";
import { connect, type ConnectionFlags } from "./submit-connection.js";
import { statusText } from "./run-report.js";

type Action = (io: CliIo, run: string, opts: Record<string, unknown>) => Promise<number>;

/** `sluice status RUN`, `sluice logs RUN`, `sluice cancel RUN`: RUN is what submit printed. */
export function registerRunCommands(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const add = (name: string, description: string, action: Action) => {
    const command = program.command(name).description(description).argument("<run>", "the run reference sluice submit printed (argo:NAMESPACE/NAME)").option("-f, --format <format>", "how to report: text or json", "text");
    addConnectionOptions(command);
    command.action(async (run: string, opts: Record<string, unknown>) => setExitCode(await guarded(io, run, opts, action)));
    return command;
  };
  add("status", "show a run's phase and its tasks' states; exit 0 only if it succeeded", status);
  add("logs", "print the logs of a run's tasks", logs).option("--task <name>", "only this task").option("--follow", "keep streaming until the task ends");
  add("cancel", "stop a run (its running tasks are terminated)", cancel);
}

async function guarded(io: CliIo, run: string, opts: Record<string, unknown>, action: Action): Promise<number> {
  try {
    return await action(io, run, opts);
  } catch (error) {
    if (error instanceof SubmitError) return reportFailure(io, opts.format === "json", error.toDiagnostics(), error.usage, { run });
    throw error;
  }
}

async function status(io: CliIo, run: string, opts: Record<string, unknown>): Promise<number> {
  const ref = parseRunRef(run);
  const s = await (await connect(ref.target, opts as ConnectionFlags, io)).status(ref);
  io.stdout(opts.format === "json" ? JSON.stringify({ ok: s.phase === "Succeeded", run, status: s, diagnostics: [] }, null, 2) + "\n" : statusText(s));
  return s.phase === "Succeeded" ? EXIT_OK : EXIT_COMPILE_ERRORS;
}

async function logs(io: CliIo, run: string, opts: Record<string, unknown>): Promise<number> {
  const ref = parseRunRef(run);
  const client = await connect(ref.target, opts as ConnectionFlags, io);
  await client.logs(ref, { ...(typeof opts.task === "string" ? { task: opts.task } : {}), follow: !!opts.follow }, io.stdout);
  return EXIT_OK;
}

async function cancel(io: CliIo, run: string, opts: Record<string, unknown>): Promise<number> {
  const ref = parseRunRef(run);
  await (await connect(ref.target, opts as ConnectionFlags, io)).cancel(ref);
  io.stdout(opts.format === "json" ? JSON.stringify({ ok: true, run, diagnostics: [] }) + "\n" : `canceled ${run}\n`);
  return EXIT_OK;
}
