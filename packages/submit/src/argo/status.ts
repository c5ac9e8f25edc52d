import type { RunPhase, RunStatus, TaskStatus } from "../client.js";
import type { RunRef } from "../run-ref.js";

interface ArgoNode {
  id: string;
  name: string;
  displayName?: string;
  type: string;
  phase?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  children?: string[];
}

export interface ArgoWorkflow {
  metadata: { name: string; namespace: string; resourceVersion?: string };
  spec?: { shutdown?: string };
  status?: { phase?: string; message?: string; startedAt?: string; finishedAt?: string; nodes?: Record<string, ArgoNode> };
}

/** Node types that are a user's task: a pod, a retried pod (its Retry parent), or a skipped task. */
const TASK_TYPES = new Set(["Pod", "Retry", "Skipped", "Suspend", "Container", "HTTP", "Plugin"]);

/** A Workflow as the common RunStatus: its phase, and one entry per task (retries folded in). */
export function workflowStatus(ref: RunRef, wf: ArgoWorkflow): RunStatus {
  const nodes = Object.values(wf.status?.nodes ?? {});
  const retried = new Set(nodes.filter((n) => n.type === "Retry").flatMap((n) => n.children ?? []));
  const tasks: TaskStatus[] = nodes
    .filter((n) => TASK_TYPES.has(n.type) && !retried.has(n.id))
    .map((n) => ({
      name: n.displayName ?? n.name,
      phase: nodePhase(n.phase),
      ...(n.message ? { message: n.message } : {}),
      ...(n.type === "Retry" && (n.children?.length ?? 0) > 1 ? { retries: n.children!.length - 1 } : {}),
      ...(n.startedAt ? { startedAt: n.startedAt } : {}),
      ...(n.finishedAt ? { finishedAt: n.finishedAt } : {}),
    }))
    .sort((a, b) => byText(a.startedAt ?? "\uffff", b.startedAt ?? "\uffff") || byText(a.name, b.name));
  const s = wf.status ?? {};
  return {
    ref,
    phase: workflowPhase(wf),
    ...(s.message ? { message: s.message } : {}),
    ...(s.startedAt ? { startedAt: s.startedAt } : {}),
    ...(s.finishedAt ? { finishedAt: s.finishedAt } : {}),
    tasks,
  };
}

/** Code-point order: locale order ignores punctuation, and the same status must list the same way everywhere. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function workflowPhase(wf: ArgoWorkflow): RunPhase {
  const phase = wf.status?.phase;
  // `sluice cancel` (like `argo terminate`) sets spec.shutdown; Argo then reports Failed.
  if ((phase === "Failed" || phase === "Error") && wf.spec?.shutdown) return "Canceled";
  if (phase === "Succeeded" || phase === "Failed" || phase === "Error" || phase === "Running") return phase;
  return "Pending";
}

function nodePhase(phase: string | undefined): RunPhase {
  switch (phase) {
    case "Succeeded":
    case "Failed":
    case "Error":
    case "Running":
    case "Skipped":
      return phase;
    case "Omitted":
      return "Skipped";
    default:
      return "Pending";
  }
}

/** The tasks that failed: what a person needs to see first when a run did not succeed. */
export function failingNodes(status: RunStatus): TaskStatus[] {
  return status.tasks.filter((t) => t.phase === "Failed" || t.phase === "Error");
}
