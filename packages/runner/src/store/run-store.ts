import { mkdirSync } from "node:fs";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { canonicalJson, type Pipeline } from "@sluice/core/backend";
import type { RunStatus, TaskState, Value } from "../types.js";
import { ContentStore, type StoredObject } from "./cas.js";
import { openDatabase, type Db } from "./db.js";

/** Where a store lives: `--store DIR`, else `$SLUICE_HOME`, else `.sluice/` in the project. */
export function resolveStoreDir(opts: { store?: string; env?: Readonly<Record<string, string | undefined>>; projectRoot: string; cwd?: string }): string {
  if (opts.store) return resolve(opts.cwd ?? process.cwd(), opts.store);
  const home = opts.env?.SLUICE_HOME;
  if (home) return resolve(opts.cwd ?? process.cwd(), home);
  return join(opts.projectRoot, ".sluice");
}

export interface TaskRecord {
  path: string;
  nodeId: string;
  component: string;
  kind: string;
  status: TaskState | "interrupted";
  attempts?: number;
  exitCode?: number | null;
  startedAt?: string;
  finishedAt?: string;
  logFile?: string;
  cacheKey?: string;
  cachedFromTask?: number;
  cachedFromRun?: number;
  inputs?: Record<string, Value>;
  outputs?: Record<string, Value>;
  reason?: string;
}

/**
 * The run store: one SQLite file (`runs.db`), the content-addressed artifacts (`sha256/…`), the
 * task logs (`logs/<run>/…`) and scratch folders for running tasks (`work/`). Secrets never
 * reach it: the engine stores input values, never the environment.
 */
export class RunStore {
  readonly db: Db;
  readonly cas: ContentStore;

  constructor(readonly dir: string) {
    this.db = openDatabase(dir);
    this.cas = new ContentStore(dir);
  }

  close(): void {
    this.db.close();
  }

  logsDir(runId: number): string {
    const d = join(this.dir, "logs", String(runId));
    mkdirSync(d, { recursive: true });
    return d;
  }

  workDir(runId: number): string {
    return join(this.dir, "work", String(runId));
  }

  createRun(ir: Pipeline, params: Record<string, Value>, engine: string): number {
    const now = new Date().toISOString();
    const tx = this.db.transaction(() => {
      this.db.prepare("INSERT OR IGNORE INTO irs (hash, json) VALUES (?, ?)").run(ir.metadata.hash, canonicalJson(ir));
      const git = ir.metadata.git;
      const r = this.db
        .prepare(
          `INSERT INTO runs (pipeline, ir_hash, source_file, export_name, git_commit, git_branch, git_dirty, git_remote, params, status, started_at, pid, host, engine)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)`,
        )
        .run(ir.metadata.name, ir.metadata.hash, ir.metadata.source.file, ir.metadata.source.export, git?.commit ?? null, git?.branch ?? null, git ? (git.dirty ? 1 : 0) : null, git?.remote ?? null, canonicalJson(params), now, process.pid, hostname(), engine);
      return Number(r.lastInsertRowid);
    });
    return tx.immediate();
  }

  finishRun(runId: number, status: RunStatus, error?: string): void {
    this.db.prepare("UPDATE runs SET status = ?, finished_at = ?, error = ? WHERE id = ?").run(status, new Date().toISOString(), error ?? null, runId);
    if (status !== "succeeded") {
      this.db.prepare("UPDATE tasks SET status = ?, finished_at = ? WHERE run_id = ? AND status IN ('pending', 'running', 'retrying')").run(status === "cancelled" ? "cancelled" : "failed", new Date().toISOString(), runId);
    }
  }

