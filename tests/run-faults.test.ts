// Faults of local runs: a failing step, a timeout, retries, SIGINT, SIGKILL mid-run, two runs
// at once in one store; the store stays consistent (PRAGMA integrity_check) in every case.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "../packages/runner/node_modules/better-sqlite3/lib/index.js";
import { getRun, RunStore, runTasks } from "../packages/runner/src/index.js";
import { alive, ends, sluice, sluiceAsync, until, waitForFile } from "./run/cli.js";
import { compile, run, statuses, tempDir } from "./run/helpers.js";

const faults = "tests/run/pipelines/faults.ts";

function integrity(storeDir: string): string {
  const db = new Database(join(storeDir, "runs.db"), { readonly: true });
  const r = db.pragma("integrity_check", { simple: true }) as string;
  db.close();
  return r;
}

describe("local run faults", () => {
  it("a step exiting non-zero fails the run with the task, its exit code and the tail of its log", async () => {
    const st = tempDir("st");
    const r = sluice(["run", faults, "--export", "failing", "--store", st, "--param", "code=7"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("task boom failed: exited with code 7 (exit code 7)");
    expect(r.stderr).toContain("| first line");
    expect(r.stderr).toContain("| about to fail");
    expect(r.stdout).toMatch(/^run 1 failed: 2 tasks \(0 ran, 0 cached, 1 failed, 1 skipped\)/);
    const store = new RunStore(st);
    expect(getRun(store, 1)!.status).toBe("failed");
    expect(runTasks(store, 1).map((t) => [t.path, t.status, t.exitCode])).toEqual([
      ["boom", "failed", 7],
      ["after", "skipped", null],
    ]);
    store.close();
    expect(integrity(st)).toBe("ok");
  });

  it("a timeout kills the step's whole process group, grandchildren included", async () => {
    const pidFile = join(tempDir("pid"), "grandchild");
    const ran = await run(compile(faults, "timeout"), tempDir("st"), [`pidFile=${pidFile}`]);
    expect(ran.result.status).toBe("failed");
    expect(ran.result.failures[0]!.reason).toMatch(/^timed out after 2s/);
    const grandchild = Number(readFileSync(pidFile, "utf8"));
    expect(grandchild).toBeGreaterThan(0);
    expect(await ends(grandchild)).toBe(true);
    ran.store.close();
  });

  it("retries with backoff until an attempt succeeds, in a clean folder each time", async () => {
    const counter = join(tempDir("c"), "n");
    const ran = await run(compile(faults, "retry"), tempDir("st"), [`counter=${counter}`]);
    expect(ran.result.status).toBe("succeeded");
    expect(ran.tasks.get("flaky")!.attempts).toBe(3);
    const retries = ran.events.filter((e) => e.event === "task" && e.state === "retrying").map((e) => (e as { reason?: string }).reason);
    expect(retries).toEqual(["exited with code 1; attempt 2 of 4 in 1s", "exited with code 1; attempt 3 of 4 in 2s"]);
    expect(ran.log("flaky").trim().split("\n")).toEqual(["attempt 1", "attempt 2", "attempt 3"]);
    ran.store.close();
  });

  it("SIGINT stops the running tasks and marks the run cancelled", async () => {
    const st = tempDir("st");
    const marker = join(tempDir("m"), "started");
    const { child, done } = sluiceAsync(["run", faults, "--export", "slowRun", "--store", st, "--param", `marker=${marker}`, "--format", "json"]);
    await waitForFile(marker);
    child.kill("SIGINT");
    const r = await done;
    expect(r.status).toBe(130);
    const events = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { event: string; state?: string; task?: string; status?: string });
    expect(events.at(-1)).toMatchObject({ event: "run-finished", status: "cancelled" });
    expect(events.some((e) => e.task === "slow" && e.state === "cancelled")).toBe(true);
    const store = new RunStore(st);
    expect(getRun(store, 1)!.status).toBe("cancelled");
    expect(statuses({ tasks: new Map(runTasks(store, 1).map((t) => [t.path, t])) } as never)).toEqual({ quick: "succeeded", slow: "cancelled" });
    const slowPid = (store.db.prepare("SELECT pid FROM tasks WHERE path = 'slow'").get() as { pid: number }).pid;
    expect(await ends(slowPid)).toBe(true);
    store.close();
    expect(integrity(st)).toBe("ok");
  });

  it("a SIGKILLed run is marked interrupted the next time the store is opened, and its steps are stopped", async () => {
    const st = tempDir("st");
    const marker = join(tempDir("m"), "started");
    const { child, done } = sluiceAsync(["run", faults, "--export", "slowRun", "--store", st, "--param", `marker=${marker}`, "--format", "json"]);
    await waitForFile(marker);
    // The step writes the marker as soon as it starts, which on a loaded machine can be before
    // the engine has recorded its pid (right after spawning it): kill only once the pid is there.
    await taskPidRecorded(st, "slow");
    child.kill("SIGKILL");
    expect((await done).signal).toBe("SIGKILL");
    const peek = new Database(join(st, "runs.db"), { readonly: true });
    const before = peek.prepare("SELECT status FROM runs WHERE id = 1").get() as { status: string };
    const slowPid = (peek.prepare("SELECT pid FROM tasks WHERE path = 'slow'").get() as { pid: number }).pid;
    peek.close();
    expect(before.status).toBe("running");
    expect(alive(slowPid)).toBe(true);
    const store = new RunStore(st);
    expect(getRun(store, 1)!.status).toBe("interrupted");
    expect(runTasks(store, 1).find((t) => t.path === "slow")!.status).toBe("interrupted");
    store.close();
    // Opening the store sent SIGKILL to the orphaned step's group; the test times out if it did not.
    while (alive(slowPid)) await new Promise((r) => setTimeout(r, 50));
    expect(integrity(st)).toBe("ok");
    const list = sluice(["runs", "list", "--store", st, "--format", "json"]);
    expect((JSON.parse(list.stdout) as { runs: { status: string }[] }).runs[0]!.status).toBe("interrupted");
  });

  it("two runs at once in the same store both complete", async () => {
    const st = tempDir("st");
    const a = sluiceAsync(["run", faults, "--export", "quickRun", "--store", st, "--param", "tag=one", "--format", "json"]);
    const b = sluiceAsync(["run", faults, "--export", "quickRun", "--store", st, "--param", "tag=two", "--format", "json"]);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect([ra.status, rb.status]).toEqual([0, 0]);
    const store = new RunStore(st);
    expect([getRun(store, 1)!.status, getRun(store, 2)!.status]).toEqual(["succeeded", "succeeded"]);
    expect(runTasks(store, 1)).toHaveLength(4);
    expect(runTasks(store, 2)).toHaveLength(4);
    store.close();
    expect(integrity(st)).toBe("ok");
  });
});

/** Waits, with a bound, until the store holds the pid of the running task at `path`. */
async function taskPidRecorded(storeDir: string, path: string, withinMs = 10_000): Promise<void> {
  const recorded = () => {
    const db = new Database(join(storeDir, "runs.db"), { readonly: true });
    const row = db.prepare("SELECT pid FROM tasks WHERE path = ?").get(path) as { pid: number | null } | undefined;
    db.close();
    return Boolean(row?.pid);
  };
  if (!(await until(recorded, withinMs))) throw new Error(`no pid recorded for task ${path} within ${withinMs} ms`);
}

