// A KFP Run as the common RunStatus: states, task details, retries, messages.
import { TERMINAL_PHASES } from "../client.js";
import { kfpPhase, runStatus } from "./status.js";

const ref = { target: "kubeflow" as const, id: "r1" };

describe("kfpPhase", () => {
  it("maps RuntimeState: CANCELING still runs, CANCELED is terminal", () => {
    expect(["PENDING", "RUNNING", "CANCELING", "PAUSED", "SUCCEEDED", "FAILED", "SKIPPED", "CANCELED", "RUNTIME_STATE_UNSPECIFIED", undefined].map(kfpPhase)).toEqual([
      "Pending", "Running", "Running", "Running", "Succeeded", "Failed", "Skipped", "Canceled", "Pending", "Pending",
    ]);
    expect(TERMINAL_PHASES.has(kfpPhase("CANCELED"))).toBe(true);
    expect(TERMINAL_PHASES.has(kfpPhase("CANCELING"))).toBe(false);
  });
});

describe("runStatus", () => {
  it("lists task details by display name, the latest one winning, failed main jobs counted as retries", () => {
    const s = runStatus(ref, {
      state: "FAILED",
      created_at: "2026-01-01T00:00:00Z",
      finished_at: "2026-01-01T00:02:00Z",
      state_history: [{ state: "RUNNING" }, { state: "FAILED", error: { message: "task train failed" } }],
      run_details: {
        task_details: [
          { display_name: "prep", state: "SUCCEEDED", create_time: "2026-01-01T00:00:01Z", start_time: "2026-01-01T00:00:01Z", end_time: "2026-01-01T00:00:05Z" },
          { display_name: "train", state: "RUNNING", create_time: "2026-01-01T00:00:06Z" },
          { display_name: "train", state: "FAILED", create_time: "2026-01-01T00:00:07Z", error: { message: "exit 3" }, executor_detail: { main_job: "p3", failed_main_jobs: ["p1", "p2"] } },
          { state: "RUNNING" },
        ],
      },
    });
    expect(s).toEqual({
      ref,
      phase: "Failed",
      message: "task train failed",
      startedAt: "2026-01-01T00:00:00Z",
      finishedAt: "2026-01-01T00:02:00Z",
      tasks: [
        { name: "prep", phase: "Succeeded", startedAt: "2026-01-01T00:00:01Z", finishedAt: "2026-01-01T00:00:05Z" },
        { name: "train", phase: "Failed", message: "exit 3", retries: 2 },
      ],
    });
  });

  it("a run not finished yet has no finish time (KFP sends the zero time)", () => {
    expect(runStatus(ref, { state: "RUNNING", finished_at: "1970-01-01T00:00:00Z" })).toEqual({ ref, phase: "Running", tasks: [] });
  });
});
