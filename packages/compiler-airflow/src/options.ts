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
 */
export const AirflowOptions = z
  .object({
    version: z.enum(["3", "2"]).default("3"),
    operator: z.enum(["kubernetes", "local"]).default("kubernetes"),
    artifactRoot: z.string().min(1).optional(),
    namespace: z.string().min(1).optional(),
    startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).default("2025-01-01"),
  })
  .strict();
export type AirflowOptions = z.output<typeof AirflowOptions>;

/** The artifact root used when none is given, per operator. */
export function defaultArtifactRoot(operator: AirflowOptions["operator"]): string {
  return operator === "local" ? "/tmp/sluice-artifacts" : "s3://sluice-artifacts";
}
