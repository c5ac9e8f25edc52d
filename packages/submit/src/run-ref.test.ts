import { SubmitError } from "./errors.js";
import { formatRunRef, parseRunRef, splitArgoRef } from "./run-ref.js";

describe("run references", () => {
  it.each(["argo:ml/train-x7k2p", "kubeflow:0b5d6a2e-1f1c-4bb3-9d1c-7f2b1a3c4d5e", "airflow:churn_training/manual__2026-01-01T00:00:00+00:00"])("round-trips %s", (text) => {
    expect(formatRunRef(parseRunRef(text))).toBe(text);
  });

  it.each(["train-x7k2p", "tekton:x", "argo:Train/x", "argo:ml", "argo:ml/", "airflow:dag"])("refuses %s with SLU9506", (text) => {
    expect(() => parseRunRef(text)).toThrow(SubmitError);
    try {
      parseRunRef(text);
    } catch (error) {
      expect((error as SubmitError).code).toBe("SLU9506");
    }
  });

  it("splits an Argo reference", () => {
    expect(splitArgoRef(parseRunRef("argo:ml/train-x7k2p"))).toEqual({ namespace: "ml", name: "train-x7k2p" });
  });
});
