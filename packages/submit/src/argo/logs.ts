import { Writable } from "node:stream";
import { Log, type CoreV1Api, type KubeConfig, type V1Pod } from "@kubernetes/client-node";
import { SUBMIT_CODES, SubmitError } from "../errors.js";
import type { ArgoWorkflow } from "./status.js";

export interface PodLogsRequest {
  kc: KubeConfig;
  core: CoreV1Api;
  namespace: string;
  workflow: ArgoWorkflow;
  task?: string;
  follow?: boolean;
}

/**
 * Writes the `main` container log of each step pod of the workflow, oldest first, each line
 * prefixed with the task's name. `task` picks one task (every attempt of a retried task).
 */
export async function writePodLogs(req: PodLogsRequest, write: (text: string) => void): Promise<void> {
  const list = await req.core.listNamespacedPod({ namespace: req.namespace, labelSelector: `workflows.argoproj.io/workflow=${req.workflow.metadata.name}` });
  const nodes = req.workflow.status?.nodes ?? {};
  const pods = list.items
    .map((pod) => ({ pod, task: taskOf(pod, nodes) }))
    .filter((p) => req.task === undefined || p.task === req.task || p.task.replace(/\(\d+\)$/, "") === req.task)
    .sort((a, b) => String(a.pod.metadata?.creationTimestamp ?? "").localeCompare(String(b.pod.metadata?.creationTimestamp ?? "")));
  if (req.task !== undefined && pods.length === 0) {
    const names = [...new Set(list.items.map((pod) => taskOf(pod, nodes)))].sort();
    throw new SubmitError(SUBMIT_CODES.taskNotFound, `workflow ${req.workflow.metadata.name} has no pod for task "${req.task}"`, names.length ? `its tasks with pods are ${names.join(", ")}` : "no step pod exists (yet)");
  }
  for (const { pod, task } of pods) await streamLog(req, pod, task, write);
}

function taskOf(pod: V1Pod, nodes: NonNullable<NonNullable<ArgoWorkflow["status"]>["nodes"]>): string {
  const id = pod.metadata?.annotations?.["workflows.argoproj.io/node-id"];
  const node = id ? nodes[id] : undefined;
  const fullName = pod.metadata?.annotations?.["workflows.argoproj.io/node-name"] ?? pod.metadata?.name ?? "?";
  return node?.displayName ?? fullName.slice(fullName.lastIndexOf(".") + 1);
}

async function streamLog(req: PodLogsRequest, pod: V1Pod, task: string, write: (text: string) => void): Promise<void> {
  let pending = "";
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) write(`[${task}] ${line}\n`);
      done();
    },
  });
  await new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
    new Log(req.kc).log(req.namespace, pod.metadata!.name!, "main", out, { follow: !!req.follow }).catch(reject);
  });
  if (pending) write(`[${task}] ${pending}\n`);
}
