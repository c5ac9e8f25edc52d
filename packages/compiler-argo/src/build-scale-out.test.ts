// Scale-out steps on Argo: resource templates around the shared builder's objects. The manifest
// is checked the way Argo uses it: its `{{=…}}` expressions are evaluated (they are a subset of
// Argo's expr language that is also JavaScript: string literals, +, inputs.parameters['x'],
// workflow.uid, pod.name, replace, toJson) with hostile run-time values, the text is read as YAML,
// and the object must carry the values exactly and be valid against the engine's CRD.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TERMINAL_STATES, loadIr, type Pipeline } from "@sluice/core/backend";
import { parse } from "yaml";
import { compileToIr, shellWords } from "../../core/test/scale-out-steps.js";
import { validateScaleOutResource } from "../../core/test/scale-out-specs.js";
import { compile } from "../test/ir-fixtures.js";
import { kubeExpand } from "../test/simulate.js";
import { argoDocuments, repoRoot } from "../test/specs.js";

const fixture = join(repoRoot, "fixtures/scale-out-steps");

function fixtureIr(): Pipeline {
  return loadIr(readFileSync(join(fixture, "expected/scale-out-steps.ir.yaml"), "utf8")).ir!;
}

function templatesOf(text: string): any[] {
  return (argoDocuments(text)[0] as any).spec.templates;
}

/** The manifest as Argo's executor would create it, with the given run-time values. */
function substitute(manifest: string, params: Record<string, string>, vars = { uid: "0f1e-uid", pod: "run-x-features-123" }): any {
  const replace = (s: string, a: string, b: string) => s.split(a).join(b);
  const text = manifest.replace(/\{\{=toJson\((.*?)\)\}\}/g, (_m, expr: string) => {
    const value = new Function("inputs", "workflow", "pod", "replace", `return (${expr});`)({ parameters: params }, { uid: vars.uid }, { name: vars.pod }, replace);
    return JSON.stringify(value);
  });
  expect(text).not.toContain("{{");
  return parse(text, { version: "1.1" });
}

const hostile = `a "b": c\n# d 'e' {x} $(HOME) \\ end`;

describe("scale-out steps on Argo", () => {
  const { files, diagnostics } = compile(fixtureIr());
  const templates = templatesOf(files[0]!.contents);
  const byName = (name: string) => templates.find((t) => t.name === name);

  test("each step is a resource template that creates its object, owned by the workflow, and waits for its terminal state", () => {
    expect(diagnostics).toEqual([]);
    for (const [name, form] of [["features", "sparkJob"], ["finetune", "trainJob"], ["infer", "rayJob"]] as const) {
      const r = byName(name).resource;
      expect([r.action, r.setOwnerReference]).toEqual(["create", true]);
      const states = TERMINAL_STATES[form];
      if ("field" in states) {
        expect(r.successCondition).toBe(`${states.field} == ${states.success[0]}`);
        for (const f of states.failure) expect(r.failureCondition).toContain(f);
      } else {
        expect(r.successCondition).toBe("status.conditions.0.type == Complete");
        expect(r.failureCondition).toBe("status.conditions.0.type == Failed, status.conditions.1.type == Failed");
      }
    }
  });

  // What the engine's pods see of a field Kubernetes expands (docs/scale-out.md): the manifest holds `$$`.
  const inPod = (texts: string[]) => texts.map((t) => kubeExpand(t, new Map([["HOME", "/root"]])));

  test("run-time values of any text reach the custom resource (and, through Kubernetes, the pods) exactly, and it stays valid against its CRD", () => {
    const spark = substitute(byName("features").resource.manifest, { raw: hostile, partitions: "8" });
    expect(validateScaleOutResource(spark)).toEqual([]);
    expect(spark.metadata.generateName).toBe("features-");
    expect(spark.metadata.name).toBeUndefined();
    expect(inPod(spark.spec.arguments)).toEqual(["--raw", hostile, "--partitions=8", "--out", "s3://sluice-artifacts/sluice/0f1e-uid/run-x-features-123/table"]);

    const train = substitute(byName("finetune").resource.manifest, { data: "sluice/u/p/table", lr: hostile });
    expect(validateScaleOutResource(train)).toEqual([]);
    expect(inPod(train.spec.trainer.args)).toEqual(["--data", "s3://sluice-artifacts/sluice/u/p/table", "--lr", hostile, "--out", "s3://sluice-artifacts/sluice/0f1e-uid/run-x-features-123/model", "--note=$(HOME) $$"]);

    // A key with a quote still arrives as one shell word.
    const ray = substitute(byName("infer").resource.manifest, { model: "sluice/u/p/mo'del", data: "sluice/u/p/table" });
    expect(validateScaleOutResource(ray)).toEqual([]);
    expect(shellWords(inPod([ray.spec.entrypoint])[0]!)).toEqual(["python", "/home/ray/samples/infer.py", "--model", "s3://sluice-artifacts/sluice/u/p/mo'del", "--data", "s3://sluice-artifacts/sluice/u/p/table", "--out", "s3://sluice-artifacts/sluice/0f1e-uid/run-x-features-123/predictions"]);
  });

  test("artifacts travel as storage keys; param outputs are read from the status", () => {
    expect(byName("features").outputs.parameters).toEqual([
      { name: "table", value: "sluice/{{workflow.uid}}/{{pod.name}}/table" },
      { name: "state", valueFrom: { jsonPath: "{.status.applicationState.state}" } },
    ]);
    const dag = byName("scale-out-steps").dag.tasks;
    expect(dag.find((t: any) => t.name === "infer").arguments.parameters).toEqual([
      { name: "model", value: "{{tasks.finetune.outputs.parameters.model}}" },
      { name: "data", value: "{{tasks.features.outputs.parameters.table}}" },
    ]);
  });

  test("the bucket is the artifactBucket option", () => {
    const text = compile(fixtureIr(), { artifactBucket: "acme-ml" }).files[0]!.contents;
    const spark = substitute(templatesOf(text).find((t: any) => t.name === "features").resource.manifest, { raw: "r", partitions: "1" });
    expect(spark.spec.arguments[4]).toBe("s3://acme-ml/sluice/0f1e-uid/run-x-features-123/table");
  });
});

