// Shared by the workflow command tests: the built CLI in a child process, and sample projects.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repo = fileURLToPath(new URL("../..", import.meta.url));
export const bin = join(repo, "packages/cli/dist/bin.js");

export function sluice(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The sample user project of @sluice/testing, copied to a new folder outside any repository. */
export function sampleProject(prefix = "sluice-workflow-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(repo, "packages/testing/test/sample-project"), dir, { recursive: true });
  return dir;
}

/** A long-running CLI whose output can be awaited line by line, never by sleeping. */
export class RunningCli {
  private readonly child: ChildProcess;
  output = "";
  private waiters: { test: () => boolean; done: () => void }[] = [];

  constructor(args: string[], cwd: string) {
    this.child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } });
    const take = (chunk: Buffer) => {
      this.output += chunk.toString("utf8");
      this.waiters = this.waiters.filter((w) => (w.test() ? (w.done(), false) : true));
    };
    this.child.stdout!.on("data", take);
    this.child.stderr!.on("data", take);
  }

  /** Resolves when the output after `from` matches; returns that part of the output. */
  waitFor(pattern: RegExp, from = 0): Promise<string> {
    return new Promise((resolve) => {
      const test = () => pattern.test(this.output.slice(from));
      const done = () => resolve(this.output.slice(from));
      if (test()) done();
      else this.waiters.push({ test, done });
    });
  }

  /** Stops the process by its own pid and waits for it to end. */
  stop(): Promise<number | null> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve(this.child.exitCode);
      this.child.once("exit", (code) => resolve(code));
      this.child.kill("SIGTERM");
    });
  }
}
