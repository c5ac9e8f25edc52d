import { parseMetrics } from "./metrics.js";

describe("metrics artifacts", () => {
  it("reads the documented form, flattening nested objects with dots", () => {
    expect(parseMetrics({ accuracy: 0.9, val: { f1: 0.8 }, ok: true, note: "x" }).metrics).toEqual([
      { name: "accuracy", value: 0.9 },
      { name: "val.f1", value: 0.8 },
      { name: "ok", value: 1 },
    ]);
  });

  it("reads KFP's metrics shape", () => {
    expect(parseMetrics({ metrics: [{ name: "auc", numberValue: 0.75, format: "RAW" }, { name: "bad" }] }).metrics).toEqual([{ name: "auc", value: 0.75 }]);
  });

  it("says why it read nothing", () => {
    expect(parseMetrics([1, 2]).problem).toBe("not a JSON object");
  });
});
