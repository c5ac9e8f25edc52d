import { spawn, spawnSync } from "node:child_process";
import { closeSync, openSync, writeSync } from "node:fs";

/** One process to run for one attempt of a task. */
export interface ProcessSpec {
  argv: string[];
  /** The task's clean working folder. */
  cwd: string;
  /** Variables the step sets (its env and secrets), on top of the host's for local processes. */
  env: Record<string, string>;
  /** Folders the process must see at the same path (the task folder), for container engines. */
  mounts: string[];
  image: string;
  logFile: string;
  timeoutSeconds?: number;
  /** Told the pid (= process group id) once the process started. */
  onStart?: (pid: number) => void;
}

export interface ProcessResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
}

/** How a step's process is started: on the host, or in a container engine. */
export interface Executor {
  readonly name: string;
  run(spec: ProcessSpec, signal: AbortSignal): Promise<ProcessResult>;
}

/** Time a process group gets between SIGTERM and SIGKILL after a timeout or a cancel. */
const KILL_GRACE_MS = 2000;

/**
 * Runs argv on the host, detached into its own process group so that a timeout or a cancel can
 * kill the step and everything it started (`kill(-pgid)`), not only the first process.
 */
export const localExecutor: Executor = {
  name: "local",
  run(spec, signal) {
    return runGroup(spec.argv, { cwd: spec.cwd, env: { ...process.env, ...spec.env } }, spec, signal);
  },
};

/** `docker` or `podman`: runs the step's image with the task folder mounted at the same path. */
export function containerExecutor(engine: "docker" | "podman"): Executor {
  return {
    name: engine,
    run(spec, signal) {
      const args = ["run", "--rm", "--init", "-w", spec.cwd];
      for (const m of spec.mounts) args.push("-v", `${m}:${m}`);
      for (const [k, v] of Object.entries(spec.env)) args.push("-e", `${k}=${v}`);
      args.push(spec.image, ...spec.argv);
      return runGroup([engine, ...args], { cwd: spec.cwd, env: process.env as Record<string, string> }, spec, signal);
    },
  };
}

/** Whether a container engine answers; the first line of its complaint when it does not. */
export function probeEngine(engine: "docker" | "podman"): { ok: true } | { ok: false; reason: string } {
  const r = spawnSync(engine, ["info", "--format", "{{.ServerVersion}}"], { encoding: "utf8", timeout: 15000 });
  if (r.error) return { ok: false, reason: (r.error as NodeJS.ErrnoException).code === "ENOENT" ? `"${engine}" is not installed` : r.error.message };
  if (r.status !== 0) return { ok: false, reason: (r.stderr || r.stdout).trim().split("\n").filter(Boolean).pop() ?? `${engine} info exited with ${r.status}` };
  return { ok: true };
}

function runGroup(argv: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }, spec: ProcessSpec, signal: AbortSignal): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const log = openSync(spec.logFile, "a");
    let timedOut = false;
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const child = spawn(argv[0]!, argv.slice(1), { cwd: opts.cwd, env: opts.env, detached: true, stdio: ["ignore", log, log] });
    if (child.pid !== undefined) spec.onStart?.(child.pid);
    const killGroup = () => {
      if (child.pid === undefined) return;
      signalGroup(child.pid, "SIGTERM");
      killTimer = setTimeout(() => signalGroup(child.pid!, "SIGKILL"), KILL_GRACE_MS);
    };
    const timer = spec.timeoutSeconds ? setTimeout(() => ((timedOut = true), killGroup()), spec.timeoutSeconds * 1000) : undefined;
    const onAbort = () => ((cancelled = true), killGroup());
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    let done = false;
    const finish = (r: ProcessResult) => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      signal.removeEventListener("abort", onAbort);
      // Whatever the step left running in its group goes with it once a timeout or cancel hit.
      if ((timedOut || cancelled) && child.pid !== undefined) signalGroup(child.pid, "SIGKILL");
      closeSync(log);
      resolve(r);
    };
    child.on("error", (error: NodeJS.ErrnoException) => {
      writeSync(log, `sluice: cannot start ${JSON.stringify(argv[0])}: ${error.code === "ENOENT" ? "no such program (is it installed and on PATH?)" : error.message}\n`);
      finish({ exitCode: 127, signal: null, timedOut, cancelled });
    });
    child.on("exit", (code, sig) => finish({ exitCode: code, signal: sig, timedOut, cancelled }));
  });
}

function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    // the group is already gone
  }
}
