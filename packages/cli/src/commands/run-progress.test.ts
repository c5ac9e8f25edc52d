import type { RunEvent } from "@sluice/runner";
import type { CliIo } from "../io.js";
import { jsonProgress, lineProgress, liveProgress } from "./run-progress.js";

function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { cwd: "/", env: {}, color: false, stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, out, err };
}

const t = "2026-01-01T00:00:00.000Z";
const events: RunEvent[] = [
  { event: "run-started", runId: 3, pipeline: "p", irHash: "sha256:x", time: t },
  { event: "task", runId: 3, task: "a", state: "pending", attempt: 1, time: t },
  { event: "task", runId: 3, task: "a", state: "running", attempt: 1, time: t },
  { event: "task", runId: 3, task: "b", state: "cached", attempt: 1, time: t, cachedFromRun: 1 },
  { event: "task", runId: 3, task: "a", state: "retrying", attempt: 1, time: t, reason: "exited with code 1; attempt 2 of 2 in 0s" },
  { event: "task", runId: 3, task: "a", state: "running", attempt: 2, time: t },
  { event: "task", runId: 3, task: "a", state: "succeeded", attempt: 2, time: "2026-01-01T00:00:01.500Z" },
  { event: "run-finished", runId: 3, status: "succeeded", time: t },
];

describe("run progress", () => {
  it("json: one event per line on stdout, nothing on stderr", () => {
    const c = capture();
    const p = jsonProgress(c.io);
    events.forEach((e) => p.onEvent(e));
    expect(c.out.map((l) => JSON.parse(l))).toEqual(events);
    expect(c.err).toEqual([]);
  });

  it("lines: one line per state change (pending is not a change worth a line)", () => {
    const c = capture();
    const p = lineProgress(c.io);
    events.forEach((e) => p.onEvent(e));
    expect(c.err.join("")).toBe(
      ["run 3: p started", "run 3: a running", "run 3: b cached from run 1", "run 3: a retrying: exited with code 1; attempt 2 of 2 in 0s", "run 3: a running (attempt 2)", "run 3: a succeeded", ""].join("\n"),
    );
  });

  it("live: redraws the task table in place with state, elapsed time, attempt and cache hit", () => {
    const c = capture();
    const p = liveProgress(c.io, 10);
    events.forEach((e) => p.onEvent(e));
    p.stop();
    const last = c.err.at(-1)!;
    expect(last.startsWith("\x1b[3A\x1b[J")).toBe(true);
    const rows = last.replace("\x1b[3A\x1b[J", "").split("\n");
    expect(rows[0]).toBe("run 3: p");
    expect(rows[1]).toMatch(/^  ✓ a\s+succeeded\s+1\.5s  attempt 2$/);
    expect(rows[2]).toMatch(/^  ≡ b\s+cached\s+cached from run 1$/);
  });
});
