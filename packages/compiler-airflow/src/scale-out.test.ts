// Scale-out steps on Airflow (docs/targets/airflow.md, "Scale-out steps"). The real Airflow renders
// these operators in conformance (check_scale_out.py); here: what the compiler writes, and why.
import { compileToIr } from "../../core/test/scale-out-steps.js";
import { compileAirflow } from "./index.js";

const steps = `
import { artifact, param, pipeline, rayJob, sparkJob, trainer } from "@sluice/core";
export const features = sparkJob({
  name: "features",
  image: "docker.io/apache/spark:4.0.4",
  inputs: { raw: param.string(), part: param.int({ default: 8 }) },
  outputs: { table: artifact.dataset(), state: param.string() },
  spark: {
    type: "Python", sparkVersion: "4.0.4", mainApplicationFile: "local:///opt/app/f.py",
    executor: { instances: 2 },
    sparkConf: { "spark.x": "{{ var.value.secret }}", "spark.y": "conf.json" },
  },
  args: ({ inputs, outputs }) => ["--raw", inputs.raw, \`--part=\${inputs.part}\`, "--out", outputs.table.path, "it's {% raw %}\uE000"],
  statusOutputs: { state: "status.applicationState.state" },
});
export const finetune = trainer({
  name: "finetune",
  image: "ghcr.io/acme/llm:2.1",
  inputs: { data: artifact.dataset() },
  outputs: { model: artifact.model() },
  command: ["torchrun", "/app/train.py"],
  args: ({ inputs, outputs }) => ["--data", inputs.data, "--out", outputs.model.path],
  nodeSelector: { pool: "gpu" },
  distributed: { runtime: "torch-distributed", numNodes: 2 },
});
export const infer = rayJob({
  name: "infer",
  image: "rayproject/ray:2.46.0",
  inputs: { model: artifact.model(), tag: param.string() },
  entrypoint: ({ inputs }) => ["python", "/app/infer.py", "--model", inputs.model, \`--tag=\${inputs.tag}\`],
  ray: { head: {}, workers: [] },
});
export default pipeline({ name: "scale-out", params: { raw: param.string({ default: "s3a://acme/raw/" }), tags: param.list(param.string(), { default: ["a"] }) } }, ({ params }) => {
  const f = features({ raw: params.raw });
  const t = finetune({ data: f.outputs.table });
  for (const tag of params.tags) infer({ model: t.outputs.model, tag });
});
`;

/** The 1-based line of the first occurrence of `text` in the pipeline source. */
const lineOf = (text: string) => steps.slice(0, steps.indexOf(text)).split("\n").length;
const compile = (options = {}) => compileAirflow(compileToIr(steps), options);
const dag = (options = {}) => compile(options).files[0]!.contents;
const operator = (py: string, taskId: string) => py.slice(py.indexOf(`task_id="${taskId}"`)).split("\n    )\n")[0]!;

