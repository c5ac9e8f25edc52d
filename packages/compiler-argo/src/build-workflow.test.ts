// The top-level object per kind, options, settings, labels and determinism, on the worked IR
// example (docs/ir-example.yaml) and small IR documents.
import { compileText, irExample, irFixtures } from "../test/ir-fixtures.js";
import { component, pipeline, task } from "../test/ir-builder.js";
import { argoDocuments, readDocuments } from "../test/specs.js";

const doc = (text: string) => argoDocuments(text)[0] as any;
const noSchedule = () => ({ ...irExample(), spec: { ...irExample().spec, schedule: undefined } });
const template = (d: any, name: string) => (d.spec.workflowSpec ?? d.spec).templates.find((t: any) => t.name === name);

describe("the top-level object", () => {
  it("a Workflow with generateName by default", () => {
    const d = doc(compileText(noSchedule()));
    expect([d.kind, d.metadata.generateName, d.spec.entrypoint]).toEqual(["Workflow", "churn-training-", "churn-training"]);
  });

  it("a WorkflowTemplate with a name when asked", () => {
    const d = doc(compileText(noSchedule(), { kind: "template" }));
    expect([d.kind, d.metadata.name]).toEqual(["WorkflowTemplate", "churn-training"]);
  });

  it("a CronWorkflow when the pipeline has a schedule, Forbid unless it says otherwise", () => {
    const d = doc(compileText(irExample()));
    expect(d.kind).toBe("CronWorkflow");
    expect(d.spec.schedules).toEqual(["0 3 * * *"]);
    expect(d.spec.timezone).toBe("UTC");
    expect(d.spec.concurrencyPolicy).toBe("Forbid");
    expect(d.spec.workflowSpec.entrypoint).toBe("churn-training");
  });

  it("params become workflow arguments with defaults as text", () => {
    expect(doc(compileText(noSchedule())).spec.arguments.parameters).toEqual([
      { name: "raw", value: "s3://acme-ml/churn/raw.csv" },
      { name: "rates", value: "[0.01,0.1]" },
      { name: "threshold", value: "0.9" },
    ]);
  });

  it("options: namespace on every object, artifactRepositoryRef", () => {
    const text = compileText(pipeline([component("c", { implementation: { container: { command: ["echo", "{{x}}"], args: [] } } })], [task("c", "c", 2)]), {
      namespace: "ml",
      artifactRepositoryRef: "repos/minio",
    });
    expect(readDocuments(text).map((d: any) => d.metadata.namespace)).toEqual(["ml", "ml"]);
    expect(doc(text).spec.artifactRepositoryRef).toEqual({ configMap: "repos", key: "minio" });
  });

  it("the same IR gives the same bytes", () => {
    for (const { ir } of irFixtures()) expect(compileText(ir)).toBe(compileText(ir));
  });
});

describe("settings", () => {
  const d = doc(compileText(irExample()));

  it("retry: limit as a string (JSON schema and CRD both accept it), backoff in seconds", () => {
    expect(template(d, "preprocess").retryStrategy).toEqual({ limit: "2", backoff: { duration: "30s" } });
  });

  it("a retry limit of 0 writes no retryStrategy", () => {
    expect(template(d, "notify-notify").retryStrategy).toBeUndefined();
  });

  it("timeout as activeDeadlineSeconds, cache as memoize with a ConfigMap", () => {
    const t = template(d, "preprocess");
    expect(t.activeDeadlineSeconds).toBe("1800");
    expect(t.memoize.cache).toEqual({ configMap: { name: "churn-training-cache" } });
    expect(t.memoize.key).toMatch(/^preprocess\.[0-9a-f]{6}\.\{\{=sprig\.sha256sum\(toJson\(\[inputs\.parameters\['raw'\], inputs\.parameters\['testSize'\]\]\)\)\}\}$/);
  });

  it("GPUs as limits, secrets as secretKeyRef, service account on the spec", () => {
    const t = template(d, "train-train");
    expect(t.script.resources).toEqual({ requests: { memory: "8Gi" }, limits: { "nvidia.com/gpu": "1" } });
    expect(t.script.env).toContainEqual({ name: "HF_TOKEN", valueFrom: { secretKeyRef: { name: "hf-credentials", key: "token" } } });
    expect(d.spec.workflowSpec.serviceAccountName).toBe("ml-runner");
  });

  it("every step pod carries the tracing labels", () => {
    for (const t of d.spec.workflowSpec.templates.filter((x: any) => x.container || x.script)) {
      expect(Object.keys(t.metadata.labels)).toEqual(["sluice.dev/pipeline", "sluice.dev/step-kind", "sluice.dev/git-commit", "sluice.dev/ir-hash"]);
    }
    expect(d.metadata.labels["sluice.dev/ir-hash"]).toHaveLength(32);
    expect(d.metadata.annotations["sluice.dev/ir-hash"]).toMatch(/^sha256:/);
  });
});

