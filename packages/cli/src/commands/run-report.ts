import { TERMINAL_PHASES, formatRunRef, type RunStatus, type SubmitResult, type TaskStatus } from "@sluice/submit";
import type { CliIo } from "../io.js";

/** What `submit`, `status` and `--watch` print, for people (text) or scripts (JSON). */

export function submittedLines(result: SubmitResult): string {
  const lines = result.objects.map((o) => `${o.action === "checked" ? (result.dryRunBy === "client" ? "checked (no server dry run)" : "checked (server dry run)") : o.action} ${o.kind} ${o.name}\n`);
  for (const note of result.notes ?? []) lines.push(`note: ${note}\n`);
  if (result.ref && !result.dryRun) lines.push(`run: ${formatRunRef(result.ref)}\n`);
  return lines.join("");
}

export function statusText(status: RunStatus): string {
  const lines = [`${formatRunRef(status.ref)}: ${status.phase}${duration(status.startedAt, status.finishedAt)}${status.message ? ` (${status.message})` : ""}\n`];
  const width = Math.max(4, ...status.tasks.map((t) => t.name.length));
  for (const t of status.tasks) lines.push(`  ${t.name.padEnd(width)}  ${taskLine(t)}\n`);
  const failed = status.tasks.filter((t) => t.phase === "Failed" || t.phase === "Error");
  for (const t of failed) lines.push(`failed: ${t.name}: ${t.message ?? "(no message)"}\n`);
  return lines.join("");
}

function taskLine(t: TaskStatus): string {
  const retries = t.retries ? `, ${t.retries} ${t.retries === 1 ? "retry" : "retries"}` : "";
  return `${t.phase}${duration(t.startedAt, t.finishedAt)}${retries}`;
}

function duration(start: string | undefined, end: string | undefined): string {
  if (!start || !end) return "";
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) ? ` in ${Math.round(ms / 1000)}s` : "";
}

/**
 * Prints each change of the run and of its tasks once, as it happens (text), or one JSON line
 * per change (JSON lines, so a script can follow along).
 */
export function liveReporter(io: CliIo, json: boolean): (status: RunStatus) => void {
  const seen = new Map<string, string>();
  return (status) => {
    const changes: string[] = [];
    const runKey = `${status.phase}`;
    if (seen.get("\u0000run") !== runKey) {
      seen.set("\u0000run", runKey);
      changes.push(`${formatRunRef(status.ref)} ${status.phase}${status.message && TERMINAL_PHASES.has(status.phase) ? `: ${status.message}` : ""}`);
    }
    for (const t of status.tasks) {
      const key = `${t.phase}/${t.retries ?? 0}`;
      if (seen.get(t.name) === key) continue;
      seen.set(t.name, key);
      const detail = (t.phase === "Failed" || t.phase === "Error") && t.message ? `: ${t.message}` : "";
      changes.push(`  ${t.name} ${t.phase}${t.retries ? ` (retry ${t.retries})` : ""}${detail}`);
    }
    if (changes.length === 0) return;
    if (json) io.stdout(JSON.stringify({ event: "status", status }) + "\n");
    else io.stderr(changes.map((c) => `${c}\n`).join(""));
  };
}
