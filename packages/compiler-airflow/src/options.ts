import { DEFAULT_GPU_NODE_LABEL, calendarDate, labelKey, nonBlank } from "@sluice/core/backend";
import { z } from "zod";

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
 */
export const AirflowOptions = z
  .object({
    version: z.enum(["3", "2"]).default("3"),
    operator: z.enum(["kubernetes", "local"]).default("kubernetes"),
    artifactRoot: nonBlank.optional(),
    namespace: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "must be a Kubernetes namespace name (lower case, digits and -, at most 63 characters)").optional(),
    startDate: calendarDate.default("2025-01-01"),
    gpuNodeLabel: labelKey.default(DEFAULT_GPU_NODE_LABEL),
  })
  .strict();
export type AirflowOptions = z.output<typeof AirflowOptions>;

/** The artifact root used when none is given, per operator. */
export function defaultArtifactRoot(operator: AirflowOptions["operator"]): string {
  return operator === "local" ? "/tmp/sluice-artifacts" : "s3://sluice-artifacts";
}
