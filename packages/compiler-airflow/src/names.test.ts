import { airflowId, dagId, groupIdIn, moduleFileName, taskIdIn } from "./names.js";

describe("Airflow names", () => {
  it("keeps valid ids and changes invalid ones with a hash, deterministically", () => {
    expect(airflowId("train-model_2")).toBe("train-model_2");
    expect(airflowId("a.b c")).toMatch(/^a_b_c_[0-9a-f]{6}$/);
    expect(airflowId("a.b c")).toBe(airflowId("a.b c"));
    expect(airflowId("a b")).not.toBe(airflowId("a_b"));
  });

  it("keeps a full task id within 250 characters, group prefix included", () => {
    const prefix = "g".repeat(200);
    const { full, local } = taskIdIn(prefix, "t".repeat(100));
    expect(full.length).toBeLessThanOrEqual(250);
    expect(full).toBe(`${prefix}.${local}`);
  });

  it("gives a TaskGroup at most half the room left, so its tasks keep room of their own", () => {
    const outer = groupIdIn("", "G".repeat(300));
    expect(outer.local.length).toBeLessThanOrEqual(124);
    const inner = groupIdIn(outer.full, "H".repeat(300));
    const task = taskIdIn(inner.full, "T".repeat(300));
    expect(task.full.length).toBeLessThanOrEqual(250);
    expect(task.full.split(".").length).toBe(3);
    expect(groupIdIn("", "short").local).toBe("short");
  });

  it("folds accents into a readable head and keeps the DAG id an Airflow id", () => {
    expect(airflowId("Données été")).toMatch(/^Donnees_ete_[0-9a-f]{6}$/);
    expect(dagId("churn-training")).toBe("churn-training");
    expect(dagId("Churn training: v2")).toMatch(/^Churn_training_v2_[0-9a-f]{6}$/);
    expect(moduleFileName(dagId("x".repeat(250)))).toMatch(/^x{193}_[0-9a-f]{6}\.py$/);
  });

  it("names the file as an importable module", () => {
    expect(moduleFileName("churn-training")).toBe("churn_training.py");
    expect(moduleFileName("3d-model")).toBe("dag_3d_model.py");
  });
});
