// The Kubeflow back end on hand-built IR: constructs, diagnostics (code and span) and determinism.
import { readFileSync } from "node:fs";
import { dns1123Label, loadIr } from "@sluice/core/backend";
import { backend } from "./index.js";
import { KubeflowOptions } from "./options.js";
import { buildPipeline } from "./build-pipeline.js";
import { celString } from "./build-condition.js";
import { escapeKubernetesVars } from "./placeholders.js";
import { component, param, pipelineOf, task } from "./testing/ir.js";
import { integrityErrors } from "./testing/integrity.js";
import { repoRoot } from "./testing/kfp-files.js";
import { sortKeys } from "./serialize.js";

const options = KubeflowOptions.parse({});
const example = readFileSync(`${repoRoot}/docs/ir-example.yaml`, "utf8");

/** Builds, and checks every reference of the result (testing/integrity.ts) when it compiled. */
function build(ir: ReturnType<typeof pipelineOf>) {
  const { spec, platform, ctx } = buildPipeline(ir, options);
  if (!ctx.diagnostics.some((d) => d.severity === "error")) expect(integrityErrors(sortKeys(spec))).toEqual([]);
  return { spec: spec as any, platform: platform as any, diagnostics: ctx.diagnostics };
}

const echo = component("echo", { inputs: [{ name: "msg", type: { category: "param", type: "string" } }], implementation: { container: { command: ["echo"], args: [{ inputValue: "msg" }] } } });
const gen = component("gen", { outputs: [{ name: "n", type: { category: "param", type: "int" } }], implementation: { container: { command: ["gen"], args: [{ outputPath: "n" }] } } });

