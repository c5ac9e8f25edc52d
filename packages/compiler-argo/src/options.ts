import { DEFAULT_GPU_NODE_LABEL, labelKey } from "@sluice/core/backend";
import { z } from "zod";

/**
 * Options of the Argo back end. On the command line each is `--argo-<kebab-case key>`.
 * - kind: `workflow` (default) or `template` (a WorkflowTemplate). A pipeline with a schedule
 *   always becomes a CronWorkflow unless `template` is asked for.
 * - artifactRepositoryRef: `<config-map>/<key>` or `<key>` (in the default
 *   `artifact-repositories` config map); absent means the namespace's default repository.
 * - namespace: written on every object; absent leaves it to kubectl / argo submit.
 * - cacheConfigMap: the config map memoized steps store results in (default `<pipeline>-cache`).
 * - gpuNodeLabel: the node label a step's `resources.gpu.type` is matched against, as a node
 *   selector (default `nvidia.com/gpu.product`, set by NVIDIA's GPU feature discovery; GKE users
 *   give `cloud.google.com/gke-accelerator`).
 * - artifactBucket: the bucket of the workflow's S3 artifact repository. A scale-out step's job
 *   (Spark, Ray, Trainer pods Argo does not build) reads and writes its artifacts there itself,
 *   as `s3://<bucket>/<key>` (build-scale-out.ts); default `sluice-artifacts`, the Airflow back
 *   end's default root.
 */
export const ArgoOptions = z
  .object({
    kind: z.enum(["workflow", "template"]).default("workflow"),
    artifactRepositoryRef: z.string().regex(/^([a-z0-9.-]+\/)?[A-Za-z0-9._-]+$/, "must be <config-map>/<key> or <key>").optional(),
    namespace: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "must be a Kubernetes namespace name (lower case, digits and -, at most 63 characters)").optional(),
    cacheConfigMap: z.string().regex(/^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/, "must be a Kubernetes config map name (lower case, digits, - and ., at most 253 characters)").optional(),
    gpuNodeLabel: labelKey.default(DEFAULT_GPU_NODE_LABEL),
    // S3 bucket naming rules: 3-63 characters of lower case, digits, dots and hyphens.
    artifactBucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name (3 to 63 characters: lower case, digits, . and -)").default("sluice-artifacts"),
  })
  .strict();
export type ArgoOptions = z.infer<typeof ArgoOptions>;
