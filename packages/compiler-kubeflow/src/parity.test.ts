// Parity with kfp's own compiler: each fixtures/kfp-<name>/ re-expresses one pipeline of
// ../shared/specs/kubeflow/examples/<name>.yaml in Sluice; its golden must have the same
// structure as kfp's output (task graph, where each input comes from, triggers, iterators, retry,
// caching, env), with every internal name erased (see testing/structure.ts).
// Shapes with no kfp example have a twin instead: fixtures/<case>/kfp-twin/pipeline.py, the same
// pipeline written for kfp, and pipeline.yaml, what the real kfp compiled it to (conformance/kubeflow
// recompiles every twin and fails if the committed pipeline.yaml is not kfp's output byte for byte).
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { kfpExamplesDir, readDocuments, repoRoot } from "./testing/kfp-files.js";
import { flattenPipeline, pipelineOutputs } from "./testing/structure.js";

const parityCases = readdirSync(join(repoRoot, "fixtures"))
  .filter((d) => d.startsWith("kfp-") && existsSync(join(repoRoot, "fixtures", d, "pipeline.ts")))
  .sort();

const twinCases = readdirSync(join(repoRoot, "fixtures"))
  .filter((d) => existsSync(join(repoRoot, "fixtures", d, "kfp-twin", "pipeline.yaml")))
  .sort();

function golden(fixture: string): Record<string, unknown> {
  const dir = join(repoRoot, "fixtures", fixture, "expected");
  const file = readdirSync(dir).find((f) => f.endsWith(".kubeflow.yaml"));
  if (!file) throw new Error(`${fixture} has no kubeflow golden (pnpm run golden:update)`);
  return readDocuments(join(dir, file))[0]!;
}

describe("parity with kfp's compiler", () => {
  it("has at least 8 parity fixtures", () => {
    expect(parityCases.length).toBeGreaterThanOrEqual(8);
  });

  for (const fixture of parityCases) {
    const example = fixture.slice("kfp-".length).replaceAll("-", "_");
    it(`${fixture} has the structure kfp compiled for ${example}.yaml`, () => {
      const kfp = readDocuments(join(kfpExamplesDir(), `${example}.yaml`), "1.2")[0]!;
      expect(flattenPipeline(golden(fixture))).toEqual(flattenPipeline(kfp));
      expect(pipelineOutputs(golden(fixture))).toEqual(pipelineOutputs(kfp));
    });
  }

  it("has a kfp twin for each shape kfp has no example of", () => {
    expect(twinCases).toEqual(expect.arrayContaining(["exit-handler-two-steps", "exit-handler-finally-group"]));
  });

  for (const fixture of twinCases) {
    it(`${fixture} has the structure kfp compiled for its twin (kfp-twin/pipeline.py)`, () => {
      const kfp = readDocuments(join(repoRoot, "fixtures", fixture, "kfp-twin", "pipeline.yaml"), "1.2")[0]!;
      expect(flattenPipeline(golden(fixture))).toEqual(flattenPipeline(kfp));
      expect(pipelineOutputs(golden(fixture))).toEqual(pipelineOutputs(kfp));
    });
  }

  it("notices an exit group that no longer waits for the handler whatever happened", () => {
    const kfp = readDocuments(join(repoRoot, "fixtures", "exit-handler-two-steps", "kfp-twin", "pipeline.yaml"), "1.2")[0] as any;
    const before = flattenPipeline(kfp);
    delete kfp.root.dag.tasks["exit-handler-1-finally"].triggerPolicy;
    expect(flattenPipeline(kfp)).not.toEqual(before);
  });

  it("notices a difference (the comparison is not vacuous)", () => {
    const kfp = readDocuments(join(kfpExamplesDir(), "pipeline_with_condition.yaml"), "1.2")[0] as any;
    const before = flattenPipeline(kfp);
    kfp.root.dag.tasks["condition-1"].triggerPolicy.condition = "inputs.parameter_values['pipelinechannel--flip-coin-op-Output'] == 'tails'";
    expect(flattenPipeline(kfp)).not.toEqual(before);
    expect(before.length).toBe(5);
    const withOutputs = readDocuments(join(kfpExamplesDir(), "pipeline_with_outputs.yaml"), "1.2")[0];
    expect(pipelineOutputs(withOutputs)).toEqual({ Output: "out:print-op2.data" });
  });
});
