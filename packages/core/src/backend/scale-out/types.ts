// The contract between the shared scale-out builders and each back end (docs/scale-out.md).
import type { Arg, RunSettings } from "../../ir/index.js";

/**
 * How a back end writes one `Arg` as text in the custom resource: plain text as is, and each
 * reference (`inputValue`, `inputPath`, `outputPath`, inside `concat` too) its own way (Argo
 * `{{inputs.parameters.x}}`, an Airflow template, a value the KFP launcher fills in). For the
 * scale-out forms `inputPath` and `outputPath` are URIs, not local paths: the job runs in pods
 * the back end does not build (see `argResolver` for the common case).
 */
export type ResolveArg = (arg: Arg) => string;

/** What the back end decides about the resource, beside the component itself. */
export interface ScaleOutMeta {
  /** metadata.name, already a valid DNS-1123 name for the target (the back end owns naming). */
  name: string;
  namespace?: string;
  /** The task's effective run settings (`effectiveSettings()`): env, volumes, node selector, tolerations, labels, annotations, resources. */
  settings: RunSettings;
  /** Labels the back end adds (task id, pipeline name...); a user label of the same key wins. */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Passed through to metadata.ownerReferences (Argo sets its own with setOwnerReference instead). */
  ownerReferences?: Record<string, unknown>[];
  /** The pods' service account (pipeline `defaults.serviceAccount`); a Spark driver's own one wins. */
  serviceAccount?: string;
  /** Node label for `resources.gpu.type` (DEFAULT_GPU_NODE_LABEL unless the target's option says otherwise). */
  gpuNodeLabel?: string;
}

/** A plain Kubernetes custom resource, ready for the target's YAML or JSON writer. */
export interface CustomResource {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown> & { name: string };
  spec: Record<string, unknown>;
}