  /** Inserts or updates one task instance of a run; returns its row id. */
  saveTask(runId: number, t: TaskRecord): number {
    const row = this.db
      .prepare(
        `INSERT INTO tasks (run_id, path, node_id, component, kind, status, attempts, exit_code, started_at, finished_at, log_file, cache_key, cached_from_task, cached_from_run, inputs, outputs, reason)
         VALUES (@runId, @path, @nodeId, @component, @kind, @status, @attempts, @exitCode, @startedAt, @finishedAt, @logFile, @cacheKey, @cachedFromTask, @cachedFromRun, @inputs, @outputs, @reason)
         ON CONFLICT (run_id, path) DO UPDATE SET status = excluded.status, attempts = excluded.attempts, exit_code = excluded.exit_code,
           started_at = COALESCE(excluded.started_at, started_at), finished_at = excluded.finished_at, log_file = COALESCE(excluded.log_file, log_file),
           cache_key = COALESCE(excluded.cache_key, cache_key), cached_from_task = excluded.cached_from_task, cached_from_run = excluded.cached_from_run,
           inputs = COALESCE(excluded.inputs, inputs), outputs = COALESCE(excluded.outputs, outputs), reason = excluded.reason
         RETURNING id`,
      )
      .get({
        runId,
        path: t.path,
        nodeId: t.nodeId,
        component: t.component,
        kind: t.kind,
        status: t.status,
        attempts: t.attempts ?? 0,
        exitCode: t.exitCode ?? null,
        startedAt: t.startedAt ?? null,
        finishedAt: t.finishedAt ?? null,
        logFile: t.logFile ?? null,
        cacheKey: t.cacheKey ?? null,
        cachedFromTask: t.cachedFromTask ?? null,
        cachedFromRun: t.cachedFromRun ?? null,
        inputs: t.inputs ? canonicalJson(t.inputs) : null,
        outputs: t.outputs ? canonicalJson(t.outputs) : null,
        reason: t.reason ?? null,
      }) as { id: number };
    return row.id;
  }

  /** The process group of a running task, so that a later open can stop it if this process was killed. */
  saveTaskPid(taskRowId: number, pid: number): void {
    this.db.prepare("UPDATE tasks SET pid = ? WHERE id = ?").run(pid, taskRowId);
  }

  /** Records which artifacts a task read and wrote, and the artifacts themselves, in one transaction. */
  linkArtifacts(taskRowId: number, links: { role: "in" | "out"; name: string; idx: number; obj: StoredObject; kind: string }[]): void {
    if (links.length === 0) return;
    const now = new Date().toISOString();
    const tx = this.db.transaction(() => {
      for (const l of links) {
        this.db.prepare("INSERT OR IGNORE INTO artifacts (sha256, size, dir, created_at) VALUES (?, ?, ?, ?)").run(l.obj.sha256, l.obj.size, l.obj.dir ? 1 : 0, now);
        this.db.prepare("INSERT OR REPLACE INTO task_artifacts (task_id, role, name, idx, sha256, kind) VALUES (?, ?, ?, ?, ?, ?)").run(taskRowId, l.role, l.name, l.idx, l.obj.sha256, l.kind);
      }
    });
    tx.immediate();
  }

  saveMetrics(runId: number, taskPath: string, metrics: { name: string; value: number; source: "param" | "artifact" }[]): void {
    const tx = this.db.transaction(() => {
      for (const m of metrics) this.db.prepare("INSERT OR REPLACE INTO metrics (run_id, task_path, name, value, source) VALUES (?, ?, ?, ?, ?)").run(runId, taskPath, m.name, m.value, m.source);
    });
    tx.immediate();
  }

  /** The newest successful execution with this cache key whose artifacts are all still on disk. */
  findCached(cacheKey: string): { taskId: number; runId: number; outputs: Record<string, Value>; exitCode: number | null } | undefined {
    const rows = this.db
      .prepare("SELECT id, run_id, outputs, exit_code, cached_from_task, cached_from_run FROM tasks WHERE cache_key = ? AND status = 'succeeded' ORDER BY id DESC LIMIT 5")
      .all(cacheKey) as { id: number; run_id: number; outputs: string; exit_code: number | null; cached_from_task: number | null; cached_from_run: number | null }[];
    for (const r of rows) {
      const outs = this.db.prepare("SELECT sha256 FROM task_artifacts WHERE task_id = ? AND role = 'out'").all(r.id) as { sha256: string }[];
      if (!outs.every((o) => this.cas.has(o.sha256))) continue;
      // A cached task points at the execution that really ran, so "cached from run N" names it.
      return { taskId: r.cached_from_task ?? r.id, runId: r.cached_from_run ?? r.run_id, outputs: JSON.parse(r.outputs) as Record<string, Value>, exitCode: r.exit_code };
    }
    return undefined;
  }
}