describe("scale-out steps on Airflow", () => {
  it("runs Spark through the provider's SparkKubernetesOperator and the others through CustomResourceOperator", () => {
    const py = dag();
    expect(py).toContain("class SparkApplicationOperator(SparkKubernetesOperator):");
    expect(py).toContain("class CustomResourceOperator(BaseOperator):");
    expect(py).toMatch(/= SparkApplicationOperator\(\n        task_id="features",\n        template_spec=\{/);
    expect(py).toMatch(/= CustomResourceOperator\(\n        task_id="finetune",\n        resource=\{/);
    expect(operator(py, "features")).toContain('done={"field": "status.applicationState.state", "success": ["COMPLETED"], "failure": ["FAILED", "SUBMISSION_FAILED"]}');
    expect(operator(py, "finetune")).toContain('done={"condition": {"success": "Complete", "failure": "Failed"}}');
    expect(operator(py, "features")).toContain('status_outputs={"state": "status.applicationState.state"}');
  });

  it("keeps user text out of Jinja: literal() around it, template files never looked up", () => {
    const spark = operator(dag(), "features").split("\n").find((l) => l.includes("template_spec="))!;
    expect(spark).toContain('"sparkConf": literal({"spark.x": "{{ var.value.secret }}", "spark.y": "conf.json"})');
    expect(spark).toContain('literal("it\'s {% raw %}\\ue000")');
    // No user string is a bare Python string in a templated field: only generated templates are.
    const bare = [...spark.matchAll(/(?<!literal\()(?<!: )(?<!\{)"([^"]*)"(?=[,\]}])/g)].map((m) => m[1]);
    expect(bare.length).toBeGreaterThan(0);
    for (const text of bare) expect(text).toMatch(/^\{\{ .* \}\}$/);
  });

  it("reads run-time values through Jinja, compile-time values as text", () => {
    const spark = operator(dag(), "features");
    // Arguments and trainer args reach container args in the engines' pods: each value's `$` is doubled.
    expect(spark).toContain(`literal("--raw"), "{{ ((params['raw']) | replace('$', '$$')) }}", literal("--part=8")`);
    expect(spark).toContain(`"{{ (('s3://sluice-artifacts/' ~ dag.dag_id ~ '/' ~ run_id ~ '/features/table') | replace('$', '$$')) }}"`);
    expect(operator(dag(), "finetune")).toContain(`"{{ ((ti.xcom_pull(task_ids='features')['table']) | replace('$', '$$')) }}"`);
  });

  it("quotes run-time values of a Ray entrypoint for its shell, the value's own quotes too", () => {
    const ray = operator(dag(), "infer");
    // ... and its `$` doubled after the quoting: KubeRay's submitter pod gets the line as args.
    expect(ray).toContain(`"entrypoint": "{{ 'python /app/infer.py --model \\\\x27' ~ (((ti.xcom_pull(task_ids='finetune')['model']) | replace('\\\\x27', '\\\\x27\\\\\\\\\\\\x27\\\\x27')) | replace('$', '$$'))`);
  });

  it("reads the loop item of its own map index inside a loop over a run-time list", () => {
    expect(operator(dag(), "infer")).toContain("(ti.xcom_pull(task_ids='for-each-tag-items')[ti.map_index])");
  });

  it("warns, located at the call, about run settings the resource has no field for", () => {
    const d = compile().diagnostics.filter((x) => x.code === "SLU4021");
    expect(d.map((x) => [x.severity, x.span?.line, x.message])).toEqual([["warning", lineOf("finetune({ data"), expect.stringContaining("nodeSelector")]]);
  });

  it("names the pipeline's image pull secrets too, which no scale-out resource carries", () => {
    const ir = compileToIr(steps);
    ir.spec.defaults.imagePullSecrets = ["registry"];
    const d = compileAirflow(ir, {}).diagnostics.filter((x) => x.code === "SLU4021");
    expect(d.map((x) => x.message.replace(/.*: /, ""))).toEqual(["imagePullSecrets; they are not applied", "nodeSelector, imagePullSecrets; they are not applied", "imagePullSecrets; they are not applied"]);
  });

  it("refuses scale-out steps with the local operator (SLU4020), one located error each", () => {
    const r = compile({ operator: "local" });
    expect(r.files).toEqual([]);
    expect(r.diagnostics.map((x) => [x.code, x.span?.line])).toEqual([
      ["SLU4020", lineOf("sparkJob({")],
      ["SLU4020", lineOf("trainer({")],
      ["SLU4020", lineOf("rayJob({")],
    ]);
  });

  it("imports per Airflow version", () => {
    expect(dag()).toContain("from airflow.sdk import DAG, BaseOperator, Param, literal");
    const py2 = dag({ version: "2" });
    expect(py2).toContain("from airflow.models.baseoperator import BaseOperator");
    expect(py2).toContain("from airflow.exceptions import AirflowException");
    expect(py2).not.toContain("airflow.sdk");
  });

  it("is deterministic", () => {
    expect(dag()).toBe(dag());
  });
});
