import { SUBMIT_CODES, SubmitError } from "./errors.js";

export type TargetName = "argo" | "kubeflow" | "airflow";
export const TARGETS: readonly TargetName[] = ["argo", "kubeflow", "airflow"];

/**
 * What `sluice submit` prints and `status`, `logs` and `cancel` take: `argo:NAMESPACE/NAME`,
 * `kubeflow:RUN_ID`, `airflow:DAG_ID/RUN_ID`. It names the run, never a server or a credential:
 * the connection comes from the config file, the environment and flags each time.
 */
export interface RunRef {
  target: TargetName;
  /** `NAMESPACE/NAME`, `RUN_ID` or `DAG_ID/RUN_ID`. */
  id: string;
}

const SHAPES: Record<TargetName, { pattern: RegExp; shape: string }> = {
  argo: { pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/, shape: "argo:NAMESPACE/NAME" },
  kubeflow: { pattern: /^[A-Za-z0-9][-A-Za-z0-9_]*$/, shape: "kubeflow:RUN_ID" },
  airflow: { pattern: /^[A-Za-z0-9_.-]+\/[^/\s]+$/, shape: "airflow:DAG_ID/RUN_ID" },
};

export function formatRunRef(ref: RunRef): string {
  return `${ref.target}:${ref.id}`;
}

export function parseRunRef(text: string): RunRef {
  const colon = text.indexOf(":");
  const target = text.slice(0, colon) as TargetName;
  const id = text.slice(colon + 1);
  const shapes = TARGETS.map((t) => SHAPES[t].shape).join(", ");
  if (colon < 0 || !TARGETS.includes(target)) {
    throw new SubmitError(SUBMIT_CODES.badRunRef, `"${text}" is not a run reference`, `a run reference is what sluice submit printed: ${shapes}`);
  }
  if (!SHAPES[target].pattern.test(id)) {
    throw new SubmitError(SUBMIT_CODES.badRunRef, `"${text}" is not a ${target} run reference`, `expected ${SHAPES[target].shape}`);
  }
  return { target, id };
}

/** `argo:NAMESPACE/NAME` split into its parts. */
export function splitArgoRef(ref: RunRef): { namespace: string; name: string } {
  const [namespace = "", name = ""] = ref.id.split("/");
  return { namespace, name };
}
