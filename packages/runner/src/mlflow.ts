import { readFileSync } from "node:fs";
import { compareRuns, getRun, runLineage } from "./store/queries.js";
import type { RunStore } from "./store/run-store.js";

/**
 * Logs one recorded run to an MLflow tracking server over its REST API (2.0): the pipeline is the
 * experiment (created when missing), the Sluice run one MLflow run with its params, metrics, tags
 * (git commit as `mlflow.source.git.commit`, the IR hash, the Sluice run id) and its output
 * artifacts, uploaded through the server's artifact proxy (`mlflow-artifacts:` roots, the
 * default of `mlflow server`).
 */
export async function logRunToMlflow(store: RunStore, runId: number, uri: string): Promise<{ experimentId: string; runId: string; artifacts: number }> {
  const base = uri.replace(/\/+$/, "");
  const run = getRun(store, runId);
  if (!run) throw new Error(`no run ${runId} in the store`);
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}/api/2.0/mlflow/${path}`, { method, headers: { "content-type": "application/json" }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    if (!res.ok) throw new MlflowError(res.status, text);
    return (text ? JSON.parse(text) : {}) as T;
  };
  let experimentId: string;
  try {
    experimentId = (await api<{ experiment: { experiment_id: string } }>("GET", `experiments/get-by-name?experiment_name=${encodeURIComponent(run.pipeline)}`)).experiment.experiment_id;
  } catch (error) {
    if (!(error instanceof MlflowError) || error.status !== 404) throw error;
    experimentId = (await api<{ experiment_id: string }>("POST", "experiments/create", { name: run.pipeline })).experiment_id;
  }
  const start = Date.parse(run.startedAt);
  const tags = [
    { key: "mlflow.runName", value: `${run.pipeline}-${run.id}` },
    { key: "sluice.run_id", value: String(run.id) },
    { key: "sluice.ir_hash", value: run.irHash },
    { key: "sluice.status", value: run.status },
    ...(run.git ? [{ key: "mlflow.source.git.commit", value: run.git.commit }, { key: "sluice.git.dirty", value: String(run.git.dirty) }, ...(run.git.branch ? [{ key: "mlflow.source.git.branch", value: run.git.branch }] : [])] : []),
  ];
  const created = await api<{ run: { info: { run_id: string; artifact_uri: string } } }>("POST", "runs/create", { experiment_id: experimentId, run_name: `${run.pipeline}-${run.id}`, start_time: start, tags });
  const mlRun = created.run.info.run_id;
  const cmp = compareRuns(store, [runId]);
  const params = cmp.params.map((p) => ({ key: metricKey(p.name), value: (typeof p.values[0] === "string" ? (p.values[0] as string) : JSON.stringify(p.values[0])).slice(0, 6000) }));
  const metrics = cmp.metrics.filter((m) => m.values[0] !== null).map((m) => ({ key: metricKey(m.name), value: m.values[0] as number, timestamp: start, step: 0 }));
  // log-batch takes at most 100 params and 1000 metrics per call.
  for (let i = 0; i < Math.max(params.length, 1); i += 100) await api("POST", "runs/log-batch", { run_id: mlRun, params: params.slice(i, i + 100), metrics: [], tags: [] });
  for (let i = 0; i < metrics.length; i += 1000) await api("POST", "runs/log-batch", { run_id: mlRun, metrics: metrics.slice(i, i + 1000), params: [], tags: [] });
  const artifacts = await uploadArtifacts(store, runId, base, created.run.info.artifact_uri);
  const status = run.status === "succeeded" ? "FINISHED" : run.status === "cancelled" ? "KILLED" : "FAILED";
  await api("POST", "runs/update", { run_id: mlRun, status, end_time: run.finishedAt ? Date.parse(run.finishedAt) : Date.now() });
  return { experimentId, runId: mlRun, artifacts };
}

class MlflowError extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`MLflow answered ${status}: ${body.slice(0, 300)}`);
  }
}

/** MLflow keys allow letters, digits, `_ - . / ` and spaces: `train[0,1].loss` becomes `train.0.1.loss`. */
export function metricKey(name: string): string {
  return name.replace(/\[([^\]]*)\]/g, (_m, idx: string) => "." + idx.split(",").join(".")).replace(/[^A-Za-z0-9_\-./ ]/g, "_");
}

async function uploadArtifacts(store: RunStore, runId: number, base: string, artifactUri: string): Promise<number> {
  const m = /^mlflow-artifacts:\/*(.*)$/.exec(artifactUri);
  if (!m) return 0; // the server stores artifacts where this client cannot write (no proxy): params and metrics only
  let count = 0;
  for (const a of runLineage(store, runId)) {
    const files = a.sha256 && store.cas.has(a.sha256) ? filesOf(store, a.sha256) : [];
    for (const f of files) {
      const path = [m[1], metricKey(a.task), a.output, ...f.rel].filter((s): s is string => Boolean(s)).map((s) => encodeURIComponent(s)).join("/");
      const res = await fetch(`${base}/api/2.0/mlflow-artifacts/artifacts/${path}`, { method: "PUT", body: readFileSync(store.cas.objectPath(f.sha256)) });
      if (!res.ok) throw new MlflowError(res.status, await res.text());
      count++;
    }
  }
  return count;
}

function filesOf(store: RunStore, sha256: string): { rel: string[]; sha256: string }[] {
  const dir = (store.db.prepare("SELECT dir FROM artifacts WHERE sha256 = ?").get(sha256) as { dir: number } | undefined)?.dir === 1;
  if (!dir) return [{ rel: [], sha256 }];
  return store.cas.manifest(sha256).entries.map((e) => ({ rel: e.path.split("/"), sha256: e.sha256 }));
}
