import { errorAt, type Diagnostic } from "@sluice/core/backend";

/**
 * The Airflow back end's diagnostic codes (catalogue with examples: docs/diagnostics/airflow.md).
 * Errors mean nothing is written; warnings say that a setting has no Airflow equivalent.
 */
export const AirflowCodes = {
  illFormedString: "SLU4001",
  idCollision: "SLU4002",
  loopBodyEdge: "SLU4003",
  nestedInLoop: "SLU4004",
  scheduledRequiredParam: "SLU4005",
  unknownTimezone: "SLU4006",
  idTooLong: "SLU4009",
  cacheIgnored: "SLU4010",
  backoffFactor: "SLU4011",
  replacePolicy: "SLU4012",
  localIgnores: "SLU4014",
  groupSettings: "SLU4015",
  /** A scale-out step (sparkJob, trainJob, rayJob) with the local operator: it needs its engine's cluster. */
  scaleOutLocal: "SLU4020",
  /** A run setting the scale-out resource has no field for (unsupportedSettings). */
  scaleOutIgnores: "SLU4021",
} as const;

export function warningAt(code: string, message: string, span: string | undefined, hint?: string): Diagnostic {
  return { ...errorAt(code, message, span, hint), severity: "warning" };
}
