import { airflowId, moduleFileName, taskIdIn } from "./names.js";

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

  it("names the file as an importable module", () => {
    expect(moduleFileName("churn-training")).toBe("churn_training.py");
    expect(moduleFileName("3d-model")).toBe("dag_3d_model.py");
  });
});
