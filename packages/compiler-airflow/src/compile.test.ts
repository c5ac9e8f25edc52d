import { readFileSync } from "node:fs";
import { loadIr, type Pipeline } from "@sluice/core/backend";
import { backend, compileAirflow } from "./index.js";

const example = readFileSync(new URL("../../../docs/ir-example.yaml", import.meta.url), "utf8");
const load = (): Pipeline => structuredClone(loadIr(example).ir!);
const codes = (ir: Pipeline, options = {}) => compileAirflow(ir, options).diagnostics.map((d) => [d.code, d.span && `${d.span.file}:${d.span.line}`]);
const text = (ir: Pipeline, options = {}) => compileAirflow(ir, options).files[0]!.contents;

describe("Airflow back end on the IR example", () => {
  it("is registered under the name airflow and writes one module named after the pipeline", () => {
    expect(backend.name).toBe("airflow");
    const result = backend.compile(load(), backend.options.parse({}));
    expect(result.files.map((f) => f.path)).toEqual(["churn_training.py"]);
  });

  it("gives byte-identical output for the same IR", () => {
    expect(text(load())).toBe(text(load()));
    expect(text(load(), { operator: "local" })).toBe(text(load(), { operator: "local" }));
  });

  it("starts with a header naming the source, the commit and do-not-edit", () => {
    const ir = load();
    ir.metadata.git = { commit: "0123456789abcdef0123456789abcdef01234567", dirty: false };
    const lines = text(ir).split("\n");
    expect(lines[0]).toContain("examples/churn/pipeline.ts");
    expect(lines[1]).toContain("0123456789abcdef0123456789abcdef01234567");
    expect(lines[2]).toMatch(/Do not edit/);
  });

  it("maps each construct to its Airflow form", () => {
    const py = text(load());
    expect(py).toContain('task_id="condition-1"'); // branch task
    expect(py).toMatch(/@task_group\(group_id="for-each-lr"\)\n    def loop_1\(item\):[\s\S]*loop_1\.expand\(item=items_1\.output\)/); // loop
    expect(py).toContain("map(attribute='model') | list | tojson"); // fan-in
    expect(py).toContain('trigger_rule="all_done"'); // exit handler
    expect(py).toContain('= TaskGroup(group_id="smoke-test")'); // nested pipeline
    expect(py).toContain('schedule="0 3 * * *"');
    expect(py).toContain('Secret("env", "HF_TOKEN", "hf-credentials", "token")');
    expect(py).toContain('limits={"nvidia.com/gpu": "1"}');
    expect(py).toContain('"sluice.dev/step-kind": literal("trainer")');
    expect(py).toContain("retry_delay=timedelta(seconds=30)");
  });

  it("warns about settings Airflow ignores, located at the component", () => {
    expect(codes(load())).toEqual([["SLU4010", "examples/churn/pipeline.ts:68"]]);
  });

  it("warns that a nested pipeline call's run settings have no TaskGroup equivalent (SLU4015)", () => {
    const ir = load();
    const root = ir.spec.root[0]!;
    const cond = root.type === "exitHandler" ? root.nodes[3]! : undefined;
    if (cond?.type !== "condition") throw new Error("example changed");
    const call = cond.branches[0]!.nodes[1]!;
    if (call.type !== "subPipeline") throw new Error("example changed");
    call.options = { retry: { limit: 3 } };
    expect(codes(ir)).toContainEqual(["SLU4015", "examples/churn/pipeline.ts:73"]);
  });

  it("refuses a schedule when a param has no default (SLU4005), at the param, as Airflow would", () => {
    const ir = load();
    delete ir.spec.params[1]!.default;
    expect(codes(ir)).toContainEqual(["SLU4005", "examples/churn/pipeline.ts:61"]);
    delete ir.spec.schedule;
    expect(codes(ir).map((c) => c[0])).not.toContain("SLU4005");
  });

  it("refuses an unknown time zone (SLU4006), which would fail the DAG's import", () => {
    const ir = load();
    ir.spec.schedule = { cron: "0 3 * * *", timezone: "Mars/Olympus_Mons" };
    expect(codes(ir).map((c) => c[0])).toContain("SLU4006");
    ir.spec.schedule.timezone = "Europe/Paris";
    expect(codes(ir).map((c) => c[0])).not.toContain("SLU4006");
  });

  it("writes Airflow 2.10 imports for version 2, the rest of the file unchanged", () => {
    const v3 = text(load());
    const v2 = text(load(), { version: "2" });
    expect(v2).toContain("from airflow import DAG\n");
    expect(v2).toContain("from airflow.utils.template import literal\n");
    expect(v2).toContain("from airflow.operators.python import BranchPythonOperator, PythonOperator\n");
    expect(v2).not.toContain("airflow.sdk");
    const body = (py: string) => py.slice(py.indexOf("\ndef "));
    expect(body(v2)).toBe(body(v3));
  });
});

