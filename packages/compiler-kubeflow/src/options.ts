import { DEFAULT_GPU_NODE_LABEL, imageReference, labelKey } from "@sluice/core/backend";
import { z } from "zod";

/**
 * Options of the kubeflow target (`--kubeflow-<key>` on the command line).
 * - pipelineRoot: `defaultPipelineRoot`, where KFP stores artifacts (else the cluster default).
 * - cacheDefault: whether tasks without an explicit `cache` setting are cached; kfp's default is on.
 * - gatherImage: the image (with python3) of the task that hands a list of artifacts to a step as
 *   one folder (build-gather.ts).
 * - launcherImage: the image (with python3; the `kubernetes` client is pip-installed at start when
 *   missing) of the container that creates a scale-out step's custom resource and waits for it
 *   (build-launcher.ts).
 * - gpuNodeLabel: the node label a step's `resources.gpu.type` is matched against, written as the
 *   executor's node selector (default `nvidia.com/gpu.product`; GKE: `cloud.google.com/gke-accelerator`).
 */
export const KubeflowOptions = z
  .object({
    pipelineRoot: z.string().regex(/^[a-z][a-z0-9+.-]*:\/\/\S+$/, "must be a URI such as gs://bucket/root, s3://bucket/root or minio://bucket/root").optional(),
    cacheDefault: z.boolean().default(true),
    gatherImage: imageReference.default("python:3.12-slim"),
    launcherImage: imageReference.default("python:3.12-slim"),
    gpuNodeLabel: labelKey.default(DEFAULT_GPU_NODE_LABEL),
  })
  .strict();
export type KubeflowOptions = z.output<typeof KubeflowOptions>;