describe("groups", () => {
  const d = doc(compileText(noSchedule()));

  it("a loop over a list param is withParam over a body template receiving {{item}}", () => {
    const loop = template(d, "exit-handler-1").dag.tasks.find((t: any) => t.name === "for-each-lr");
    expect(loop.withParam).toBe("{{inputs.parameters.rates}}");
    expect(loop.arguments.parameters).toContainEqual({ name: "item", value: "{{item}}" });
  });

  it("an artifact fan-in reads every iteration under the loop's storage prefix", () => {
    const ev = template(d, "exit-handler-1").dag.tasks.find((t: any) => t.name === "evaluate");
    expect(ev.arguments.artifacts[0]).toEqual({ name: "models", s3: { key: "sluice/{{workflow.uid}}/for-each-lr/train/model" } });
    expect(template(d, "train-train").outputs.artifacts[0].s3.key).toBe("sluice/{{workflow.uid}}/for-each-lr/train/model/{{pod.name}}");
    expect(ev.depends).toBe("preprocess && for-each-lr");
  });

  it("try/finally is an exit hook whose block gets what it reads as arguments", () => {
    const root = d.spec.templates[0].dag.tasks[0];
    expect(root.hooks.exit).toEqual({ template: "exit-handler-1-exit", arguments: { parameters: [{ name: "raw", value: "{{inputs.parameters.raw}}" }] } });
  });

  it("a nested pipeline is one DAG template taking its params as inputs", () => {
    expect(template(d, "smoke-test").inputs).toEqual({ artifacts: [{ name: "model" }] });
  });

  it("a loop with a parallelism limit sits alone in a wrapper DAG that has the limit", () => {
    const c = doc(compileText(irFixtures().find((f) => f.name === "constructs.yaml")!.ir));
    const wrapper = template(c, "for-each-size");
    expect(wrapper.parallelism).toBe(2);
    expect(wrapper.dag.tasks.map((t: any) => [t.name, t.template, t.withParam])).toEqual([["iterate", "for-each-size-iteration", "{{inputs.parameters.sizes}}"]]);
    expect(wrapper.outputs.parameters[0].valueFrom.parameter).toBe("{{tasks.iterate.outputs.parameters.work-size-result}}");
  });
});

describe("nested loops", () => {
  const c = doc(compileText(irFixtures().find((f) => f.name === "constructs.yaml")!.ir));

  it("a literal list of objects is withItems, and a field of the item is {{item.<field>}}", () => {
    const inner = template(c, "for-each-gen").dag.tasks[0];
    expect(inner.withItems).toEqual([{ a: 1 }, { a: 2 }]);
    expect(inner.arguments.parameters).toContainEqual({ name: "item-a", value: "{{item.a}}" });
  });

  it("the outer loop's item reaches the inner body as an input, not as the inner {{item}}", () => {
    const inner = template(c, "for-each-gen").dag.tasks[0];
    expect(inner.arguments.parameters).toContainEqual({ name: "item", value: "{{inputs.parameters.item}}" });
    const outer = template(c, "constructs").dag.tasks.find((t: any) => t.name === "for-each-gen");
    expect(outer.withParam).toBe("{{tasks.gen.outputs.parameters.list}}");
    expect(outer.arguments.parameters).toEqual([{ name: "item", value: "{{item}}" }]);
  });
});