describe("Airflow back end on strings", () => {
  it("doubles every $ of user text for pods, so Kubernetes keeps $(VAR) as written", () => {
    const ir = load();
    const notify = ir.spec.components.find((c) => c.name === "cleanup")!;
    notify.implementation = { container: { command: ["echo", "$(HOME) $$"], args: [] } };
    expect(text(ir)).toContain('literal("$$(HOME) $$$$")');
    expect(text(ir, { operator: "local" })).toContain('literal("$(HOME) $$")');
  });

  it("wraps user text in literal() so Jinja never renders it nor loads it as a file", () => {
    const ir = load();
    ir.spec.components.find((c) => c.name === "cleanup")!.implementation = { container: { command: ["{{ ds }}", "run.sh"], args: [] } };
    const py = text(ir);
    expect(py).toContain('literal("{{ ds }}")');
    expect(py).toContain('literal("run.sh")');
  });

  it("reports a lone surrogate as a located error and writes nothing", () => {
    const ir = load();
    ir.spec.components[0]!.description = "bad \ud800";
    const result = compileAirflow(ir, {});
    expect(result.files).toEqual([]);
    expect(result.diagnostics.map((d) => [d.code, d.span?.line])).toEqual([["SLU4001", 5]]);
  });
});

/** The loop of the IR example (`for-each-lr`, over the list param `rates`). */
function exampleLoop(ir: Pipeline) {
  const loop = ir.spec.root[0]!.type === "exitHandler" ? ir.spec.root[0]!.nodes[1]! : undefined;
  if (loop?.type !== "loop") throw new Error("example changed");
  return loop;
}

/** The deepest Python indentation of a file, in levels of four spaces. */
const depth = (py: string) => Math.max(...py.split("\n").map((l) => (/^ */.exec(l)![0].length / 4) | 0));

