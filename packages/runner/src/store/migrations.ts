/**
 * Versioned schema migrations, applied in order; `PRAGMA user_version` holds how many ran. Never
 * edit a released migration: append a new one, so that an old store upgrades step by step.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: runs, tasks, artifacts and their links, metrics.
  `
  CREATE TABLE irs (hash TEXT PRIMARY KEY, json TEXT NOT NULL);
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    pipeline TEXT NOT NULL,
    ir_hash TEXT NOT NULL REFERENCES irs(hash),
    source_file TEXT,
    export_name TEXT,
    git_commit TEXT,
    git_branch TEXT,
    git_dirty INTEGER,
    git_remote TEXT,
    params TEXT NOT NULL,
    status TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    pid INTEGER,
    host TEXT,
    engine TEXT NOT NULL,
    error TEXT
  );
  CREATE INDEX runs_by_pipeline ON runs(pipeline, id);
  CREATE INDEX runs_by_status ON runs(status);
  CREATE TABLE tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    path TEXT NOT NULL,
    node_id TEXT NOT NULL,
    component TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    exit_code INTEGER,
    started_at TEXT,
    finished_at TEXT,
    log_file TEXT,
    cache_key TEXT,
    cached_from_task INTEGER REFERENCES tasks(id),
    cached_from_run INTEGER,
    inputs TEXT,
    outputs TEXT,
    reason TEXT,
    pid INTEGER,
    UNIQUE (run_id, path)
  );
  CREATE INDEX tasks_by_cache_key ON tasks(cache_key) WHERE status = 'succeeded';
  CREATE TABLE artifacts (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    dir INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE task_artifacts (
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    role TEXT NOT NULL CHECK (role IN ('in', 'out')),
    name TEXT NOT NULL,
    idx INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT NOT NULL REFERENCES artifacts(sha256),
    kind TEXT NOT NULL,
    PRIMARY KEY (task_id, role, name, idx)
  );
  CREATE INDEX task_artifacts_by_sha ON task_artifacts(sha256);
  CREATE TABLE metrics (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    task_path TEXT NOT NULL,
    name TEXT NOT NULL,
    value REAL NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('param', 'artifact')),
    PRIMARY KEY (run_id, task_path, name)
  );
  `,
];
