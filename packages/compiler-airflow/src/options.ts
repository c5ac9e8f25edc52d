import { DEFAULT_GPU_NODE_LABEL, calendarDate, imageReference, labelKey, nonBlank } from "@sluice/core/backend";
import { z } from "zod";

/** The AWS CLI's own image: `/bin/sh` and `aws s3 cp`, which any S3-compatible store accepts. */
export const DEFAULT_TRANSFER_IMAGE = "amazon/aws-cli:2.22.35";

/** Where the artifact volume is mounted in `volume` mode; artifacts live under it. */
export const ARTIFACT_VOLUME_MOUNT = "/sluice/artifacts";

/**
 * Options of the Airflow back end, settable as `--airflow-<key>` on the command line.
 * - version: the Airflow major version the DAG file is written for: 3 (`airflow.sdk`), or 2 for
 *   the 2.10 line (only the imports differ). Both are proven against a real Airflow.
 * - operator: `kubernetes` runs each step as a KubernetesPodOperator pod; `local` runs the same
 *   argv as a local process (development and the end-to-end test).
 * - artifactRoot: where artifacts live. An object-store URI prefix (s3://, gs://, ...) for pods;
 *   a local folder for the local operator.
 * - namespace: the Kubernetes namespace pods run in (the provider's default when absent).
 * - startDate: the DAG's `start_date`, a real calendar date `YYYY-MM-DD`.
 * - gpuNodeLabel: the node label a step's `resources.gpu.type` is matched against, as the pod's
 *   node selector (default `nvidia.com/gpu.product`; GKE: `cloud.google.com/gke-accelerator`).
 * - artifactTransfer: how a pod's artifacts move (docs/targets/airflow.md, "What a step
 *   receives"): `object-store` (a transfer sidecar downloads inputs before the command and
 *   uploads outputs after it) or `volume` (a shared PersistentVolumeClaim holds them).
 * - artifactVolume: the claim mounted in `volume` mode.
 * - transferImage: the sidecar's image in `object-store` mode; it must hold `/bin/sh` and `aws`.
 * - transferSecret: a Secret whose keys become the sidecar's env (AWS_ACCESS_KEY_ID, ...).
 */
export const AirflowOptions = z
  .object({
    version: z.enum(["3", "2"]).default("3"),
    operator: z.enum(["kubernetes", "local"]).default("kubernetes"),
    artifactRoot: nonBlank.optional(),
    namespace: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "must be a Kubernetes namespace name (lower case, digits and -, at most 63 characters)").optional(),
    startDate: calendarDate.default("2025-01-01"),
    gpuNodeLabel: labelKey.default(DEFAULT_GPU_NODE_LABEL),
    artifactTransfer: z.enum(["object-store", "volume"]).default("object-store"),
    artifactVolume: z.string().regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, "must be a PersistentVolumeClaim name (lower case, digits, - and ., at most 253 characters)").default("sluice-artifacts"),
    transferImage: imageReference.default(DEFAULT_TRANSFER_IMAGE),
    transferSecret: z.string().regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, "must be a Secret name (lower case, digits, - and ., at most 253 characters)").optional(),
  })
  .strict();
export type AirflowOptions = z.output<typeof AirflowOptions>;

/** The artifact root used when none is given, per operator (and, for pods, per transfer mode). */
export function defaultArtifactRoot(operator: AirflowOptions["operator"], transfer: AirflowOptions["artifactTransfer"] = "object-store"): string {
  if (operator === "local") return "/tmp/sluice-artifacts";
  return transfer === "volume" ? ARTIFACT_VOLUME_MOUNT : "s3://sluice-artifacts";
}
