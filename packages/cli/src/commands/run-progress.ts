import type { RunEvent, TaskState } from "@sluice/runner";
import type { CliIo } from "../io.js";

/** Turns engine events into what a person (or a script) follows while a run goes on. */
export interface Progress {
  onEvent(e: RunEvent): void;
  stop(): void;
}

/** `--format json`: one JSON event per line on stdout, nothing else. */
export function jsonProgress(io: CliIo): Progress {
  return { onEvent: (e) => io.stdout(JSON.stringify(e) + "\n"), stop: () => {} };
}

/** Not a terminal (CI, a pipe): one line per state change on stderr, nothing redrawn. */
export function lineProgress(io: CliIo): Progress {
  return {
    onEvent(e) {
      if (e.event === "run-started") io.stderr(`run ${e.runId}: ${e.pipeline} started\n`);
      if (e.event === "task" && e.state !== "pending") io.stderr(`run ${e.runId}: ${e.task} ${describe(e)}\n`);
    },
    stop: () => {},
  };
}

interface Row {
  state: TaskState;
  attempt: number;
  started?: number;
  ended?: number;
  note?: string;
}

/** A terminal: a live table of tasks (state, elapsed, attempt, cache hit), redrawn in place on stderr. */
export function liveProgress(io: CliIo, rows = Math.max(5, (process.stderr.rows ?? 24) - 4)): Progress {
  const tasks = new Map<string, Row>();
  let drawn = 0;
  let title = "";
  const draw = () => {
    const now = Date.now();
    const entries = [...tasks.entries()];
    // Running and failed tasks first when the table does not fit the terminal.
    const shown = entries.length <= rows ? entries : [...entries.filter(([, r]) => r.state === "running" || r.state === "failed" || r.state === "retrying"), ...entries.filter(([, r]) => r.state !== "running" && r.state !== "failed" && r.state !== "retrying")].slice(0, rows);
    const width = Math.min(48, Math.max(8, ...shown.map(([k]) => k.length)));
    const lines = [title, ...shown.map(([name, r]) => `  ${icon(r.state)} ${name.padEnd(width)}  ${r.state.padEnd(9)} ${elapsed(r, now).padStart(7)}${r.attempt > 1 ? `  attempt ${r.attempt}` : ""}${r.note ? `  ${r.note}` : ""}`)];
    if (entries.length > shown.length) lines.push(`  … and ${entries.length - shown.length} more`);
    io.stderr((drawn > 0 ? `\x1b[${drawn}A\x1b[J` : "") + lines.join("\n") + "\n");
    drawn = lines.length;
  };
  const timer = setInterval(draw, 500);
  timer.unref();
  return {
    onEvent(e) {
      if (e.event === "run-started") title = `run ${e.runId}: ${e.pipeline}`;
      if (e.event === "task") {
        const r: Row = tasks.get(e.task) ?? { state: e.state, attempt: e.attempt };
        r.state = e.state;
        r.attempt = e.attempt;
        if (e.state === "running" && r.started === undefined) r.started = Date.parse(e.time);
        if (["succeeded", "failed", "cached", "skipped", "cancelled"].includes(e.state)) r.ended = Date.parse(e.time);
        const note = e.state === "cached" ? `cached from run ${e.cachedFromRun}` : e.state === "failed" || e.state === "retrying" ? e.reason : undefined;
        if (note === undefined) delete r.note;
        else r.note = note;
        tasks.set(e.task, r);
      }
      draw();
    },
    stop() {
      clearInterval(timer);
      draw();
    },
  };
}

function describe(e: Extract<RunEvent, { event: "task" }>): string {
  switch (e.state) {
    case "running":
      return e.attempt > 1 ? `running (attempt ${e.attempt})` : "running";
    case "cached":
      return `cached from run ${e.cachedFromRun}`;
    case "failed":
    case "retrying":
    case "skipped":
      return e.reason ? `${e.state}: ${e.reason}` : e.state;
    default:
      return e.state;
  }
}

function icon(s: TaskState): string {
  const icons: Record<TaskState, string> = { pending: "·", running: "▶", retrying: "↻", succeeded: "✓", failed: "✗", cached: "≡", skipped: "-", cancelled: "■" };
  return icons[s];
}

function elapsed(r: Row, now: number): string {
  if (r.started === undefined) return "";
  return `${(((r.ended ?? now) - r.started) / 1000).toFixed(1)}s`;
}
