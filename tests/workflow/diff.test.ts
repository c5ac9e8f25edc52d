// `sluice diff FILE --against DIR`: exit codes and the diff text, on equal and drifted folders.
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sampleProject, sluice } from "./helpers.js";

describe("sluice diff", () => {
  const dir = sampleProject();
  const compiled = sluice(["compile", "pipeline.ts", "--no-git", "--out", "deploy"], dir);

  it("exits 0 when the folder holds exactly what the source compiles to", () => {
    expect(compiled.code).toBe(0);
    const r = sluice(["diff", "pipeline.ts", "--against", "deploy"], dir);
    expect(r.stdout).toBe("deploy/ is up to date (4 files)\n");
    expect(r.code).toBe(0);
  });

  it("exits 1 with a unified diff when a step changed, and names missing and extra files", () => {
    const steps = join(dir, "steps.ts");
    writeFileSync(steps, readFileSync(steps, "utf8").replace('"acme.train"', '"acme.train_v2"'));
    rmSync(join(dir, "deploy/sample_train.py"));
    renameSync(join(dir, "deploy/sample-train.kubeflow.yaml"), join(dir, "deploy/old-name.kubeflow.yaml"));
    const r = sluice(["diff", "pipeline.ts", "--against", "deploy/"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("--- deploy/sample-train.argo.yaml\n+++ compiled/sample-train.argo.yaml\n");
    expect(r.stdout).toMatch(/^-\s+- acme\.train$/m);
    expect(r.stdout).toMatch(/^\+\s+- acme\.train_v2$/m);
    expect(r.stdout).toContain("missing in deploy/: sample-train.kubeflow.yaml (compiled, not in the folder)\n");
    expect(r.stdout).toContain("missing in deploy/: sample_train.py (compiled, not in the folder)\n");
    expect(r.stdout).toContain("extra in deploy/: old-name.kubeflow.yaml (in the folder, no longer compiled)\n");
    expect(r.stdout).toMatch(/deploy\/ differs from the source: 2 changed, 2 missing, 1 extra\n$/);
  });

  it("compares only the targets asked for, and reports in JSON", () => {
    const r = sluice(["diff", "pipeline.ts", "--against", "deploy", "--target", "argo", "--format", "json"], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { ok: boolean; changed: { path: string }[]; missing: string[]; extra: string[] };
    expect(report.ok).toBe(false);
    expect(report.changed.map((c) => c.path)).toEqual(["sample-train.argo.yaml"]);
    expect(report.extra).toEqual(["old-name.kubeflow.yaml", "sample-train.ir.yaml"]);
  });

  it("exits 1 with the diagnostics when the pipeline does not compile", () => {
    const r = sluice(["diff", "broken.ts", "--against", "deploy"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error SLU1201");
  });

  it("is a usage error (exit 2, SLU9601) when the folder does not exist", () => {
    const r = sluice(["diff", "pipeline.ts", "--against", "nowhere"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error SLU9601");
  });
});
