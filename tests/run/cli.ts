// The built `sluice` in a child process, for the run tests that need real signals and exit codes.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runCli } from "../../packages/cli/src/index.js";
import { root } from "./helpers.js";

export const bin = fileURLToPath(new URL("../../packages/cli/dist/bin.js", import.meta.url));

export function sluice(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * `sluice` in this process (the CLI's own main, as the command runs it), without a new Node per
 * call: for the tests that need no signals. Same result shape as `sluice`.
 */
export async function sluiceHere(args: string[], env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  const r = await runCli(args, { cwd: root, env: { ...process.env, NO_COLOR: "1", ...env } });
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}

export function sluiceAsync(args: string[]): { child: ChildProcess; done: Promise<{ status: number | null; signal: string | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, NO_COLOR: "1" } });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ status: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) => child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr })));
  return { child, done };
}

/** Waits until a file exists (a step's marker): a condition, not a timed guess. */
export async function waitForFile(path: string): Promise<void> {
  while (!existsSync(path)) await new Promise((r) => setTimeout(r, 50));
}

/**
 * Whether a process ends within `withinMs`. A killed process is not gone the instant the kill
 * returns: on a loaded machine it may not have been scheduled to exit yet, so checking `alive`
 * once right after a run finished raced (seen in 2 of 6 full jest runs at a load of 10 to 16).
 */
export async function ends(pid: number, withinMs = 10_000): Promise<boolean> {
  return until(() => !alive(pid), withinMs);
}

/** Polls `condition` every 50 ms until it holds (true) or `withinMs` has passed (false). */
export async function until(condition: () => boolean, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** Whether a process still runs; a zombie (dead, not yet reaped by whoever adopted it) does not. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}