describe("Airflow back end on loops", () => {
  it("gives a task in a loop the output of another task of the same iteration, by map index", () => {
    const ir = load();
    exampleLoop(ir).nodes.push({ type: "task", id: "deploy-each", component: "deploy", inputs: { model: { taskOutput: { task: "train", output: "model" } } }, after: [], span: "examples/churn/pipeline.ts:90:1" });
    expect(text(ir)).toContain("ti.xcom_pull(task_ids='for-each-lr.train', map_indexes=ti.map_index)['model']");
  });

  it("turns a condition in a loop into one gate task per branch, each testing its own iteration", () => {
    const ir = load();
    const when = { compare: { left: { taskOutput: { task: "train", output: "loss" } }, op: "<" as const, right: { literal: 0.5 } } };
    exampleLoop(ir).nodes.push({
      type: "condition",
      id: "inner",
      branches: [
        { id: "inner-then", when, nodes: [{ type: "task", id: "deploy-each", component: "deploy", inputs: { model: { taskOutput: { task: "train", output: "model" } } }, after: [], span: "x.ts:3:1" }], span: "x.ts:2:2" },
        { id: "inner-else", nodes: [], span: "x.ts:4:2" },
      ],
      span: "x.ts:1:1",
    });
    const result = compileAirflow(ir, {});
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const py = result.files[0]!.contents;
    expect(py).toContain('task_id="inner-then"');
    expect(py).toContain('task_id="inner-else"');
    expect(py).toContain('raise AirflowSkipException("another branch is taken in this iteration")');
    expect(py).not.toContain('task_id="inner",');
  });

  it("unrolls a literal loop inside a loop, and refuses two nested loops over run-time lists (SLU4004)", () => {
    const ir = load();
    const inner = (items: { literal: string[] } | { param: string }) => ({
      type: "loop" as const,
      id: "inner-loop",
      items,
      itemName: "x",
      nodes: [{ type: "task" as const, id: "deploy-each", component: "deploy", inputs: { model: { taskOutput: { task: "train", output: "model" } } }, after: [], span: "x.ts:3:1" }],
      span: "x.ts:2:1",
    });
    exampleLoop(ir).nodes.push(inner({ literal: ["a", "b"] }));
    const py = text(ir);
    expect(py).toContain('TaskGroup(group_id="inner-loop-0")');
    expect(py).toContain('TaskGroup(group_id="inner-loop-1")');
    const ir2 = load();
    exampleLoop(ir2).nodes.push(inner({ param: "rates" }));
    expect(codes(ir2)).toContainEqual(["SLU4004", "x.ts:2"]);
  });

  it("keeps the Python indentation flat however deep nested pipelines go (Python allows 100 levels)", () => {
    const ir = load();
    const task = ir.spec.root[0]!.type === "exitHandler" ? ir.spec.root[0]!.nodes[0]! : undefined;
    if (task?.type !== "task") throw new Error("example changed");
    ir.spec.subPipelines = Array.from({ length: 150 }, (_, i) => ({
      name: `level-${i}`,
      params: [],
      outputs: [],
      span: "x.ts:1:1",
      root: i === 149 ? [] : [{ type: "subPipeline" as const, id: `call-${i + 1}`, pipeline: `level-${i + 1}`, inputs: {}, after: [], span: "x.ts:1:1" }],
    }));
    ir.spec.root = [{ type: "subPipeline", id: "call-0", pipeline: "level-0", inputs: {}, after: [], span: "x.ts:1:1" }];
    const result = compileAirflow(ir, {});
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(depth(result.files[0]!.contents)).toBeLessThanOrEqual(3);
  });

  it("writes `pass` for an empty pipeline body, so the file is valid Python", () => {
    const ir = load();
    ir.spec.root = [];
    expect(text(ir)).toMatch(/\):\n    pass\n$/);
  });
});

describe("Airflow back end on what it cannot express", () => {
  it("reports a mapped task's output read outside its loop other than as a fan-in (SLU4003)", () => {
    const ir = load();
    const body = ir.spec.root[0]!.type === "exitHandler" ? ir.spec.root[0]!.nodes : [];
    body.push({ type: "task", id: "late", component: "deploy", inputs: { model: { taskOutput: { task: "train", output: "model" } } }, after: [], span: "x.ts:9:1" });
    expect(codes(ir)).toContainEqual(["SLU4003", "x.ts:9"]);
  });

  it("reports a task id that collides with one Sluice generates (SLU4002), located", () => {
    const ir = load();
    // The exit handler's watcher task is `<id>-failed`: a user task of that name collides.
    const body = ir.spec.root[0]!.type === "exitHandler" ? ir.spec.root[0]!.nodes : [];
    body.push({ type: "task", id: "exit-handler-1-failed", component: "notify", inputs: { message: { literal: "x" } }, after: [], span: "x.ts:2:1" });
    const found = compileAirflow(ir, {}).diagnostics.filter((d) => d.code === "SLU4002");
    expect(found.length).toBe(1);
    expect(found[0]!.span?.file).toBeDefined();
  });
});

