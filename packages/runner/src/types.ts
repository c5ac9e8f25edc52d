import type { ArtifactKind, JsonValue } from "@sluice/core/backend";

/** An artifact as the engine passes it around: its content hash and where its bytes live. */
export interface ArtifactValue {
  artifact: { sha256: string; size: number; dir: boolean; kind: ArtifactKind };
}

/** A value flowing between tasks: a JSON parameter value, an artifact, or a list of artifacts. */
export type Value = JsonValue | ArtifactValue | ArtifactValue[];

export function isArtifactValue(v: unknown): v is ArtifactValue {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "artifact" in v && typeof (v as ArtifactValue).artifact?.sha256 === "string";
}

export type TaskState = "pending" | "running" | "retrying" | "succeeded" | "failed" | "cached" | "skipped" | "cancelled";
export type RunStatus = "running" | "succeeded" | "failed" | "cancelled" | "interrupted";

/** What the engine reports while it runs; the CLI turns these into a live view, lines or NDJSON. */
export type RunEvent =
  | { event: "run-started"; runId: number; pipeline: string; irHash: string; time: string }
  | {
      event: "task";
      runId: number;
      task: string;
      state: TaskState;
      attempt: number;
      time: string;
      exitCode?: number;
      cachedFromRun?: number;
      reason?: string;
      logTail?: string;
    }
  | { event: "run-finished"; runId: number; status: RunStatus; time: string; failed?: { task: string; exitCode?: number; reason: string; logTail: string }[] };
