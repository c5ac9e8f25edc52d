import type { Comparison, LineageNode, RunSummary, TaskDetail } from "@sluice/runner";

/** Plain-text renderings of `sluice runs` answers (the JSON forms are the data itself). */

export function formatList(runs: RunSummary[], total: number): string {
  if (runs.length === 0) return "no runs recorded\n";
  const rows = runs.map((r) => [String(r.id), r.pipeline, r.status, r.startedAt.replace("T", " ").slice(0, 19), r.git ? r.git.commit.slice(0, 8) + (r.git.dirty ? "*" : "") : "-", `${r.tasks.total} (${r.tasks.cached} cached)`, short(r.params)]);
  return table(["run", "pipeline", "status", "started", "commit", "tasks", "params"], rows) + (total > runs.length ? `(${runs.length} of ${total}; --limit N for more)\n` : "");
}

export function formatShow(d: { run: RunSummary; metrics: Record<string, number>; tasks: TaskDetail[] }): string {
  const r = d.run;
  const lines = [
    `run ${r.id}: ${r.pipeline} ${r.status}`,
    `  started   ${r.startedAt}${r.finishedAt ? `, finished ${r.finishedAt}` : ""}`,
    `  ir        ${r.irHash}`,
    `  git       ${r.git ? `${r.git.commit}${r.git.branch ? ` (${r.git.branch})` : ""}${r.git.dirty ? ", dirty" : ""}` : "not recorded"}`,
    `  engine    ${r.engine}`,
    ...(r.error ? [`  error     ${r.error}`] : []),
    "params:",
    ...Object.entries(r.params).map(([k, v]) => `  ${k} = ${JSON.stringify(v)}`),
    ...(Object.keys(d.metrics).length ? ["metrics:", ...Object.entries(d.metrics).map(([k, v]) => `  ${k} = ${v}`)] : []),
    "tasks:",
  ];
  for (const t of d.tasks) {
    lines.push(`  ${t.path}  ${t.status}${t.cachedFromRun ? ` (cached from run ${t.cachedFromRun})` : ""}${t.attempts > 1 ? `, ${t.attempts} attempts` : ""}${t.exitCode !== null ? `, exit ${t.exitCode}` : ""}${t.reason ? `: ${t.reason}` : ""}`);
    for (const a of t.artifacts) lines.push(`      ${a.role === "in" ? "<-" : "->"} ${a.name}${a.idx ? `[${a.idx}]` : ""} ${a.kind} ${a.sha256} (${a.size} bytes)`);
  }
  return lines.join("\n") + "\n";
}

export function formatCompare(c: Comparison): string {
  const head = ["", ...c.runs.map((r) => `run ${r.id}`)];
  const rows: string[][] = [];
  rows.push(["status", ...c.runs.map((r) => r.status)]);
  rows.push(["commit", ...c.runs.map((r) => (r.git ? r.git.commit.slice(0, 10) + (r.git.dirty ? "*" : "") : "-"))]);
  rows.push(["ir", ...c.runs.map((r) => r.irHash.slice(7, 19))]);
  const mark = (d: boolean) => (d ? "≠ " : "  ");
  const params = c.params.map((p) => [mark(p.differs) + p.name, ...p.values.map((v) => (v === null ? "-" : JSON.stringify(v)))]);
  const metrics = c.metrics.map((m) => [mark(m.differs) + m.name, ...m.values.map((v) => (v === null ? "-" : String(v)))]);
  let text = table(head, rows) + "\nparams (≠ differs)\n" + (params.length ? table(head, params) : "  none\n") + "\nmetrics (≠ differs)\n" + (metrics.length ? table(head, metrics) : "  none\n");
  const changes = c.changedSteps.filter((s) => s.added.length + s.removed.length + s.changed.length > 0);
  text += "\nsteps changed between IR hashes\n";
  if (changes.length === 0) text += "  none\n";
  for (const s of changes) text += `  run ${s.from} -> run ${s.to}: ${[...s.changed.map((x) => `changed ${x}`), ...s.added.map((x) => `added ${x}`), ...s.removed.map((x) => `removed ${x}`)].join(", ")}\n`;
  return text;
}

export function formatLineage(d: LineageNode | { run: number; pipeline: string; params: Record<string, unknown>; git: RunSummary["git"] | null; irHash: string; artifacts: { task: string; output: string; sha256: string; kind: string; size: number; consumedBy: string[] }[] }): string {
  if ("artifacts" in d) {
    const lines = [`run ${d.run} (${d.pipeline}) at ${d.git ? d.git.commit + (d.git.dirty ? " (dirty)" : "") : "no recorded commit"}, params ${short(d.params)}`];
    for (const a of d.artifacts) lines.push(`  ${a.task}.${a.output}  ${a.kind} ${a.sha256} (${a.size} bytes)${a.consumedBy.length ? ` -> ${a.consumedBy.join(", ")}` : ""}`);
    return lines.join("\n") + "\n";
  }
  const lines: string[] = [];
  const walk = (n: LineageNode, depth: number) => {
    const pad = "  ".repeat(depth);
    const p = n.producedBy;
    lines.push(`${pad}${n.kind} ${n.sha256} (${n.size} bytes)`);
    if (p) lines.push(`${pad}  made by run ${p.run}, task ${p.task} (step ${p.component}), commit ${p.commit ?? "not recorded"}, params ${short(p.params)}`);
    else lines.push(`${pad}  passed in as a pipeline param`);
    if (n.consumedBy.length) lines.push(`${pad}  read by ${n.consumedBy.map((c) => `run ${c.run} ${c.task}`).join(", ")}`);
    for (const f of n.from) walk(f, depth + 1);
  };
  walk(d, 0);
  return lines.join("\n") + "\n";
}

function short(params: Record<string, unknown>): string {
  const s = Object.entries(params).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`).join(" ");
  return s.length > 60 ? s.slice(0, 59) + "…" : s;
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(head), ...rows.map(line)].join("\n") + "\n";
}
