import { main } from "../main.js";

/** What one in-process run of `sluice` printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `sluice <args>` inside this process, with its own working folder and environment and
 * stdout/stderr captured: the same code path as the command (main.ts), without the cost of a
 * new Node process, so that test suites can afford thousands of runs. Signals are left alone
 * (several runs share the process); tests of signals spawn the real command.
 */
export async function runCli(args: readonly string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    cwd: options.cwd,
    env: { NO_COLOR: "1", ...options.env },
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    color: false,
    deferSignals: false,
  });
  return { code, stdout, stderr };
}

/** `--<backend>-<key>` flags for a fixture's back-end options (values as text, or JSON). */
export function backendOptionArgs(options: Record<string, Record<string, unknown>> | undefined): string[] {
  const args: string[] = [];
  for (const [backend, values] of Object.entries(options ?? {})) {
    for (const [key, value] of Object.entries(values)) {
      args.push(`--${backend}-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, typeof value === "string" ? value : JSON.stringify(value));
    }
  }
  return args;
}
