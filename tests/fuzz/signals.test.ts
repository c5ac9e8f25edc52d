// A real `sluice compile` in a child process, stopped by a real signal in the middle of its
// renames. The CLI's test hook (SLUICE_TEST_WRITE_PAUSE, packages/cli/src/write/test-pause.ts)
// holds the write after its first rename until the test says go, so the signal lands at exactly
// that point every time: no timers racing the write.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../packages/cli/dist/bin.js", import.meta.url));

const pipelineNamed = (name: string, word: string) => `import { pipeline, step } from "@sluice/core";
const hello = step({ name: "hello", image: "alpine:3.20", command: ["echo", "${word}"] });
export default pipeline({ name: "${name}" }, () => {
  hello({});
});
`;

interface Run {
  child: ReturnType<typeof spawn>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(dir: string, file: string, out: string, pause?: string): Run {
  const env = { ...process.env, NO_COLOR: "1", ...(pause ? { SLUICE_TEST_WRITE_PAUSE: pause } : {}) };
  const child = spawn(process.execPath, [bin, "compile", file, "--out", out, "--no-git"], { cwd: dir, env, stdio: "ignore" });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on("exit", (code, signal) => done({ code, signal })));
  return { child, exit };
}

/** Waits for the child to reach the pause (or to exit, which fails the test with its status). */
async function paused(run: Run, pause: string): Promise<void> {
  let exited: unknown;
  void run.exit.then((e) => (exited = e));
  while (!existsSync(join(pause, "paused"))) {
    if (exited) throw new Error(`the compile exited before pausing: ${JSON.stringify(exited)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function contents(out: string): Record<string, string> {
  return Object.fromEntries(readdirSync(out).sort().map((n) => [n, readFileSync(join(out, n), "utf8")]));
}

function setUp() {
  const dir = mkdtempSync(join(tmpdir(), "sluice-signal-"));
  const out = join(dir, "out");
  const pause = mkdtempSync(join(tmpdir(), "sluice-pause-"));
  writeFileSync(join(dir, "a.ts"), pipelineNamed("sig-a", "old"));
  return { dir, out, pause };
}

describe("a signal in the middle of writing", () => {
  it("SIGKILL: the next compile into the folder restores the old files and leaves no temporary file", async () => {
    const { dir, out, pause } = setUp();
    expect((await start(dir, "a.ts", out).exit).code).toBe(0);
    const before = contents(out);
    writeFileSync(join(dir, "a.ts"), pipelineNamed("sig-a", "new"));
    const run = start(dir, "a.ts", out, pause);
    await paused(run, pause);
    run.child.kill("SIGKILL");
    expect((await run.exit).signal).toBe("SIGKILL");
    // Half-written: one file replaced, the rest not, and the stage of the dead process.
    expect(readdirSync(out).some((n) => n.startsWith(".sluice-write-"))).toBe(true);
    writeFileSync(join(dir, "b.ts"), pipelineNamed("sig-b", "other"));
    expect((await start(dir, "b.ts", out).exit).code).toBe(0);
    const after = contents(out);
    expect(Object.keys(after).filter((n) => n.startsWith("."))).toEqual([]);
    expect(Object.fromEntries(Object.entries(after).filter(([n]) => n.includes("sig_a") || n.includes("sig-a")))).toEqual(before);
  });

  it.each(["SIGTERM", "SIGINT"] as const)("%s: the write completes, then the process ends by the signal", async (signal) => {
    const { dir, out, pause } = setUp();
    const run = start(dir, "a.ts", out, pause);
    await paused(run, pause);
    run.child.kill(signal);
    writeFileSync(join(pause, "resume"), "");
    expect(await run.exit).toEqual({ code: null, signal });
    const names = readdirSync(out).sort();
    expect(names).toEqual(["sig-a.argo.yaml", "sig-a.ir.yaml", "sig-a.kubeflow.yaml", "sig_a.py"]);
    for (const n of names) expect(readFileSync(join(out, n), "utf8")).toContain("sig-a");
  });
});
