import { PARAM_CODES } from "@sluice/core/backend";

/**
 * Codes of `sluice run` and `sluice runs` (command line and usage: SLU9xxx, exit 2 unless the
 * catalogue in docs/diagnostics.md says otherwise). Proven by the runner's and the CLI's tests.
 */
export const RUN_CODES = {
  // --param problems: the codes of the one parser shared with `sluice submit`.
  ...PARAM_CODES,
  engineUnavailable: "SLU9014",
  unknownRun: "SLU9015",
  missingSecret: "SLU9016",
  artifactParamNotFound: "SLU9017",
  badOption: "SLU9018",
  mlflowFailed: "SLU9019",
  /** A scale-out step (sparkJob, trainJob, rayJob): it needs its engine, which a local run does not have. */
  needsEngine: "SLU9020",
} as const;
