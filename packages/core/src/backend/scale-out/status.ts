// When each engine's resource is done, and which run settings it cannot carry. Back ends turn
// the terminal states into their own wait (Argo success/failureCondition, an Airflow sensor, a
// launcher's watch loop), so that every target agrees on success.
import type { RunSettings } from "../../ir/index.js";
import type { ScaleOutForm } from "./forms.js";

/**
 * A resource is done when `field` (a path from the resource root) holds one of the values; for a
 * TrainJob it is a condition of `status.conditions` whose `status` is "True".
 */
export type TerminalStates =
  | { field: string; success: readonly string[]; failure: readonly string[] }
  | { condition: { success: string; failure: string } };

export const TERMINAL_STATES: Readonly<Record<ScaleOutForm, TerminalStates>> = {
  // Spark Operator v2.5 ApplicationStateType; FAILING/... are transient, FAILED is final.
  sparkJob: { field: "status.applicationState.state", success: ["COMPLETED"], failure: ["FAILED", "SUBMISSION_FAILED"] },
  // KubeRay v1.7 JobStatus (the Ray job's own state).
  rayJob: { field: "status.jobStatus", success: ["SUCCEEDED"], failure: ["FAILED", "STOPPED"] },
  // Kubeflow Trainer v2.3 sets condition types Complete and Failed.
  trainJob: { condition: { success: "Complete", failure: "Failed" } },
};

/**
 * Run settings a form has no field for, by name, so that a back end can warn (as it does for a
 * setting its target lacks) instead of dropping them silently. Retry and timeout are the back
 * end's own (they apply to the task that creates and waits for the resource).
 */
export function unsupportedSettings(form: ScaleOutForm, settings: RunSettings): string[] {
  const out: string[] = [];
  if (form === "trainJob") {
    if (settings.volumes?.length) out.push("volumes");
    if (settings.nodeSelector && Object.keys(settings.nodeSelector).length) out.push("nodeSelector");
    if (settings.resources?.gpu?.type) out.push("resources.gpu.type");
    if (settings.tolerations?.length) out.push("tolerations");
  }
  return out;
}
