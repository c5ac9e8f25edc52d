/**
 * The Kubeflow back end's diagnostic codes, one place (catalogue: docs/diagnostics/kubeflow.md).
 * Tests assert these codes and spans, never message text.
 */
export const Codes = {
  /** Two task or group ids become the same KFP task name after sanitizing. */
  taskNameCollision: "SLU3001",
  /** A task reads an output of a task that is not in its DAG nor in an enclosing one. */
  outputNotVisible: "SLU3010",
  /** A fan-in names a task that is not inside the loop it collects from (hand-written IR only). */
  collectedNotInLoop: "SLU3011",
  /** A binding kind KFP cannot express in this position (e.g. a template as a loop's items). */
  bindingNotExpressible: "SLU3012",
  /** An artifact input bound to a literal: KFP would need an importer. */
  artifactLiteral: "SLU3013",
  /** A condition operand that KFP's CEL triggers cannot compare (lists, artifacts, templates). */
  conditionOperand: "SLU3014",
  /** GPU model given: KFP's open-source backend has no accelerator-model field. */
  /** A read-only PVC mount: kfp-kubernetes mounts PVCs read-write. */
  readOnlyPvc: "SLU3031",
  /** defaults.serviceAccount: KFP sets it per run, not in the pipeline spec. */
  serviceAccount: "SLU3032",
  /** defaults.parallelism: KFP has no run-wide limit on running tasks. */
  runParallelism: "SLU3033",
  /** Run settings on a nested pipeline call: KFP has none on a DAG task. */
  subPipelineOptions: "SLU3034",
  /** A pipeline output KFP cannot select (only task outputs and fan-ins can be DAG outputs). */
  pipelineOutput: "SLU3040",
  /** A scale-out step (sparkJob, trainJob, rayJob) the launcher cannot express; the message says why (build-launcher.ts). */
  scaleOutNotExpressible: "SLU3050",
  /** A run setting a scale-out form has no field for (a TrainJob's volumes, node selector...): warned, not applied. */
  scaleOutSettingDropped: "SLU3051",
  /** Literal text contains a placeholder key the KFP launcher would replace. */
  launcherPlaceholderInText: "SLU3101",
  /** A run-time value written in the file (param default, literal loop item) holds `{{$`. */
  launcherPlaceholderInValue: "SLU3102",
  /** A list-of-artifacts input used as a path with nothing bound to it (bound ones are gathered). */
  artifactListPath: "SLU3110",
  /** An argument reference that does not fit the input's type (inputValue of an artifact ...). */
  argRefType: "SLU3111",
} as const;
