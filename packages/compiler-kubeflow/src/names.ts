/**
 * KFP names, made valid deterministically (see docs/targets/kubeflow.md, "Names").
 *
 * - Pipeline name (`pipelineInfo.name`, and the file `<name>.kubeflow.yaml`): kfp requires
 *   `^[a-z0-9][a-z0-9-]{0,127}$`; a name that does not match becomes a DNS-1123 label (readable head,
 *   hash suffix), and the original goes to `pipelineInfo.displayName` unless the pipeline sets one.
 * - Task names (keys of `dag.tasks`, shown in the KFP UI and used for pod names): DNS-1123 labels of
 *   the IR ids, which are unique per pipeline. Two ids that sanitize alike are a located error
 *   (SLU3001), never a silent rename. `taskInfo.name`, which the KFP UI shows, keeps the original
 *   id (or the call's `displayName`).
 * - Component and executor names (`comp-<x>`, `exec-<x>`) are internal: a `NameAllocator` hands out
 *   `comp-train`, `comp-train-2`, ... in build order, so they can never collide.
 */
import { dns1123Label, isDns1123Label } from "@sluice/core/backend";

const KFP_PIPELINE_NAME = /^[a-z0-9][a-z0-9-]{0,127}$/;

export function kfpPipelineName(name: string): string {
  return KFP_PIPELINE_NAME.test(name) ? name : dns1123Label(name);
}

/** Task names are DNS-1123 labels; 63 characters leave room for KFP's own pod name prefixes. */
export function kfpTaskName(id: string): string {
  return isDns1123Label(id) ? id : dns1123Label(id);
}

/** Hands out unique names with a fixed prefix, suffixing -2, -3 ... on reuse of a base. */
export class NameAllocator {
  private readonly used = new Set<string>();
  constructor(private readonly prefix: string) {}

  allocate(base: string): string {
    const label = dns1123Label(base, 58);
    let candidate = `${this.prefix}${label}`;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${this.prefix}${label}-${n}`;
    this.used.add(candidate);
    return candidate;
  }
}

/**
 * The name kfp gives the value of an outer scope inside a group component (`pipelinechannel--x`).
 * Kept as kfp spells it so that readers of kfp output recognise it.
 */
export function channelName(base: string): string {
  return `pipelinechannel--${base}`;
}
