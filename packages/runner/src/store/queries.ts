import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Component, Pipeline } from "@sluice/core/backend";
import { canonicalJson } from "@sluice/core/backend";
import type { RunStore } from "./run-store.js";

/** One run as `sluice runs list/show` print it. */
export interface RunSummary {
  id: number;
  pipeline: string;
  status: string;
  irHash: string;
  git?: { commit: string; branch?: string; dirty: boolean };
  params: Record<string, unknown>;
  startedAt: string;
  finishedAt?: string;
  engine: string;
  error?: string;
  tasks: { total: number; succeeded: number; cached: number; failed: number };
}

interface RunRow {
  id: number;
  pipeline: string;
  status: string;
  ir_hash: string;
  git_commit: string | null;
  git_branch: string | null;
  git_dirty: number | null;
  params: string;
  started_at: string;
  finished_at: string | null;
  engine: string;
  error: string | null;
  total: number;
  succeeded: number;
  cached: number;
  failed: number;
}

const RUN_COLUMNS = `r.id, r.pipeline, r.status, r.ir_hash, r.git_commit, r.git_branch, r.git_dirty, r.params, r.started_at, r.finished_at, r.engine, r.error,
  (SELECT COUNT(*) FROM tasks t WHERE t.run_id = r.id) AS total,
  (SELECT COUNT(*) FROM tasks t WHERE t.run_id = r.id AND t.status = 'succeeded') AS succeeded,
  (SELECT COUNT(*) FROM tasks t WHERE t.run_id = r.id AND t.cached_from_task IS NOT NULL) AS cached,
  (SELECT COUNT(*) FROM tasks t WHERE t.run_id = r.id AND t.status = 'failed') AS failed`;

function summary(r: RunRow): RunSummary {
  return {
    id: r.id,
    pipeline: r.pipeline,
    status: r.status,
    irHash: r.ir_hash,
    ...(r.git_commit ? { git: { commit: r.git_commit, ...(r.git_branch ? { branch: r.git_branch } : {}), dirty: r.git_dirty === 1 } } : {}),
    params: JSON.parse(r.params) as Record<string, unknown>,
    startedAt: r.started_at,
    ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
    engine: r.engine,
    ...(r.error ? { error: r.error } : {}),
    tasks: { total: r.total, succeeded: r.succeeded, cached: r.cached, failed: r.failed },
  };
}

/** Newest first; `limit` keeps `runs list` fast on a store of many thousands of runs. */
export function listRuns(store: RunStore, opts: { pipeline?: string; limit?: number } = {}): RunSummary[] {
  const where = opts.pipeline ? "WHERE r.pipeline = ?" : "";
  const rows = store.db.prepare(`SELECT ${RUN_COLUMNS} FROM runs r ${where} ORDER BY r.id DESC LIMIT ?`).all(...(opts.pipeline ? [opts.pipeline] : []), opts.limit ?? 50) as RunRow[];
  return rows.map(summary);
}

export function countRuns(store: RunStore, pipeline?: string): number {
  return (store.db.prepare(`SELECT COUNT(*) AS n FROM runs ${pipeline ? "WHERE pipeline = ?" : ""}`).get(...(pipeline ? [pipeline] : [])) as { n: number }).n;
}

export function getRun(store: RunStore, id: number): RunSummary | undefined {
  const r = store.db.prepare(`SELECT ${RUN_COLUMNS} FROM runs r WHERE r.id = ?`).get(id) as RunRow | undefined;
  return r ? summary(r) : undefined;
}

export interface TaskDetail {
  id: number;
  path: string;
  component: string;
  kind: string;
  status: string;
  attempts: number;
  exitCode: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  logFile: string | null;
  cachedFromRun: number | null;
  reason: string | null;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  artifacts: { role: "in" | "out"; name: string; idx: number; sha256: string; kind: string; size: number }[];
}

export function runTasks(store: RunStore, runId: number): TaskDetail[] {
  const rows = store.db.prepare("SELECT * FROM tasks WHERE run_id = ? ORDER BY id").all(runId) as Record<string, unknown>[];
  const links = store.db.prepare("SELECT ta.role, ta.name, ta.idx, ta.sha256, ta.kind, a.size FROM task_artifacts ta JOIN artifacts a ON a.sha256 = ta.sha256 WHERE ta.task_id = ? ORDER BY ta.role, ta.name, ta.idx");
  return rows.map((r) => ({
    id: r.id as number,
    path: r.path as string,
    component: r.component as string,
    kind: r.kind as string,
    status: r.status as string,
    attempts: r.attempts as number,
    exitCode: (r.exit_code as number | null) ?? null,
    startedAt: (r.started_at as string | null) ?? null,
    finishedAt: (r.finished_at as string | null) ?? null,
    logFile: (r.log_file as string | null) ?? null,
    cachedFromRun: (r.cached_from_run as number | null) ?? null,
    reason: (r.reason as string | null) ?? null,
    inputs: r.inputs ? (JSON.parse(r.inputs as string) as Record<string, unknown>) : {},
    outputs: r.outputs ? (JSON.parse(r.outputs as string) as Record<string, unknown>) : {},
    artifacts: links.all(r.id) as TaskDetail["artifacts"],
  }));
}

