import { existsSync, mkdirSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations.js";

export type Db = Database.Database;

/**
 * Opens (or creates) the run database: WAL so that readers never block the writer and two runs
 * can share a store, a busy timeout so that concurrent writers wait instead of failing, and the
 * migrations brought up to date in one transaction.
 */
export function openDatabase(dir: string): Db {
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, "runs.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 15000");
  db.pragma("foreign_keys = ON");
  db.pragma("synchronous = NORMAL");
  migrate(db);
  markInterrupted(db);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma("user_version", { simple: true }) as number;
}

function migrate(db: Db): void {
  // IMMEDIATE: two processes opening a fresh store at once must not both run migration 1.
  const apply = db.transaction(() => {
    const current = schemaVersion(db);
    for (let v = current; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    if (current < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  });
  apply.immediate();
}

/**
 * A run still marked running whose process is gone (SIGKILL, a crash, a reboot) is marked
 * interrupted, and so are its unfinished tasks: whoever opens the store next sees the truth.
 * Only runs of this host are judged; another machine's process cannot be checked from here.
 */
function markInterrupted(db: Db): void {
  const host = hostname();
  const running = db.prepare("SELECT id, pid FROM runs WHERE status = 'running' AND host = ?").all(host) as { id: number; pid: number | null }[];
  const dead = running.filter((r) => r.pid === null || !processAlive(r.pid));
  if (dead.length === 0) return;
  const now = new Date().toISOString();
  // The steps of a killed run live on in their own process groups: stop them too.
  for (const r of dead) {
    const pids = db.prepare("SELECT pid FROM tasks WHERE run_id = ? AND status = 'running' AND pid IS NOT NULL").all(r.id) as { pid: number }[];
    for (const t of pids) killGroup(t.pid);
  }
  const mark = db.transaction(() => {
    for (const r of dead) {
      db.prepare("UPDATE runs SET status = 'interrupted', finished_at = ?, error = 'the sluice process stopped without finishing the run (killed or crashed)' WHERE id = ? AND status = 'running'").run(now, r.id);
      db.prepare("UPDATE tasks SET status = 'interrupted', finished_at = ? WHERE run_id = ? AND status IN ('pending', 'running', 'retrying')").run(now, r.id);
    }
  });
  mark.immediate();
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function storeExists(dir: string): boolean {
  return existsSync(join(dir, "runs.db"));
}
