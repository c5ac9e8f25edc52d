// A Workflow's status as the common RunStatus: phases, retries folded into one task, messages.
import { workflowStatus } from "./status.js";

const ref = { target: "argo" as const, id: "ml/wf-abc" };
const wf = (phase: string, nodes: Record<string, any>, shutdown?: string) => ({ metadata: { name: "wf-abc", namespace: "ml" }, spec: shutdown ? { shutdown } : {}, status: { phase, nodes } });

describe("workflowStatus", () => {
  it("lists pods as tasks by display name, folding retry attempts into their Retry node", () => {
    const s = workflowStatus(
      ref,
      wf("Failed", {
        "wf-abc": { id: "wf-abc", name: "wf-abc", displayName: "wf-abc", type: "DAG", phase: "Failed" },
        a: { id: "a", name: "wf-abc.prep", displayName: "prep", type: "Pod", phase: "Succeeded", startedAt: "2026-01-01T00:00:00Z", finishedAt: "2026-01-01T00:00:04Z" },
        r: { id: "r", name: "wf-abc.train", displayName: "train", type: "Retry", phase: "Failed", message: "No more retries left", children: ["r0", "r1", "r2"], startedAt: "2026-01-01T00:00:05Z" },
        r0: { id: "r0", name: "wf-abc.train(0)", displayName: "train(0)", type: "Pod", phase: "Failed" },
        r1: { id: "r1", name: "wf-abc.train(1)", displayName: "train(1)", type: "Pod", phase: "Failed" },
        r2: { id: "r2", name: "wf-abc.train(2)", displayName: "train(2)", type: "Pod", phase: "Failed" },
        s: { id: "s", name: "wf-abc.report", displayName: "report", type: "Skipped", phase: "Omitted" },
      }),
    );
    expect(s.phase).toBe("Failed");
    expect(s.tasks.map((t) => [t.name, t.phase, t.retries ?? 0])).toEqual([
      ["prep", "Succeeded", 0],
      ["train", "Failed", 2],
      ["report", "Skipped", 0],
    ]);
    expect(s.tasks[1]!.message).toBe("No more retries left");
  });

  it("a terminated workflow is Canceled; one not started yet is Pending", () => {
    expect(workflowStatus(ref, wf("Failed", {}, "Terminate")).phase).toBe("Canceled");
    expect(workflowStatus(ref, wf("", {})).phase).toBe("Pending");
  });
});
