// The same strict check as conformance/kubeflow (kfp's protobuf classes), done with protobufjs
// against ../shared/specs/kubeflow/proto so that a developer without Python gets the signal.
import { join } from "node:path";
import { readdirSync } from "node:fs";
import { kfpExamplesDir, kubeflowGoldens, readDocuments, repoRoot } from "./testing/kfp-files.js";
import { integrityErrors } from "./testing/integrity.js";
import { loadKubeflowProtos, strictErrors } from "./testing/strict-proto.js";

const root = loadKubeflowProtos();

/** Every problem of a KFP file: PipelineSpec, its deployment config, the platform spec and its executors. */
function fileErrors(docs: Record<string, unknown>[]): string[] {
  const [spec, platform] = docs;
  const errors = strictErrors(root, "ml_pipelines.PipelineSpec", spec);
  errors.push(...strictErrors(root, "ml_pipelines.PipelineDeploymentConfig", spec?.["deploymentSpec"]));
  if (platform) {
    errors.push(...strictErrors(root, "ml_pipelines.PlatformSpec", platform));
    const executors = (platform as any).platforms?.kubernetes?.deploymentSpec?.executors ?? {};
    for (const [name, config] of Object.entries(executors)) errors.push(...strictErrors(root, "kfp_kubernetes.KubernetesExecutorConfig", config).map((e) => `${name}: ${e}`));
  }
  if (docs.length > 2) errors.push(`${docs.length} YAML documents; kfp writes at most two`);
  return errors;
}

describe("strict protobuf parse (protobufjs)", () => {
  const goldens = kubeflowGoldens();

  it("finds the Kubeflow goldens", () => {
    expect(goldens.length).toBeGreaterThanOrEqual(9);
  });

  for (const file of goldens) {
    it(`${file} matches pipeline_spec.proto and kubernetes_executor_config.proto`, () => {
      expect(fileErrors(readDocuments(join(repoRoot, file)))).toEqual([]);
    });
  }

  for (const file of goldens) {
    it(`${file}: every name it uses exists where KFP looks it up`, () => {
      expect(integrityErrors(readDocuments(join(repoRoot, file))[0])).toEqual([]);
    });
  }

  it("the reference check accepts kfp's own output and catches a dangling reference", () => {
    const dir = kfpExamplesDir();
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".yaml") && x !== "pipeline_with_secret_as_env.yaml")) {
      expect([f, integrityErrors(readDocuments(join(dir, f), "1.2")[0])]).toEqual([f, []]);
    }
    const spec = readDocuments(join(dir, "pipeline_with_condition.yaml"), "1.2")[0] as any;
    spec.root.dag.tasks["print-op"].dependentTasks = ["nope"];
    spec.components["comp-condition-1"].inputDefinitions.parameters = {};
    expect(integrityErrors(spec).length).toBeGreaterThanOrEqual(3);
  });

  it("accepts what kfp itself compiled (the checker is not stricter than kfp)", () => {
    const dir = kfpExamplesDir();
    // pipeline_with_secret_as_env.yaml continues a quoted scalar at its sequence's own indentation,
    // which PyYAML tolerates and the yaml package reads as a different structure.
    const readable = readdirSync(dir).filter((x) => x.endsWith(".yaml") && x !== "pipeline_with_secret_as_env.yaml");
    expect(readable.length).toBeGreaterThanOrEqual(18);
    for (const f of readable) expect([f, fileErrors(readDocuments(join(dir, f), "1.2"))]).toEqual([f, []]);
  });

  it("rejects unknown fields, wrong scalars, unknown enum values and double oneofs", () => {
    const spec = { pipelineInfo: { name: "x" }, sdkVersio: "typo", root: { dag: { tasks: { a: { taskInfo: { name: 1 }, componentRef: { name: "c" }, triggerPolicy: { strategy: "SOMETIMES" } } } } } };
    const errors = strictErrors(root, "ml_pipelines.PipelineSpec", spec);
    expect(errors.some((e) => e.includes("sdkVersio"))).toBe(true);
    expect(errors.some((e) => e.includes("taskInfo.name"))).toBe(true);
    expect(errors.some((e) => e.includes("SOMETIMES"))).toBe(true);
    const both = strictErrors(root, "ml_pipelines.ComponentSpec", { dag: { tasks: {} }, executorLabel: "e" });
    expect(both.some((e) => e.includes("oneof"))).toBe(true);
    expect(strictErrors(root, "kfp_kubernetes.KubernetesExecutorConfig", { secretAsEnv: [{ optionl: false }] })).not.toEqual([]);
  });
});
