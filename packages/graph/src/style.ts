import type { ClusterType, EdgeKind } from "./model.js";

/**
 * How each thing looks, in one place for every renderer. Kinds get a fill colour so that a
 * trainer or an evaluator stands out; groups get a border colour and line style by type.
 */
export const KIND_FILL: Record<string, string> = {
  loader: "#e3f2fd",
  preprocessor: "#e0f7fa",
  featurizer: "#e0f2f1",
  tokenizer: "#f1f8e9",
  splitter: "#f9fbe7",
  trainer: "#ffe0b2",
  tuner: "#ffecb3",
  evaluator: "#e1bee7",
  validator: "#f3e5f5",
  deployer: "#c8e6c9",
  monitor: "#d7ccc8",
  custom: "#eceff1",
};

export const PLACEHOLDER_FILL = "#ffffff";

export const CLUSTER_STYLE: Record<ClusterType, { color: string; style: string }> = {
  condition: { color: "#b26a00", style: "rounded" },
  branch: { color: "#b26a00", style: "rounded,dashed" },
  loop: { color: "#1565c0", style: "rounded,bold" },
  exitHandler: { color: "#c62828", style: "rounded" },
  try: { color: "#c62828", style: "rounded,dashed" },
  finally: { color: "#c62828", style: "rounded,dashed" },
  subPipeline: { color: "#2e7d32", style: "rounded,bold" },
};

export const EDGE_STYLE: Record<EdgeKind, { style: string; color: string; label?: string }> = {
  data: { style: "solid", color: "#37474f" },
  after: { style: "dashed", color: "#78909c", label: "after" },
  finally: { style: "dotted", color: "#c62828", label: "finally" },
};

/** The second line of a task's box: its kind, and the step it calls when the names differ. */
export function kindLine(label: string, kind: string | undefined, component: string | undefined): string | undefined {
  if (kind === undefined) return undefined;
  return component !== undefined && component !== label ? `${kind}: ${component}` : kind;
}