export function runMetrics(store: RunStore, runId: number): Record<string, number> {
  const rows = store.db.prepare("SELECT task_path, name, value FROM metrics WHERE run_id = ? ORDER BY task_path, name").all(runId) as { task_path: string; name: string; value: number }[];
  return Object.fromEntries(rows.map((r) => [`${r.task_path}.${r.name}`, r.value]));
}

export interface Comparison {
  runs: { id: number; pipeline: string; status: string; irHash: string; git?: RunSummary["git"] }[];
  params: { name: string; values: (unknown | null)[]; differs: boolean }[];
  metrics: { name: string; values: (number | null)[]; differs: boolean }[];
  /** Per later run: the steps whose definition differs from the first run's IR. */
  changedSteps: { from: number; to: number; added: string[]; removed: string[]; changed: string[] }[];
}

/** Params and metrics side by side (a missing one is null), differing ones marked, and what changed in the code. */
export function compareRuns(store: RunStore, ids: number[]): Comparison {
  const runs = ids.map((id) => getRun(store, id)!);
  const metrics = ids.map((id) => runMetrics(store, id));
  const paramNames = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort();
  const metricNames = [...new Set(metrics.flatMap((m) => Object.keys(m)))].sort();
  const differs = (vs: unknown[]) => new Set(vs.map((v) => JSON.stringify(v ?? null))).size > 1;
  const params = paramNames.map((name) => {
    const values = runs.map((r) => (name in r.params ? r.params[name] : null));
    return { name, values, differs: differs(values) };
  });
  const ms = metricNames.map((name) => {
    const values = metrics.map((m) => m[name] ?? null);
    return { name, values, differs: differs(values) };
  });
  const changedSteps = runs.slice(1).map((r) => ({ from: runs[0]!.id, to: r.id, ...diffSteps(store, runs[0]!.irHash, r.irHash) }));
  return { runs: runs.map((r) => ({ id: r.id, pipeline: r.pipeline, status: r.status, irHash: r.irHash, ...(r.git ? { git: r.git } : {}) })), params, metrics: ms, changedSteps };
}

function diffSteps(store: RunStore, a: string, b: string): { added: string[]; removed: string[]; changed: string[] } {
  if (a === b) return { added: [], removed: [], changed: [] };
  const steps = (hash: string) => {
    const row = store.db.prepare("SELECT json FROM irs WHERE hash = ?").get(hash) as { json: string } | undefined;
    const ir = row ? (JSON.parse(row.json) as Pipeline) : undefined;
    return new Map((ir?.spec.components ?? []).map((c: Component) => [c.name, canonicalJson(c, true)]));
  };
  const x = steps(a);
  const y = steps(b);
  return {
    added: [...y.keys()].filter((k) => !x.has(k)).sort(),
    removed: [...x.keys()].filter((k) => !y.has(k)).sort(),
    changed: [...y.keys()].filter((k) => x.has(k) && x.get(k) !== y.get(k)).sort(),
  };
}

export interface LineageNode {
  sha256: string;
  kind: string;
  size: number;
  producedBy?: { run: number; task: string; component: string; commit?: string; irHash: string; params: Record<string, unknown>; cachedFromRun?: number; inputs: Record<string, unknown> };
  consumedBy: { run: number; task: string }[];
  /** The artifacts the producing task read, traced the same way. */
  from: LineageNode[];
}

/** Where an artifact came from: the task that first made it, that task's inputs, recursively, up to the run's params and commit. */
export function artifactLineage(store: RunStore, sha256: string, seen = new Set<string>()): LineageNode | undefined {
  const art = store.db.prepare("SELECT sha256, size FROM artifacts WHERE sha256 = ?").get(sha256) as { sha256: string; size: number } | undefined;
  if (!art) return undefined;
  seen.add(sha256);
  const prod = store.db
    .prepare(
      `SELECT t.id, t.run_id, t.path, t.component, t.inputs, t.cached_from_run, ta.kind, r.git_commit, r.ir_hash, r.params FROM task_artifacts ta JOIN tasks t ON t.id = ta.task_id JOIN runs r ON r.id = t.run_id
       WHERE ta.sha256 = ? AND ta.role = 'out' ORDER BY (t.cached_from_task IS NOT NULL), t.id LIMIT 1`,
    )
    .get(sha256) as { id: number; run_id: number; path: string; component: string; inputs: string | null; cached_from_run: number | null; kind: string; git_commit: string | null; ir_hash: string; params: string } | undefined;
  const consumers = store.db.prepare("SELECT t.run_id AS run, t.path AS task FROM task_artifacts ta JOIN tasks t ON t.id = ta.task_id WHERE ta.sha256 = ? AND ta.role = 'in' ORDER BY t.id LIMIT 100").all(sha256) as { run: number; task: string }[];
  const kindRow = prod ?? (store.db.prepare("SELECT kind FROM task_artifacts WHERE sha256 = ? LIMIT 1").get(sha256) as { kind: string } | undefined);
  const from: LineageNode[] = [];
  if (prod) {
    const ins = store.db.prepare("SELECT DISTINCT sha256 FROM task_artifacts WHERE task_id = ? AND role = 'in'").all(prod.id) as { sha256: string }[];
    for (const i of ins) if (!seen.has(i.sha256)) from.push(artifactLineage(store, i.sha256, seen)!);
  }
  return {
    sha256: art.sha256,
    kind: kindRow?.kind ?? "artifact",
    size: art.size,
    ...(prod
      ? {
          producedBy: {
            run: prod.run_id,
            task: prod.path,
            component: prod.component,
            ...(prod.git_commit ? { commit: prod.git_commit } : {}),
            irHash: prod.ir_hash,
            params: JSON.parse(prod.params) as Record<string, unknown>,
            ...(prod.cached_from_run ? { cachedFromRun: prod.cached_from_run } : {}),
            inputs: prod.inputs ? (JSON.parse(prod.inputs) as Record<string, unknown>) : {},
          },
        }
      : {}),
    consumedBy: consumers,
    from: from.filter(Boolean),
  };
}