const sparkStep = (extra: string) => `
import { artifact, param, pipeline, sparkJob, step, trainer } from "@sluice/core";
const prepare = step({ name: "prepare", image: "python:3.12", command: ["python"], outputs: { data: artifact.dataset() }, args: ({ outputs }) => ["--out", outputs.data.path] });
const job = sparkJob({
  name: "job",
  image: "docker.io/apache/spark:4.0.4",
  inputs: { data: artifact.dataset() },
  outputs: { result: artifact.dataset() },
  spark: { type: "Python", sparkVersion: "4.0.4", mainApplicationFile: "local:///opt/app/job.py", executor: { instances: 1 }${extra} },
  args: ({ inputs, outputs }) => ["--data", inputs.data, "--out", outputs.result.path],
});
const use = step({ name: "use", image: "python:3.12", command: ["python"], inputs: { data: artifact.dataset() }, args: ({ inputs }) => [inputs.data] });
export default pipeline({ name: "p" }, () => {
  const p = prepare({});
  const j = job({ data: p.outputs.data });
  use({ data: j.outputs.result });
});
`;

describe("artifacts between container steps and scale-out steps", () => {
  test("a container step's artifact read by a scale-out step is stored under a key it exports; a container step reads a scale-out artifact by key", () => {
    const { files, diagnostics } = compile(compileToIr(sparkStep("")));
    expect(diagnostics).toEqual([]);
    const templates = templatesOf(files[0]!.contents);
    const prepare = templates.find((t: any) => t.name === "prepare-prepare");
    expect(prepare.outputs).toEqual({
      parameters: [{ name: "data", value: "sluice/{{workflow.uid}}/{{pod.name}}/data" }],
      artifacts: [{ name: "data", path: "/sluice/outputs/data", s3: { key: "sluice/{{workflow.uid}}/{{pod.name}}/data" }, archive: { none: {} } }],
    });
    const tasks = templates.find((t: any) => t.name === "p").dag.tasks;
    expect(tasks.find((t: any) => t.name === "job").arguments).toEqual({ parameters: [{ name: "data", value: "{{tasks.prepare.outputs.parameters.data}}" }] });
    expect(tasks.find((t: any) => t.name === "use").arguments).toEqual({ artifacts: [{ name: "data", s3: { key: "{{tasks.job.outputs.parameters.result}}" } }] });
  });

  test("literal text with {{ in the manifest is a located SLU2002", () => {
    const ir = compileToIr(sparkStep(`, sparkConf: { "spark.x": "{{workflow.name}}" }`));
    const { files, diagnostics } = compile(ir);
    expect(files).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.span?.line])).toEqual([["SLU2002", 4]]);
  });
});

describe("settings a scale-out resource cannot carry", () => {
  test("a TrainJob's node selector and cache are warnings (SLU2005) located at the step", () => {
    const ir = compileToIr(`
import { pipeline, trainer, artifact } from "@sluice/core";
const t = trainer({
  name: "t", image: "x:1", command: ["torchrun"], outputs: { model: artifact.model() },
  args: ({ outputs }) => [outputs.model.path],
  nodeSelector: { pool: "gpu" }, cache: true,
  distributed: { runtime: "torch-distributed", numNodes: 2 },
});
export default pipeline({ name: "p" }, () => { t({}); });
`);
    const { files, diagnostics } = compile(ir);
    expect(files).toHaveLength(1);
    expect(diagnostics.map((d) => [d.code, d.severity, d.span?.line])).toEqual([
      ["SLU2005", "warning", 3],
      ["SLU2005", "warning", 3],
    ]);
  });
});
