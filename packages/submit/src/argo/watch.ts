import { Watch, type KubeConfig } from "@kubernetes/client-node";
import { SUBMIT_CODES, SubmitError } from "../errors.js";
import type { ArgoWorkflow } from "./status.js";

export interface WatchRequest {
  kc: KubeConfig;
  namespace: string;
  name: string;
  /** Reads the workflow afresh: the first list, and again whenever the watch must restart. */
  get: () => Promise<ArgoWorkflow>;
  onStatus: (wf: ArgoWorkflow) => void;
  signal?: AbortSignal;
}

const DONE = new Set(["Succeeded", "Failed", "Error"]);

export function isFinished(wf: ArgoWorkflow): boolean {
  return DONE.has(wf.status?.phase ?? "");
}

type Round = { kind: "finished"; wf: ArgoWorkflow } | { kind: "resume"; resourceVersion: string } | { kind: "relist" } | { kind: "failed"; error: unknown };

/**
 * Follows one Workflow with the watch API until it finishes: list, then watch from the listed
 * resourceVersion. When the server closes the stream (its watch timeout) the watch resumes from
 * the last version seen; when that version is too old (410 Gone) it lists again.
 */
export async function watchWorkflow(req: WatchRequest): Promise<ArgoWorkflow> {
  let wf = await req.get();
  req.onStatus(wf);
  let resourceVersion = wf.metadata.resourceVersion ?? "";
  while (!isFinished(wf)) {
    if (req.signal?.aborted) throw new SubmitError(SUBMIT_CODES.runFailed, "stopped watching (interrupted); the run goes on");
    const round = await watchOnce(req, resourceVersion, (latest) => (wf = latest));
    if (round.kind === "finished") return round.wf;
    if (round.kind === "failed") throw round.error;
    if (round.kind === "resume") resourceVersion = round.resourceVersion || resourceVersion;
    if (round.kind === "relist") {
      wf = await req.get();
      req.onStatus(wf);
      resourceVersion = wf.metadata.resourceVersion ?? "";
    }
  }
  return wf;
}

function watchOnce(req: WatchRequest, resourceVersion: string, seen: (wf: ArgoWorkflow) => void): Promise<Round> {
  return new Promise<Round>((resolve) => {
    let settled = false;
    let lastVersion = resourceVersion;
    let abort: AbortController | undefined;
    const finish = (round: Round) => {
      if (settled) return;
      settled = true;
      abort?.abort();
      resolve(round);
    };
    const path = `/apis/argoproj.io/v1alpha1/namespaces/${req.namespace}/workflows`;
    const query = { fieldSelector: `metadata.name=${req.name}`, resourceVersion, allowWatchBookmarks: true };
    const onEvent = (type: string, obj: any) => {
      if (type === "ERROR") return finish(obj?.code === 410 ? { kind: "relist" } : { kind: "failed", error: { code: obj?.code ?? 500, body: obj } });
      lastVersion = obj?.metadata?.resourceVersion ?? lastVersion;
      if (type === "BOOKMARK") return;
      if (type === "DELETED") return finish({ kind: "failed", error: new SubmitError(SUBMIT_CODES.runNotFound, `Workflow ${req.namespace}/${req.name} was deleted while it was being watched`) });
      const wf = obj as ArgoWorkflow;
      seen(wf);
      req.onStatus(wf);
      if (isFinished(wf)) finish({ kind: "finished", wf });
    };
    const onDone = (err: any) => {
      if (settled) return;
      if (err && (err.statusCode === 410 || err.code === 410)) return finish({ kind: "relist" });
      if (err && err.name !== "AbortError") return finish({ kind: "failed", error: err.statusCode ? { code: err.statusCode, body: {} } : err });
      finish({ kind: "resume", resourceVersion: lastVersion });
    };
    req.signal?.addEventListener("abort", () => finish({ kind: "resume", resourceVersion: lastVersion }), { once: true });
    new Watch(req.kc).watch(path, query, onEvent, onDone).then(
      (controller) => {
        abort = controller;
        if (settled) controller.abort();
      },
      (error) => finish({ kind: "failed", error }),
    );
  });
}