/** A run's artifacts: every output with its producer and the tasks that read it. */
export function runLineage(store: RunStore, runId: number): { task: string; output: string; sha256: string; kind: string; size: number; consumedBy: string[] }[] {
  const rows = store.db
    .prepare(
      `SELECT t.path, ta.name, ta.idx, ta.sha256, ta.kind, a.size FROM task_artifacts ta JOIN tasks t ON t.id = ta.task_id JOIN artifacts a ON a.sha256 = ta.sha256
       WHERE t.run_id = ? AND ta.role = 'out' ORDER BY t.id, ta.name, ta.idx`,
    )
    .all(runId) as { path: string; name: string; idx: number; sha256: string; kind: string; size: number }[];
  const consumers = store.db.prepare("SELECT DISTINCT t.path FROM task_artifacts ta JOIN tasks t ON t.id = ta.task_id WHERE t.run_id = ? AND ta.sha256 = ? AND ta.role = 'in' ORDER BY t.id");
  return rows.map((r) => ({ task: r.path, output: r.name, sha256: r.sha256, kind: r.kind, size: r.size, consumedBy: (consumers.all(runId, r.sha256) as { path: string }[]).map((c) => c.path) }));
}

/** Log text of a run's tasks, or of one task (by its path, or its id when unique). */
export function runLogs(store: RunStore, runId: number, task?: string): { task: string; log: string }[] {
  return runTasks(store, runId)
    .filter((t) => task === undefined || t.path === task || t.path.startsWith(`${task}[`))
    .map((t) => ({ task: t.path, log: t.logFile && existsSync(t.logFile) ? readFileSync(t.logFile, "utf8") : t.cachedFromRun ? `(cached from run ${t.cachedFromRun}: no new log)\n` : "" }));
}

/**
 * Drops artifacts no task references (and folder manifests' files no live folder needs), and the
 * scratch folders of runs that are over. Returns what went.
 */
export function gc(store: RunStore): { removedObjects: number; freedBytes: number; removedWorkDirs: number } {
  const referenced = new Set((store.db.prepare("SELECT DISTINCT sha256 FROM task_artifacts").all() as { sha256: string }[]).map((r) => r.sha256));
  for (const sha of [...referenced]) {
    const dir = (store.db.prepare("SELECT dir FROM artifacts WHERE sha256 = ?").get(sha) as { dir: number } | undefined)?.dir === 1;
    if (dir && store.cas.has(sha)) for (const e of store.cas.manifest(sha).entries) referenced.add(e.sha256);
  }
  // A run in progress may have stored an object it has not linked yet: keep anything newer than
  // the oldest running run's start.
  const oldest = (store.db.prepare("SELECT MIN(started_at) AS t FROM runs WHERE status = 'running'").get() as { t: string | null }).t;
  const cutoff = oldest ? Date.parse(oldest) : Infinity;
  let removedObjects = 0;
  let freedBytes = 0;
  for (const sha of store.cas.allObjects()) {
    if (referenced.has(sha)) continue;
    try {
      const st = statSync(store.cas.objectPath(sha));
      if (st.mtimeMs >= cutoff) continue;
      freedBytes += st.size;
    } catch {
      continue; // already gone
    }
    store.cas.remove(sha);
    removedObjects++;
  }
  store.db.prepare("DELETE FROM artifacts WHERE sha256 NOT IN (SELECT DISTINCT sha256 FROM task_artifacts)").run();
  let removedWorkDirs = 0;
  const work = join(store.dir, "work");
  if (existsSync(work)) {
    for (const name of readdirSync(work)) {
      const status = (store.db.prepare("SELECT status FROM runs WHERE id = ?").get(Number(name)) as { status: string } | undefined)?.status;
      if (status === "running") continue;
      rmSync(join(work, name), { recursive: true, force: true });
      removedWorkDirs++;
    }
  }
  return { removedObjects, freedBytes, removedWorkDirs };
}