describe("Airflow task ids within 250 characters", () => {
  /** A pipeline calling a chain of `depth` nested pipelines, each named by `nameOf(level)`, with a task at the bottom. */
  const nested = (depth: number, nameOf: (level: number) => string): Pipeline => {
    const ir = load();
    const task = { type: "task" as const, id: `${"t".repeat(200)} last`, component: "notify", inputs: { message: { literal: "x" } }, after: [], span: "x.ts:9:1" };
    ir.spec.subPipelines = Array.from({ length: depth }, (_, level) => ({
      name: nameOf(level),
      params: [],
      outputs: [],
      root: level === depth - 1 ? [task] : [{ type: "subPipeline" as const, id: nameOf(level + 1), pipeline: nameOf(level + 1), inputs: {}, after: [], span: `x.ts:${level + 2}:1` }],
      span: `x.ts:${level + 2}:1`,
    }));
    ir.spec.root = [{ type: "subPipeline", id: nameOf(0), pipeline: nameOf(0), inputs: {}, after: [], span: "x.ts:1:1" }];
    delete ir.spec.schedule;
    return ir;
  };
  const taskIds = (py: string) => [...py.matchAll(/(?:task|group)_id="([^"]*)"/g)].map((m) => m[1]!);
  const fullIds = (py: string) => {
    // Rebuild full ids from the nesting of `with TaskGroup(...)` blocks by indentation.
    const stack: { indent: number; id: string }[] = [];
    const out: string[] = [];
    for (const line of py.split("\n")) {
      const m = /^( *)(?:with TaskGroup\(group_id="([^"]*)"|.*task_id="([^"]*)")/.exec(line);
      if (!m) continue;
      const indent = m[1]!.length;
      while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
      if (m[2]) stack.push({ indent, id: m[2] });
      else out.push([...stack.map((s) => s.id), m[3]!].join("."));
    }
    return out;
  };

  it("shortens long group and task names with the documented hash, so nested tasks still fit (was 259)", () => {
    const ir = nested(3, (level) => `${"Évaluation du modèle ".repeat(12)}${level}`);
    const result = compileAirflow(ir, {});
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const py = result.files[0]!.contents;
    const ids = fullIds(py);
    expect(ids.length).toBe(1);
    expect(ids[0]!.length).toBeLessThanOrEqual(250);
    for (const id of taskIds(py)) expect(id).toMatch(/^[A-Za-z0-9_-]+_[0-9a-f]{6}$/);
    expect(compileAirflow(nested(3, (level) => `${"Évaluation du modèle ".repeat(12)}${level}`), {}).files[0]!.contents).toBe(py);
  });

  it("reports nesting too deep for any id to fit as SLU4009, at the task, instead of writing a DAG Airflow refuses", () => {
    const found = compileAirflow(nested(40, (level) => `stage-${level}-of-a-long-chain`), {}).diagnostics.filter((d) => d.code === "SLU4009");
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((d) => d.span?.file === "x.ts")).toBe(true);
    expect(compileAirflow(nested(40, (level) => `stage-${level}-of-a-long-chain`), {}).files).toEqual([]);
  });
});

describe("the artifact move of pods (one container contract)", () => {
  it("object-store mode: artifacts are local paths, and a transfer sidecar shares the emptyDir", () => {
    const py = text(load());
    expect(py).toContain('k8s.V1Container(name="sluice-transfer", image="amazon/aws-cli:2.22.35"');
    expect(py).toContain('k8s.V1Volume(name="sluice-transfer", empty_dir=k8s.V1EmptyDirVolumeSource())');
    expect(py).toContain("/tmp/sluice/inputs/");
    // The step's own argv never holds an object-store URI: only the wrapper's leading arguments do.
    for (const line of py.split("\n").filter((l) => l.includes("arguments=["))) {
      const argv = line.slice(line.indexOf('literal("'));
      expect(argv).not.toMatch(/s3:\/\//);
    }
  });

  it("takes the sidecar's image and env Secret from the options", () => {
    const py = text(load(), { transferImage: "minio/mc:latest", transferSecret: "s3-creds" });
    expect(py).toContain('image="minio/mc:latest"');
    expect(py).toContain('k8s.V1SecretEnvSource(name="s3-creds")');
  });

  it("volume mode: the claim is mounted at the artifact root and no sidecar is added", () => {
    const py = text(load(), { artifactTransfer: "volume", artifactVolume: "team-artifacts" });
    expect(py).not.toContain("sluice-transfer");
    expect(py).toContain('claim_name="team-artifacts"');
    expect(py).toContain('mount_path="/sluice/artifacts"');
    expect(py).toContain('"/sluice/artifacts/{{ dag.dag_id }}/{{ run_id }}/');
  });

  it("the local operator moves nothing: artifacts are folders on the machine", () => {
    expect(text(load(), { operator: "local" })).not.toContain("sluice-transfer");
  });

  it("puts no $( in the scripts, which Kubernetes would read as a variable reference", () => {
    const py = text(load());
    for (const m of py.matchAll(/command=\["\/bin\/sh", "-c", "([^"\\]|\\.)*"/g)) expect(m[0]).not.toContain("$(");
  });
});