describe("kubeflow back end", () => {
  it("compiles the documented example, fan-in of models through a gather task, byte for byte the same twice", () => {
    const { ir } = loadIr(example);
    const first = backend.compile(ir!, options);
    const second = backend.compile(structuredClone(ir!), options);
    expect(first.diagnostics.map((d) => d.code)).toEqual(["SLU3032"]);
    expect(first.files[0]!.contents).toBe(second.files[0]!.contents);
    expect(first.files[0]!.contents.split("\n---\n")).toHaveLength(2);
    const { spec } = build(ir!);
    const body = spec.components["comp-exit-handler-1"].dag.tasks;
    expect(body["evaluate-gather-models"].inputs.artifacts.items).toEqual({ taskOutputArtifact: { outputArtifactKey: "pipelinechannel--train-model", producerTask: "for-each-lr" } });
    expect(body.evaluate.inputs.artifacts.models).toEqual({ taskOutputArtifact: { outputArtifactKey: "folder", producerTask: "evaluate-gather-models" } });
    expect(body.evaluate.dependentTasks).toEqual(["evaluate-gather-models", "preprocess"]);
    expect(spec.components["comp-evaluate"].inputDefinitions.artifacts.models).toEqual({ artifactType: { schemaTitle: "system.Model", schemaVersion: "0.0.1" } });
    expect(spec.deploymentSpec.executors["exec-evaluate"].container.args.slice(0, 2)).toEqual(["--models", "{{$.inputs.artifacts['models'].path}}"]);
  });

  it("refuses a list input used as a path when nothing feeds it (SLU3110)", () => {
    const pick = component("pick", { inputs: [{ name: "ms", type: { category: "artifactList", kind: "model" }, optional: true }], implementation: { container: { command: ["ls"], args: [{ inputPath: "ms" }] } } });
    expect(build(pipelineOf([pick], [task("p", "pick", { span: "p.ts:4:4" })])).diagnostics.map((d) => [d.code, d.span?.line])).toEqual([["SLU3110", 4]]);
  });

  it("writes the exit task beside the exit-handler group, run whatever happened", () => {
    const { ir } = loadIr(example);
    const { spec } = build(ir!);
    expect(spec.root.dag.tasks.cleanup.dependentTasks).toEqual(["exit-handler-1"]);
    expect(spec.root.dag.tasks.cleanup.triggerPolicy).toEqual({ strategy: "ALL_UPSTREAM_TASKS_COMPLETED" });
    expect(Object.keys(spec.components["comp-exit-handler-1"].dag.tasks).sort()).toEqual(["condition-1", "evaluate", "evaluate-gather-models", "for-each-lr", "preprocess"]);
  });

  it("makes a finally of several nodes one group, the exit task, run whatever happened", () => {
    // `e-finally` is taken by a step, so the group gets the next free id; `c` waits for `before`,
    // outside the finally block, so the group waits for it (the edge is lifted as kfp lifts it).
    const ir = pipelineOf([gen, echo], [
      task("before", "gen"),
      task("e-finally", "gen"),
      { type: "exitHandler", id: "e", nodes: [task("a", "gen")], exit: [task("b", "gen"), task("c", "echo", { inputs: { msg: { taskOutput: { task: "b", output: "n" } } }, after: ["before"] })], span: "p.ts:8:2" },
    ]);
    const { spec, diagnostics } = build(ir);
    expect(diagnostics).toEqual([]);
    const exit = spec.root.dag.tasks["e-finally-2"];
    expect(exit).toMatchObject({ componentRef: { name: "comp-e-finally-2" }, dependentTasks: ["before", "e"], triggerPolicy: { strategy: "ALL_UPSTREAM_TASKS_COMPLETED" } });
    expect(Object.keys(spec.components["comp-e-finally-2"].dag.tasks).sort()).toEqual(["b", "c"]);
    expect(spec.components["comp-e-finally-2"].dag.tasks.c.dependentTasks).toEqual(["b"]);
    expect(spec.root.dag.tasks.b).toBeUndefined();
  });

  it("keeps a finally of one step call as the exit task itself, as kfp writes it", () => {
    const { spec } = build(pipelineOf([gen], [{ type: "exitHandler", id: "e", nodes: [task("a", "gen")], exit: [task("b", "gen")], span: "p.ts:8:2" }]));
    expect(Object.keys(spec.root.dag.tasks).sort()).toEqual(["b", "e"]);
    expect(spec.root.dag.tasks.b.triggerPolicy).toEqual({ strategy: "ALL_UPSTREAM_TASKS_COMPLETED" });
  });

  it("collects a step nested in a branch and an exit handler of the loop body through each group's outputs", () => {
    const sum = component("sum", { inputs: [{ name: "all", type: { category: "paramList", items: "int" } }] });
    const ir = pipelineOf([gen, sum], [
      { type: "loop", id: "each", items: { literal: [1, 2] }, itemName: "i", span: "p.ts:3:1", nodes: [
        { type: "exitHandler", id: "e", span: "p.ts:4:1", exit: [task("done", "gen")], nodes: [
          { type: "condition", id: "c", span: "p.ts:5:1", branches: [
            { id: "c-then", when: { compare: { op: "==", left: { loopItem: "each" }, right: { literal: 1 } } }, nodes: [task("g", "gen")], span: "p.ts:5:1" },
            { id: "c-else", nodes: [task("h", "gen")], span: "p.ts:6:1" },
          ] },
        ] },
      ] },
      task("s", "sum", { inputs: { all: { collected: { loop: "each", task: "g", output: "n" } } } }),
    ]);
    const { spec, diagnostics } = build(ir);
    expect(diagnostics).toEqual([]);
    const key = "pipelinechannel--g-n";
    const select = (component: string) => spec.components[component].dag.outputs.parameters[key].valueFromParameter;
    expect(select("comp-each")).toEqual({ outputParameterKey: key, producerSubtask: "e" });
    expect(select("comp-e")).toEqual({ outputParameterKey: key, producerSubtask: "c" });
    expect(select("comp-c")).toEqual({ outputParameterKey: key, producerSubtask: "c-then" });
    expect(select("comp-c-then")).toEqual({ outputParameterKey: "n", producerSubtask: "g" });
    expect(spec.components["comp-c-else"].dag.outputs).toBeUndefined();
    expect(spec.components["comp-c"].outputDefinitions.parameters[key]).toEqual({ parameterType: "LIST" });
    expect(spec.root.dag.tasks.s.inputs.parameters.all).toEqual({ taskOutputParameter: { outputParameterKey: key, producerTask: "each" } });
  });

  it("collects artifacts of a step in an inner loop through the inner loop's outputs, then gathers them", () => {
    const trainM = component("train", { outputs: [{ name: "m", type: { category: "artifact", kind: "model" } }], implementation: { container: { command: ["t"], args: [{ outputPath: "m" }] } } });
    const pick = component("pick", { inputs: [{ name: "ms", type: { category: "artifactList", kind: "model" } }], implementation: { container: { command: ["ls"], args: [{ inputPath: "ms" }] } } });
    const ir = pipelineOf([trainM, pick], [
      { type: "loop", id: "outer", items: { literal: [1, 2] }, itemName: "i", span: "p.ts:3:1", nodes: [
        { type: "loop", id: "inner", items: { literal: ["a", "b"] }, itemName: "j", span: "p.ts:4:1", nodes: [task("t", "train")] },
      ] },
      task("p", "pick", { inputs: { ms: { collected: { loop: "outer", task: "t", output: "m" } } } }),
    ]);
    const { spec, diagnostics } = build(ir);
    expect(diagnostics).toEqual([]);
    const key = "pipelinechannel--t-m";
    expect(spec.components["comp-outer"].dag.outputs.artifacts[key]).toEqual({ artifactSelectors: [{ outputArtifactKey: key, producerSubtask: "inner" }] });
    expect(spec.components["comp-inner"].dag.outputs.artifacts[key]).toEqual({ artifactSelectors: [{ outputArtifactKey: "m", producerSubtask: "t" }] });
    expect(spec.components["comp-inner"].outputDefinitions.artifacts[key]).toEqual({ artifactType: { schemaTitle: "system.Model", schemaVersion: "0.0.1" }, isArtifactList: true });
    expect(Object.keys(spec.root.dag.tasks).sort()).toEqual(["outer", "p", "p-gather-ms"]);
  });

  it("chains else branches as kfp does: !(earlier) && own", () => {
    const ir = pipelineOf([echo, gen], [
      task("gen", "gen"),
      {
        type: "condition",
        id: "c",
        span: "p.ts:5:1",
        branches: [
          { id: "c-1", when: { compare: { op: ">", left: { taskOutput: { task: "gen", output: "n" } }, right: { literal: 3 } } }, nodes: [task("a", "echo", { inputs: { msg: { literal: "big" } } })], span: "p.ts:5:1" },
          { id: "c-2", when: { compare: { op: "==", left: { param: "s" }, right: { literal: "it's" } } }, nodes: [task("b", "echo", { inputs: { msg: { param: "s" } } })], span: "p.ts:6:1" },
          { id: "c-3", nodes: [task("d", "echo", { inputs: { msg: { literal: "else" } } })], span: "p.ts:7:1" },
        ],
      },
    ], { params: [param("s", { category: "param", type: "string" }, "x")] });
    const { spec, diagnostics } = build(ir);
    expect(diagnostics).toEqual([]);
    const tasks = spec.components["comp-c"].dag.tasks;
    const n = "int(inputs.parameter_values['pipelinechannel--gen-n']) > 3";
    const s = "inputs.parameter_values['pipelinechannel--s'] == 'it\\'s'";
    expect(tasks["c-1"].triggerPolicy.condition).toBe(n);
    expect(tasks["c-2"].triggerPolicy.condition).toBe(`!(${n}) && ${s}`);
    expect(tasks["c-3"].triggerPolicy.condition).toBe(`!(${n}) && !(${s})`);
    expect(spec.root.dag.tasks.c.dependentTasks).toEqual(["gen"]);
    expect(spec.root.dag.tasks.c.inputs.parameters["pipelinechannel--s"]).toEqual({ componentInputParameter: "s" });
  });

  it("limits a loop's parallelism and collects a parameter fan-in as a LIST output of the loop", () => {
    const ir = pipelineOf([echo, gen, component("sum", { inputs: [{ name: "all", type: { category: "paramList", items: "int" } }], implementation: { container: { command: ["sum"], args: [{ inputValue: "all" }] } } })], [
      { type: "loop", id: "each", items: { literal: [1, 2, 3] }, itemName: "i", parallelism: 2, nodes: [task("g", "gen")], span: "p.ts:3:1" },
      task("total", "sum", { inputs: { all: { collected: { loop: "each", task: "g", output: "n" } } } }),
    ]);
    const { spec, diagnostics } = build(ir);
    expect(diagnostics).toEqual([]);
    expect(spec.root.dag.tasks.each.iteratorPolicy).toEqual({ parallelismLimit: 2 });
    expect(spec.root.dag.tasks.each.parameterIterator).toEqual({ itemInput: "pipelinechannel--each-loop-item", items: { raw: "[1, 2, 3]" } });
    expect(spec.components["comp-each"].dag.outputs.parameters["pipelinechannel--g-n"]).toEqual({ valueFromParameter: { outputParameterKey: "n", producerSubtask: "g" } });
    expect(spec.components["comp-each"].outputDefinitions.parameters["pipelinechannel--g-n"]).toEqual({ parameterType: "LIST" });
    expect(spec.root.dag.tasks.total.inputs.parameters.all).toEqual({ taskOutputParameter: { outputParameterKey: "pipelinechannel--g-n", producerTask: "each" } });
    expect(spec.root.dag.tasks.total.dependentTasks).toEqual(["each"]);
  });

  it("bounds every loop by defaults.parallelism unless the loop sets its own", () => {
    const loop = (id: string, parallelism?: number) => ({ type: "loop" as const, id, items: { literal: [1, 2] }, itemName: "i", ...(parallelism ? { parallelism } : {}), nodes: [task(`${id}-g`, "gen")], span: "p.ts:3:1" });
    const { spec, diagnostics } = build(pipelineOf([gen], [loop("a"), loop("b", 5)], { defaults: { parallelism: 2 } }));
    expect(spec.root.dag.tasks.a.iteratorPolicy).toEqual({ parallelismLimit: 2 });
    expect(spec.root.dag.tasks.b.iteratorPolicy).toEqual({ parallelismLimit: 5 });
    expect(diagnostics.map((d) => d.code)).toEqual(["SLU3033"]);
  });

  it("iterates a list of artifacts with an artifactIterator", () => {
    const read = component("read", { inputs: [{ name: "m", type: { category: "artifact", kind: "model" } }], implementation: { container: { command: ["cat"], args: [{ inputPath: "m" }] } } });
    const ir = pipelineOf([read], [{ type: "loop", id: "each", items: { param: "models" }, itemName: "m", nodes: [task("r", "read", { inputs: { m: { loopItem: "each" } } })], span: "p.ts:3:1" }], {
      params: [param("models", { category: "artifactList", kind: "model" })],
    });
    const { spec, diagnostics } = build(ir);
    expect(diagnostics).toEqual([]);
    expect(spec.root.dag.tasks.each.artifactIterator).toEqual({ itemInput: "pipelinechannel--models-loop-item", items: { inputArtifact: "pipelinechannel--models" } });
    expect(spec.components["comp-each"].dag.tasks.r.inputs.artifacts.m).toEqual({ componentInputArtifact: "pipelinechannel--models-loop-item" });
  });

  it("passes an outer loop's item fields into an inner loop and a condition, through channels", () => {
    const show = component("show", { inputs: [{ name: "m", type: { category: "param", type: "string" } }], implementation: { container: { command: ["echo"], args: [{ inputValue: "m" }] } } });
    const ir = pipelineOf([show, gen], [
      task("num", "gen"),
      { type: "loop", id: "outer", items: { param: "xs" }, itemName: "x", span: "p.ts:3:1", nodes: [
        { type: "loop", id: "inner", items: { loopItem: "outer", field: "bs" }, itemName: "b", span: "p.ts:4:1", nodes: [
          task("show-b", "show", { inputs: { m: { template: [{ loopItem: "inner" }, "/", { loopItem: "outer", field: "a" }] } } }),
        ] },
        { type: "condition", id: "c", span: "p.ts:6:1", branches: [{ id: "c-then", span: "p.ts:6:1", when: { and: [
          { compare: { op: "==", left: { loopItem: "outer", field: "a" }, right: { literal: "1" } } },
          { compare: { op: ">", left: { taskOutput: { task: "num", output: "n" } }, right: { literal: 2 } } },
        ] }, nodes: [task("show-a", "show", { inputs: { m: { loopItem: "outer", field: "a" } } })] }] },
      ] },
    ], { params: [param("xs", { category: "paramList", items: "json" }, [{ a: "1", bs: ["x"] }])] });
    const { spec, diagnostics } = build(ir);
    expect(diagnostics).toEqual([]);
    const outer = spec.components["comp-outer"].dag.tasks;
    expect(outer.inner.inputs.parameters["pipelinechannel--outer-loop-item-bs"]).toEqual({ componentInputParameter: "pipelinechannel--xs-loop-item", parameterExpressionSelector: 'parseJson(string_value)["bs"]' });
    expect(outer.c.triggerPolicy.condition).toBe("(inputs.parameter_values['pipelinechannel--outer-loop-item-a'] == '1') && (int(inputs.parameter_values['pipelinechannel--num-n']) > 2)");
    expect(spec.deploymentSpec.executors["exec-show"].container.args).toEqual(["{{$.inputs.parameters['m--0']}}/{{$.inputs.parameters['m--2']}}"]);
  });

  it("lifts an `after` edge into a group to the group's task", () => {
    const ir = pipelineOf([gen], [task("first", "gen"), { type: "loop", id: "each", items: { literal: ["a"] }, itemName: "x", nodes: [task("inner", "gen", { after: ["first"] })], span: "p.ts:3:1" }]);
    const { spec } = build(ir);
    expect(spec.root.dag.tasks.each.dependentTasks).toEqual(["first"]);
    expect(spec.components["comp-each"].dag.tasks.inner.dependentTasks).toBeUndefined();
  });

  it("maps Kubernetes settings to the platform spec as kfp-kubernetes writes them", () => {
    const ir = pipelineOf([component("k", {
      timeoutSeconds: 60,
      env: [{ name: "A", value: "x $(B)" }, { name: "T", secret: { name: "s", key: "token" } }],
      volumes: [{ name: "data", mountPath: "/data", source: { pvc: "claim" } }, { name: "tmp", mountPath: "/tmp", source: { emptyDir: { sizeLimit: "1Gi" } } }],
      nodeSelector: { pool: "gpu" },
      tolerations: [{ key: "k", operator: "Exists", effect: "NoSchedule" }],
      resources: { cpu: "500m", memoryLimit: "1Gi", gpu: { count: 2, resource: "nvidia.com/gpu" } },
    })], [task("k", "k")], { defaults: { imagePullSecrets: ["reg"] } });
    const { spec, platform, diagnostics } = build(ir);
    expect(diagnostics).toEqual([]);
    expect(spec.deploymentSpec.executors["exec-k"].container.env).toEqual([{ name: "A", value: "x $$(B)" }]);
    expect(spec.deploymentSpec.executors["exec-k"].container.resources).toEqual({
      accelerator: { count: "2", resourceCount: "2", resourceType: "nvidia.com/gpu", type: "nvidia.com/gpu" },
      resourceCpuRequest: "500m",
      resourceMemoryLimit: "1Gi",
    });
    const k8s = platform.platforms.kubernetes.deploymentSpec.executors["exec-k"];
    expect(k8s.activeDeadlineSeconds).toBe("60");
    expect(k8s.secretAsEnv).toEqual([{ keyToEnv: [{ envVar: "T", secretKey: "token" }], optional: false, secretName: "s", secretNameParameter: { runtimeValue: { constant: "s" } } }]);
    expect(k8s.pvcMount).toEqual([{ constant: "claim", mountPath: "/data", pvcNameParameter: { runtimeValue: { constant: "claim" } } }]);
    expect(k8s.emptyDirMounts).toEqual([{ mountPath: "/tmp", sizeLimit: "1Gi", volumeName: "tmp" }]);
    expect(k8s.nodeSelector).toEqual({ labels: { pool: "gpu" } });
    expect(k8s.tolerations).toEqual([{ effect: "NoSchedule", key: "k", operator: "Exists" }]);
    expect(k8s.imagePullSecret).toEqual([{ secretName: "reg", secretNameParameter: { runtimeValue: { constant: "reg" } } }]);
    expect(k8s.podMetadata.labels).toEqual({ "sluice.dev/step-kind": "custom" });
  });

  it("gives tasks that call one step with different settings their own executors", () => {
    const ir = pipelineOf([echo], [task("a", "echo", { inputs: { msg: { literal: "x" } } }), task("b", "echo", { inputs: { msg: { literal: "y" } } }), task("c", "echo", { inputs: { msg: { literal: "z" } }, options: { env: [{ name: "E", value: "1" }] } })]);
    const { spec } = build(ir);
    expect([spec.root.dag.tasks.a, spec.root.dag.tasks.b, spec.root.dag.tasks.c].map((t: any) => t.componentRef.name)).toEqual(["comp-echo", "comp-echo", "comp-echo-2"]);
  });

  describe("diagnostics (code and span)", () => {
    it("SLU3001: two ids that become one KFP task name", () => {
      // A changed name carries a hash of the original, so only a deliberate look-alike collides.
      const { diagnostics } = build(pipelineOf([gen], [task("Train_A", "gen", { span: "p.ts:4:5" }), task(dns1123Label("Train_A"), "gen", { span: "p.ts:6:7" })]));
      expect(diagnostics.map((d) => [d.code, d.span?.line, d.span?.column])).toContainEqual(["SLU3001", 6, 7]);
    });

    it("SLU3101: {{$}} in literal text, which the launcher always replaces", () => {
      const { diagnostics } = build(pipelineOf([component("x", { implementation: { container: { command: ["echo"], args: ["{{$}}"] } }, span: "p.ts:3:9" })], [task("x", "x", { span: "p.ts:12:4" })]));
      expect(diagnostics.map((d) => [d.code, d.span?.line, d.span?.column])).toEqual([["SLU3101", 12, 4]]);
    });

    it("SLU3010: reading an output from inside a branch, outside it", () => {
      const ir = pipelineOf([echo, gen], [
        { type: "condition", id: "c", span: "p.ts:2:1", branches: [{ id: "c-1", when: { compare: { op: "==", left: { literal: 1 }, right: { literal: 1 } } }, nodes: [task("g", "gen")], span: "p.ts:2:1" }] },
        task("use", "echo", { inputs: { msg: { taskOutput: { task: "g", output: "n" } } }, span: "p.ts:9:3" }),
      ]);
      expect(build(ir).diagnostics.map((d) => [d.code, d.span?.line])).toEqual([["SLU3010", 9]]);
    });

    it("warnings SLU3031-3034: what KFP keeps outside the spec is said, not dropped", () => {
      const sub = { name: "inner", params: [], outputs: [], root: [task("in", "gen")], span: "p.ts:20:1" };
      const ir = pipelineOf([component("g", { resources: { gpu: { count: 1, resource: "nvidia.com/gpu", type: "NVIDIA_TESLA_T4" } }, volumes: [{ name: "d", mountPath: "/d", readOnly: true, source: { pvc: "c" } }] }), gen], [
        task("g", "g", { span: "p.ts:3:3" }),
        { type: "subPipeline", id: "call", pipeline: "inner", inputs: {}, after: [], options: { retry: { limit: 2 } }, span: "p.ts:4:3" },
      ], { defaults: { serviceAccount: "sa", parallelism: 3 }, subPipelines: [sub] });
      // Pipeline-level settings are located through metadata.source.settings (the front end fills it).
      ir.metadata.source = { ...ir.metadata.source, span: "p.ts:1:16", settings: { defaults: "p.ts:30:3", "defaults.serviceAccount": "p.ts:31:5", "defaults.parallelism": "p.ts:32:5" } };
      const { diagnostics } = build(ir);
      expect(diagnostics.every((d) => d.severity === "warning")).toBe(true);
      expect(diagnostics.map((d) => [d.code, d.span?.line]).sort()).toEqual([["SLU3031", 3], ["SLU3032", 31], ["SLU3033", 32], ["SLU3034", 4]]);
    });

    it("SLU3102 (warning): launcher syntax in a param default or a literal loop item", () => {
      const ir = pipelineOf([echo], [{ type: "loop", id: "each", items: { literal: ["{{$.inputs.parameters['msg']}}"] }, itemName: "x", nodes: [task("e", "echo", { inputs: { msg: { loopItem: "each" } } })], span: "p.ts:7:2" }], {
        params: [param("p", { category: "param", type: "string" }, "{{$}}")],
      });
      const { diagnostics } = build(ir);
      expect(diagnostics.map((d) => [d.code, d.severity, d.span?.line])).toEqual([["SLU3102", "warning", 2], ["SLU3102", "warning", 7]]);
    });

    it("SLU3011, SLU3012, SLU3014, SLU3040, SLU3111: the rest of the catalogue, from hand-written IR", () => {
      const codes = (ir: ReturnType<typeof pipelineOf>) => build(ir).diagnostics.map((d) => [d.code, d.span?.line]);
      // A fan-in naming a step that is not inside the loop.
      const outside = pipelineOf([gen, component("sum", { inputs: [{ name: "all", type: { category: "paramList", items: "int" } }] })], [
        task("g", "gen"),
        { type: "loop", id: "each", items: { literal: [1] }, itemName: "i", span: "p.ts:3:1", nodes: [task("h", "gen")] },
        task("s", "sum", { inputs: { all: { collected: { loop: "each", task: "g", output: "n" } } } }),
      ]);
      expect(codes(outside)).toContainEqual(["SLU3011", 3]);
      expect(codes(pipelineOf([gen], [{ type: "loop", id: "each", items: { literal: "abc" }, itemName: "i", nodes: [task("g", "gen")], span: "p.ts:5:1" }]))).toEqual([["SLU3012", 5]]);
      const listParam = { params: [param("xs", { category: "paramList", items: "int" }, [1])] };
      expect(codes(pipelineOf([gen], [{ type: "condition", id: "c", span: "p.ts:6:1", branches: [{ id: "c-1", when: { compare: { op: "==", left: { param: "xs" }, right: { literal: 1 } } }, nodes: [task("g", "gen")], span: "p.ts:6:2" }] }], listParam))).toEqual([["SLU3014", 6]]);
      expect(codes(pipelineOf([gen], [task("g", "gen")], { outputs: [{ name: "o", type: { category: "param", type: "string" }, from: { literal: "x" } }] }))).toEqual([["SLU3040", 1]]);
      const badRef = component("bad", { inputs: [{ name: "m", type: { category: "artifact", kind: "model" } }], implementation: { container: { command: ["x"], args: [{ inputValue: "m" }] } } });
      expect(codes(pipelineOf([gen, badRef], [task("g", "gen"), task("b", "bad", { inputs: {}, span: "p.ts:8:8" })]))).toEqual([["SLU3111", 8]]);
    });

    it("SLU3013: an artifact input bound to a literal", () => {
      const read = component("read", { inputs: [{ name: "m", type: { category: "artifact", kind: "model" } }], implementation: { container: { command: ["cat"], args: [{ inputPath: "m" }] } } });
      expect(build(pipelineOf([read], [task("r", "read", { inputs: { m: { literal: "s3://x" } }, span: "p.ts:5:5" })])).diagnostics.map((d) => [d.code, d.span?.line])).toEqual([["SLU3013", 5]]);
    });
  });
});

describe("escaping", () => {
  it("doubles only the $ that Kubernetes would consume", () => {
    expect(escapeKubernetesVars("$(A) $$ $ $x a$")).toBe("$$(A) $$$ $ $x a$");
  });

  it("writes CEL string literals with quotes, backslashes and control characters escaped", () => {
    expect(celString("it's a \\ \n\t\u0001 ✓")).toBe("'it\\'s a \\\\ \\n\\t\\x01 ✓'");
  });
});
