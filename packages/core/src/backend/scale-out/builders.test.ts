// Every custom resource the shared builders make is valid against its engine's CRD schema
// (offline, ajv; the adapter is documented in test/crd-schema.ts), references resolve through
// the back end's ResolveArg, user keys stay keys, and the same IR gives the same resource.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildFor, compileToIr, component } from "../../../test/scale-out-steps.js";
import { validateScaleOutResource } from "../../../test/scale-out-specs.js";
import { shellJoin } from "./shell.js";
import { kubernetesExpandedFields, refuseScaleOut, TERMINAL_STATES } from "./index.js";

const root = fileURLToPath(new URL("../../../../..", import.meta.url));
const fixture = readFileSync(join(root, "fixtures/scale-out-steps/pipeline.ts"), "utf8");
const ir = compileToIr(fixture);
const HEADER = `import { artifact, param, pipeline, rayJob, sparkJob, trainer } from "@sluice/core";\n`;

describe("scale-out builders against the CRDs", () => {
  it.each(["features", "finetune", "infer"])("%s is a valid custom resource", (name) => {
    expect(validateScaleOutResource(buildFor(component(ir, name)))).toEqual([]);
  });

  it("a resource with every optional field filled is still valid", () => {
    const full = compileToIr(`${HEADER}
const s = sparkJob({
  name: "s", image: "spark:4", inputs: { jar: param.string() }, outputs: { out: artifact.dataset() },
  env: { A: "1" }, nodeSelector: { pool: "spark" }, tolerations: [{ key: "k", operator: "Exists" }],
  volumes: [{ name: "Scratch", mountPath: "/scratch", emptyDir: true }], labels: { team: "ml" }, annotations: { note: "x" },
  spark: { type: "Scala", mode: "cluster", sparkVersion: "4.0.4", mainApplicationFile: "local:///app.jar", mainClass: "acme.Main",
    driver: { cores: 2, coreLimit: "2", memory: "1g", memoryOverhead: "512m", serviceAccount: "sa" }, executor: { instances: 3, cores: 2, coreLimit: "2", memory: "4g", memoryOverhead: "1g" },
    dynamicAllocation: { enabled: true, initialExecutors: 1, minExecutors: 1, maxExecutors: 9 }, sparkConf: { constructor: "x" }, deps: { jars: ["a.jar"], files: ["f"], pyFiles: ["p.py"], packages: ["g:a:1"] } },
  args: ({ inputs, outputs }) => ["--jar", inputs.jar, outputs.out.path],
});
const t = trainer({
  name: "t", image: "torch:2", outputs: { model: artifact.model(), phase: param.string() }, env: { B: "2" }, resources: { cpu: "4", memory: "8Gi", cpuLimit: "8", gpu: 2 },
  command: ["torchrun", "x.py"], distributed: { runtime: { name: "my-runtime", kind: "TrainingRuntime" }, numNodes: 4, numProcPerNode: 2 },
  statusOutputs: { phase: "status.conditions" },
});
const r = rayJob({
  name: "r", image: "ray:2", env: { C: "3" }, entrypoint: ["python", "-c", "print('hi there')"], nodeSelector: { pool: "ray" },
  ray: { rayVersion: "2.46.0", runtimeEnv: { pip: ["x"] }, shutdownAfterJobFinishes: true, ttlSecondsAfterFinished: 60,
    head: { rayStartParams: { "num-cpus": "0" }, resources: { cpu: "2", memory: "4Gi" } },
    workers: [{ groupName: "a", replicas: 1 }, { groupName: "b", replicas: 0, minReplicas: 0, maxReplicas: 5, rayStartParams: {}, resources: { gpu: { count: 1, type: "NVIDIA-L4" } } }] },
});
export default pipeline({ name: "full" }, () => { s({ jar: "x" }); t({}); r({}); });
`);
    for (const name of ["s", "t", "r"]) expect([name, validateScaleOutResource(buildFor(component(full, name), "n", "ns"))]).toEqual([name, []]);
    const spark = buildFor(component(full, "s")) as any;
    expect(Object.keys(spark.spec.sparkConf)).toEqual(["constructor"]);
    expect(spark.spec.arguments).toEqual(["--jar", "<value:jar>", "s3://sluice-test/outputs/out"]);
    expect(spark.spec.volumes[0].name).toMatch(/^scratch-[0-9a-f]{6}$/); // changed, so hash-suffixed (names/dns.ts)
    expect(spark.metadata.labels).toEqual({ team: "ml" });
    const ray = buildFor(component(full, "r")) as any;
    expect(ray.spec.entrypoint).toBe(`python -c 'print('\\''hi there'\\'')'`);
    expect(ray.spec.runtimeEnvYAML).toBe("pip:\n  - x\n");
    expect(ray.spec.rayClusterSpec.workerGroupSpecs[0]).toMatchObject({ replicas: 1, minReplicas: 1, maxReplicas: 1 });
    expect(ray.spec.rayClusterSpec.workerGroupSpecs[1].template.spec.nodeSelector).toEqual({ "nvidia.com/gpu.product": "NVIDIA-L4", pool: "ray" });
  });

  it("the CRD check catches a field the engine does not have", () => {
    const spark = buildFor(component(ir, "features")) as any;
    spark.spec.executor.replicas = 2;
    expect(validateScaleOutResource(spark).length).toBeGreaterThan(0);
  });

  it("is deterministic", () => {
    for (const name of ["features", "finetune", "infer"]) expect(JSON.stringify(buildFor(component(compileToIr(fixture), name)))).toBe(JSON.stringify(buildFor(component(ir, name))));
  });

  it("resolves references only through the back end's ResolveArg", () => {
    const spark = buildFor(component(ir, "features")) as any;
    expect(spark.spec.arguments).toEqual(["--raw", "<value:raw>", "--partitions=<value:partitions>", "--out", "s3://sluice-test/outputs/table"]);
    const train = buildFor(component(ir, "finetune")) as any;
    expect(train.spec.trainer.args).toContain("s3://sluice-test/inputs/data");
    const ray = buildFor(component(ir, "infer")) as any;
    expect(ray.spec.entrypoint).toBe("python /home/ray/samples/infer.py --model s3://sluice-test/inputs/model --data s3://sluice-test/inputs/data --out s3://sluice-test/outputs/predictions");
  });

  it("quotes entrypoint words a shell would split or expand", () => {
    expect(shellJoin(["echo", "a b", "$(x)", "it's", ""])).toBe(`echo 'a b' '$(x)' 'it'\\''s' ''`);
  });

  it("names a terminal state for every form", () => {
    expect(Object.keys(TERMINAL_STATES).sort()).toEqual(["rayJob", "sparkJob", "trainJob"]);
  });

  it("gives back ends one located refusal per scale-out step", () => {
    const ds = refuseScaleOut(ir, "SLU2020", "Argo");
    expect(ds.map((d) => [d.code, d.span?.line])).toEqual([["SLU2020", 5], ["SLU2020", 26], ["SLU2020", 37]]);
  });

  describe("Kubernetes' $(VAR) expansion in the engines' pods", () => {
    // Kubernetes reads `$$` as `$` and `$(X)` as variable X in command, args and env values: the
    // manifest must hold `$$(X)` and `$$$$` for the pod to see `$(X)` and `$$` (docs/scale-out.md).
    const dollars = compileToIr(`${HEADER}
const s = sparkJob({
  name: "s", image: "spark:4", inputs: { v: param.string() }, env: { A: "$(HOME)", B: "$$" },
  spark: { type: "Python", sparkVersion: "4.0.4", mainApplicationFile: "local:///opt/$$/app.py", executor: { instances: 1 },
    sparkConf: { "spark.executorEnv.C": "$(X)" } },
  args: ({ inputs }) => ["$(X)", "$$", \`a$\${inputs.v}\`],
});
const c = sparkJob({
  name: "c", image: "spark:4", spark: { type: "Python", mode: "client", sparkVersion: "4.0.4", mainApplicationFile: "local:///app.py", executor: { instances: 1 } },
  args: () => ["$(X)"],
});
const t = trainer({
  name: "t", image: "torch:2", inputs: { v: param.string() }, outputs: { model: artifact.model() }, env: { A: "$(HOME)" }, command: ["sh", "-c", "echo $(X) $$"],
  args: ({ inputs }) => ["--v", inputs.v, \`--w=$(W)\${inputs.v}\`], distributed: { runtime: "torch-distributed", numNodes: 1 },
});
const r = rayJob({
  name: "r", image: "ray:2", env: { A: "$(HOME)" }, entrypoint: ["echo", "$(X)", "$$"],
  ray: { runtimeEnv: { env_vars: { E: "$(X)" } }, head: { rayStartParams: { "node-ip-address": "$(POD_IP)" } }, workers: [{ groupName: "w", replicas: 1, rayStartParams: { "num-cpus": "$$" } }] },
});
export default pipeline({ name: "dollars" }, () => { s({ v: "x" }); c({}); t({ v: "x" }); r({}); });
`);
    const built = (name: string) => buildFor(component(dollars, name)) as any;

    it("TrainJob: command, args and env are doubled; references stay the back end's", () => {
      const trainer = built("t").spec.trainer;
      expect(trainer.command).toEqual(["sh", "-c", "echo $$(X) $$$$"]);
      expect(trainer.args).toEqual(["--v", "<value:v>", "--w=$$(W)<value:v>"]);
      expect(trainer.env).toEqual([{ name: "A", value: "$$(HOME)" }]);
    });

    it("RayJob: every container env, rayStartParams and the submitted entrypoint are doubled", () => {
      const ray = built("r").spec;
      expect(ray.entrypoint).toBe("echo '$$(X)' '$$$$'");
      const head = ray.rayClusterSpec.headGroupSpec;
      const worker = ray.rayClusterSpec.workerGroupSpecs[0];
      for (const group of [head, worker]) expect(group.template.spec.containers[0].env).toEqual([{ name: "A", value: "$$(HOME)" }]);
      expect(head.rayStartParams).toEqual({ "node-ip-address": "$$(POD_IP)" });
      expect(worker.rayStartParams).toEqual({ "num-cpus": "$$$$" });
      // Ray reads the runtime env itself: no Kubernetes field, no escape.
      expect(ray.runtimeEnvYAML).toBe("env_vars:\n  E: $(X)\n");
    });

    it("SparkApplication: driver and executor env and cluster-mode arguments are doubled; Spark's own fields are not", () => {
      const spark = built("s").spec;
      for (const pod of [spark.driver, spark.executor]) expect(pod.env).toEqual([{ name: "A", value: "$$(HOME)" }, { name: "B", value: "$$$$" }]);
      expect(spark.arguments).toEqual(["$$(X)", "$$$$", "a$$<value:v>"]);
      expect(spark.mainApplicationFile).toBe("local:///opt/$$/app.py");
      expect(spark.sparkConf).toEqual({ "spark.executorEnv.C": "$(X)" });
      // Client mode: the driver is not a pod Spark builds, so its arguments reach no container field.
      expect(built("c").spec.arguments).toEqual(["$(X)"]);
    });

    it("names the fields where back ends double run-time values", () => {
      expect(["s", "c", "t", "r"].map((n) => kubernetesExpandedFields(component(dollars, n)))).toEqual([["spec.arguments"], [], ["spec.trainer.command", "spec.trainer.args"], ["spec.entrypoint"]]);
    });

    it("the doubled resources are still valid against the CRDs", () => {
      for (const name of ["s", "c", "t", "r"]) expect([name, validateScaleOutResource(built(name))]).toEqual([name, []]);
    });
  });
});
