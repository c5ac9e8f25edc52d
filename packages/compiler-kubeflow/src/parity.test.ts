// Parity with kfp's own compiler: each fixtures/kfp-<name>/ re-expresses one pipeline of
// ../shared/specs/kubeflow/examples/<name>.yaml in Sluice; its golden must have the same
// structure as kfp's output (task graph, where each input comes from, triggers, iterators, retry,
// caching, env), with every internal name erased (see testing/structure.ts).
// Shapes with no kfp example have a twin instead: fixtures/<case>/kfp-twin/pipeline.py, the same
// pipeline written for kfp, and pipeline.yaml, what the real kfp compiled it to (conformance/kubeflow
// recompiles every twin and fails if the committed pipeline.yaml is not kfp's output byte for byte).
// IR shapes the front end has no spelling for yet have the same kind of twin beside a hand-written
// IR: conformance/kubeflow/twins/<case>/{sluice.ir.yaml,pipeline.py,pipeline.yaml} (none today:
// the nested fan-ins that had one are fixtures now).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { loadIr } from "@sluice/core/backend";
import { backend } from "./index.js";
import { KubeflowOptions } from "./options.js";
import { integrityErrors } from "./testing/integrity.js";
import { kfpExamplesDir, readDocuments, repoRoot } from "./testing/kfp-files.js";
import { loadKubeflowProtos, strictErrors } from "./testing/strict-proto.js";
import { flattenPipeline, pipelineOutputs } from "./testing/structure.js";

const parityCases = readdirSync(join(repoRoot, "fixtures"))
  .filter((d) => d.startsWith("kfp-") && existsSync(join(repoRoot, "fixtures", d, "pipeline.ts")))
  .sort();

const twinCases = readdirSync(join(repoRoot, "fixtures"))
  .filter((d) => existsSync(join(repoRoot, "fixtures", d, "kfp-twin", "pipeline.yaml")))
  .sort();

const irTwinsDir = join(repoRoot, "conformance", "kubeflow", "twins");
const irTwinCases = existsSync(irTwinsDir) ? readdirSync(irTwinsDir).filter((d) => existsSync(join(irTwinsDir, d, "sluice.ir.yaml"))).sort() : [];

/** Sluice's Kubeflow output for a hand-written IR twin, as the documents a reader of the file gets. */
function compileIrTwin(name: string): Record<string, unknown>[] {
  const { ir, diagnostics } = loadIr(readFileSync(join(irTwinsDir, name, "sluice.ir.yaml"), "utf8"));
  expect(diagnostics).toEqual([]);
  const out = backend.compile(ir!, KubeflowOptions.parse({}));
  expect(out.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return parseAllDocuments(out.files[0]!.contents, { version: "1.1" }).map((d) => d.toJS() as Record<string, unknown>);
}

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
    expect(twinCases).toEqual(expect.arrayContaining(["exit-handler-two-steps", "exit-handler-finally-group", "exit-handler-nested-pipeline", "fan-in-from-branch", "fan-in-from-inner-loop"]));
  });

  for (const fixture of twinCases) {
    it(`${fixture} has the structure kfp compiled for its twin (kfp-twin/pipeline.py)`, () => {
      const kfp = readDocuments(join(repoRoot, "fixtures", fixture, "kfp-twin", "pipeline.yaml"), "1.2")[0]!;
      expect(flattenPipeline(golden(fixture))).toEqual(flattenPipeline(kfp));
      expect(pipelineOutputs(golden(fixture))).toEqual(pipelineOutputs(kfp));
    });
  }

  for (const name of irTwinCases) {
    it(`IR twin ${name}: Sluice's output has the structure kfp compiled for pipeline.py, and parses strictly`, () => {
      const docs = compileIrTwin(name);
      const kfp = readDocuments(join(irTwinsDir, name, "pipeline.yaml"), "1.2")[0]!;
      expect(flattenPipeline(docs[0])).toEqual(flattenPipeline(kfp));
      expect(pipelineOutputs(docs[0])).toEqual(pipelineOutputs(kfp));
      expect(integrityErrors(docs[0])).toEqual([]);
      expect(strictErrors(loadKubeflowProtos(), "ml_pipelines.PipelineSpec", docs[0])).toEqual([]);
    });
  }

  it("notices an exit group that no longer waits for the handler whatever happened", () => {
    const kfp = readDocuments(join(repoRoot, "fixtures", "exit-handler-two-steps", "kfp-twin", "pipeline.yaml"), "1.2")[0] as any;
    const before = flattenPipeline(kfp);
    delete kfp.root.dag.tasks["exit-handler-1-finally"].triggerPolicy;
    expect(flattenPipeline(kfp)).not.toEqual(before);
  });

  it("notices a fan-in that no longer passes through the branch group", () => {
    const kfp = readDocuments(join(repoRoot, "fixtures", "fan-in-from-branch", "kfp-twin", "pipeline.yaml"), "1.2")[0] as any;
    const before = flattenPipeline(kfp);
    expect(before.find((t) => t.path === "total")?.inputs).toEqual({ ys: "collect(out:big.y)" });
    delete kfp.components["comp-condition-2"].dag.outputs;
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
