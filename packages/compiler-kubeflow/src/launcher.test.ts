// Scale-out steps on Kubeflow (build-launcher.ts): the manifest each launcher executor carries, with
// KFP's placeholders and the launcher's markers filled in as at run time, is a valid custom resource
// for its engine's CRD. The program itself is run against a fake API server in conformance
// (conformance/kubeflow/launcher_check.py).
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { loadIr, TERMINAL_STATES } from "@sluice/core/backend";
import { validateScaleOutResource } from "../../core/test/scale-out-specs.js";
import { compileToIr, shellWords } from "../../core/test/scale-out-steps.js";
import { backend } from "./index.js";
import { KubeflowOptions } from "./options.js";
import { kubeflowGoldens, repoRoot } from "./testing/kfp-files.js";
import { expandKubernetes, launch, someOrders } from "./testing/launch-simulation.js";

const options = KubeflowOptions.parse({});
const LAUNCHER_MARK = "Sluice scale-out launcher";
const PLACEHOLDER = /\{\{\$\.(inputs|outputs)\.(parameters|artifacts)\['([^']+)'\](?:\.(uri|output_file))?\}\}/g;
const MARKER = /\{\{sluice:([^{}]+)\}\}/g;
const SAMPLE = "it's v";

interface Launch {
  resource: Record<string, any>;
  plural: string;
  done: unknown;
  outputs: Record<string, string>;
  shellQuoted: string[];
}

function launchers(doc: any): [string, { command: string[]; args: string[]; image: string }][] {
  return Object.entries<any>(doc.deploymentSpec.executors)
    .filter(([, e]) => e.container?.command?.[3]?.includes(LAUNCHER_MARK))
    .map(([name, e]) => [name, e.container]);
}

/** KFP's part: plain replacement of each placeholder, here with sample values. */
function kfpReplace(text: string): string {
  return text.replace(PLACEHOLDER, (_m, io, kind, name, suffix) => (kind === "artifacts" ? `s3://bucket/${io}/${name}` : suffix === "output_file" ? `/tmp/outputs/${name}` : SAMPLE));
}

/** The program's part (templates/launch-resource.py, fill): markers to values, quoted in shell fields. */
function fill(node: unknown, values: Map<string, string>, shellQuoted: Set<string>, path = ""): unknown {
  if (Array.isArray(node)) return node.map((x) => fill(x, values, shellQuoted, path));
  if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v, values, shellQuoted, path ? `${path}.${k}` : k)]));
  if (typeof node !== "string") return node;
  return node.replace(MARKER, (_m, key: string) => {
    const value = values.get(key);
    if (value === undefined) throw new Error(`marker ${key} has no value arg`);
    return shellQuoted.has(path) ? value.replace(/'/g, `'\\''`) : value;
  });
}

/** The resource as the program creates it from args that Kubernetes and KFP's launcher have already rewritten. */
function fromArgv(argv: string[]): { launch: Launch; resource: any; keys: string[] } {
  const spec: Launch = JSON.parse(argv[0]!);
  const pairs = argv.slice(1);
  const values = new Map<string, string>();
  for (let i = 0; i < pairs.length; i += 2) values.set(pairs[i]!, pairs[i + 1]!);
  return { launch: spec, resource: fill(spec.resource, values, new Set(spec.shellQuoted)), keys: [...values.keys()] };
}

function runtimeResource(container: { args: string[] }): { launch: Launch; resource: any; keys: string[] } {
  return fromArgv(container.args.map((a) => kfpReplace(expandKubernetes(a, new Map()))));
}

const compiledScaleOut = () => {
  const { ir } = loadIr(readFileSync(`${repoRoot}/fixtures/scale-out-steps/expected/scale-out-steps.ir.yaml`, "utf8"));
  const result = backend.compile(ir!, options);
  return { result, doc: parseAllDocuments(result.files[0]!.contents)[0]!.toJS() };
};

describe("scale-out launcher executors", () => {
  const goldens = kubeflowGoldens().filter((g) => readFileSync(`${repoRoot}/${g}`, "utf8").includes(LAUNCHER_MARK));

  it("appear in the goldens (at least fixtures/scale-out-steps, with all three kinds)", () => {
    expect(goldens).toContain("fixtures/scale-out-steps/expected/scale-out-steps.kubeflow.yaml");
  });

  it.each(goldens)("%s: every launcher's manifest, filled in as at run time, is valid against its CRD", (golden) => {
    const doc = parseAllDocuments(readFileSync(`${repoRoot}/${golden}`, "utf8"))[0]!.toJS();
    for (const [name, container] of launchers(doc)) {
      const { launch, resource, keys } = runtimeResource(container);
      expect([name, validateScaleOutResource(resource)]).toEqual([name, []]);
      expect(JSON.stringify(resource)).not.toMatch(/\{\{sluice:|\{\{\$/);
      // Every value arg is used by a marker or is an output file the program writes.
      const used = new Set([...container.args[0]!.matchAll(MARKER)].map((m) => m[1]!));
      for (const key of keys) expect(used.has(key) || /^outputs\.[^.]+\.file$/.test(key)).toBe(true);
      for (const output of Object.keys(launch.outputs)) expect(keys).toContain(`outputs.${output}.file`);
    }
  });

  it("carry the kind's plural and terminal states, and run in the launcher image with no pod settings of the engine", () => {
    const { result, doc } = compiledScaleOut();
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const byKind = Object.fromEntries(launchers(doc).map(([, c]) => [JSON.parse(c.args[0]!).resource.kind, { c, launch: JSON.parse(c.args[0]!) as Launch }]));
    expect(Object.keys(byKind).sort()).toEqual(["RayJob", "SparkApplication", "TrainJob"]);
    expect(byKind.SparkApplication!.launch).toMatchObject({ plural: "sparkapplications", done: TERMINAL_STATES.sparkJob, outputs: { state: "status.applicationState.state" }, shellQuoted: [] });
    expect(byKind.TrainJob!.launch).toMatchObject({ plural: "trainjobs", done: TERMINAL_STATES.trainJob });
    expect(byKind.RayJob!.launch).toMatchObject({ plural: "rayjobs", done: TERMINAL_STATES.rayJob, shellQuoted: ["spec.entrypoint"] });
    for (const { c } of Object.values(byKind)) {
      expect(c.image).toBe("python:3.12-slim");
      expect(c).not.toHaveProperty("resources");
      expect(c).not.toHaveProperty("env");
    }
  });

  it("quote a value inside a Ray entrypoint word as the shell needs", () => {
    const { doc } = compiledScaleOut();
    const [, ray] = launchers(doc).find(([, c]) => c.args[0]!.includes('"RayJob"'))!;
    const { resource } = runtimeResource({ args: ray.args.map((a) => a.replace(/\{\{\$\.inputs\.artifacts\['model'\]\.uri\}\}/, "s3://b/it's")) });
    expect(resource.spec.entrypoint).toContain(`--model 's3://b/it'\\''s'`);
  });

  it("take the image from --kubeflow-launcher-image", () => {
    const { ir } = loadIr(readFileSync(`${repoRoot}/fixtures/scale-out-steps/expected/scale-out-steps.ir.yaml`, "utf8"));
    const doc = parseAllDocuments(backend.compile(ir!, { launcherImage: "ghcr.io/acme/launcher:1.0" }).files[0]!.contents)[0]!.toJS();
    expect(launchers(doc).map(([, c]) => c.image)).toEqual(["ghcr.io/acme/launcher:1.0", "ghcr.io/acme/launcher:1.0", "ghcr.io/acme/launcher:1.0"]);
  });

  it("warn (SLU3051) at the call about a setting a TrainJob has no field for", () => {
    const ir = compileToIr(`import { artifact, pipeline, trainer } from "@sluice/core";
const t = trainer({ name: "t", image: "i:1", outputs: { model: artifact.model() }, command: ["python"], distributed: { runtime: "torch-distributed", numNodes: 2 } });
export default pipeline({ name: "p" }, () => {
  t({}, { nodeSelector: { pool: "gpu" } });
});`);
    const result = backend.compile(ir, options);
    expect(result.files).toHaveLength(1);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.span?.line, d.span?.column])).toEqual([["SLU3051", "warning", 4, 3]]);
  });

  it("deliver user text and run-time values exactly, in any order KFP's launcher replaces keys", () => {
    const odd = `a "b" 'c' $(HOME) $$x {{ y }} \\ {{sluice-not}}\nend`;
    const ir = compileToIr(`import { artifact, param, pipeline, rayJob, sparkJob } from "@sluice/core";
const job = sparkJob({
  name: "job", image: "spark:4", inputs: { raw: param.string(), n: param.int() }, outputs: { table: artifact.dataset() },
  spark: { type: "Python", sparkVersion: "4.0.4", mainApplicationFile: "local:///a.py", executor: { instances: 1 }, sparkConf: { "spark.note": ${JSON.stringify(odd)} } },
  args: ({ inputs, outputs }) => [\`--raw=\${inputs.raw}\`, \`\${inputs.n}\`, ${JSON.stringify(odd)}, outputs.table.path],
});
const ray = rayJob({
  name: "ray", image: "ray:2", inputs: { raw: param.string(), data: artifact.dataset() },
  entrypoint: ({ inputs }) => ["python", "x.py", inputs.raw, \`--data=\${inputs.data}\`, ${JSON.stringify(odd)}],
  ray: { head: {}, workers: [] },
});
export default pipeline({ name: "p", params: { raw: param.string() } }, ({ params }) => {
  const j = job({ raw: params.raw, n: 3 });
  ray({ raw: \`pre \${params.raw}\`, data: j.outputs.table });
});`);
    const doc = parseAllDocuments(backend.compile(ir, options).files[0]!.contents)[0]!.toJS();
    const value = `it's "v" {{sluice:inputs.n}} $(HOME)`;
    const replacements = new Map([
      ["{{$.inputs.parameters['raw']}}", value],
      ["{{$.inputs.parameters['n']}}", "3"],
      ["{{$.inputs.artifacts['data'].uri}}", "s3://b/it's"],
      ["{{$.outputs.artifacts['table'].uri}}", "s3://b/table"],
    ]);
    const found = launchers(doc);
    expect(found).toHaveLength(2);
    for (const [name, container] of found) {
      // The ray task binds a template: its param reaches the executor as an input of its own (raw--1...).
      for (const a of container.args) for (const m of a.matchAll(PLACEHOLDER)) if (m[3]!.startsWith("raw")) replacements.set(m[0], value);
      const keys = [...replacements.keys()].filter((k) => container.args.some((a) => a.includes(k)));
      for (const order of someOrders(keys)) {
        const { resource } = fromArgv(launch(container.args.map((a) => expandKubernetes(a, new Map())), replacements, order));
        if (resource.kind === "SparkApplication") {
          // Arguments reach the driver pod's args, which Kubernetes expands: the resource holds `$$`.
          const inPod = resource.spec.arguments.map((a: string) => expandKubernetes(a, new Map()));
          expect([name, resource.spec.sparkConf["spark.note"], inPod]).toEqual([name, odd, ["--raw=" + value, "3", odd, "s3://b/table"]]);
        } else {
          // The entrypoint is one shell line: split as a POSIX shell would, it is the IR's argv.
          // KubeRay's submitter pod gets the line as args, which Kubernetes expands first.
          expect([name, shellWords(expandKubernetes(resource.spec.entrypoint, new Map()))]).toEqual([name, ["python", "x.py", "pre " + value, "--data=s3://b/it's", odd]]);
        }
      }
    }
  });

  it("refuse (SLU3050) an argument naming a parameter output's path: a scale-out parameter comes from the status", () => {
    const { ir } = loadIr(readFileSync(`${repoRoot}/fixtures/scale-out-steps/expected/scale-out-steps.ir.yaml`, "utf8"));
    const features = ir!.spec.components.find((c) => c.name === "features")!;
    (features.implementation as any).sparkJob.arguments.push({ outputPath: "state" });
    const result = backend.compile(ir!, options);
    expect(result.files).toEqual([]);
    expect(result.diagnostics.map((d) => [d.code, d.span?.line])).toEqual([["SLU3050", 52]]);
  });

  it("rename an input whose placeholder the manifest's own text holds, so KFP leaves the text alone", () => {
    const ir = compileToIr(`import { param, pipeline, sparkJob } from "@sluice/core";
const job = sparkJob({
  name: "job", image: "spark:4", inputs: { raw: param.string() },
  spark: { type: "Python", sparkVersion: "4.0.4", mainApplicationFile: "local:///a.py", executor: { instances: 1 }, sparkConf: { "spark.note": "{{$.inputs.parameters['raw']}}" } },
  args: ({ inputs }) => [inputs.raw],
});
export default pipeline({ name: "p" }, () => {
  job({ raw: "x" });
});`);
    const result = backend.compile(ir, options);
    expect(result.diagnostics).toEqual([]);
    const doc = parseAllDocuments(result.files[0]!.contents)[0]!.toJS();
    const [[, container]] = launchers(doc) as [[string, { args: string[] }]];
    expect(Object.keys(doc.components["comp-job"].inputDefinitions.parameters)).toEqual(["raw-2"]);
    const { resource } = fromArgv(launch(container.args, new Map([["{{$.inputs.parameters['raw-2']}}", "X"]]), ["{{$.inputs.parameters['raw-2']}}"]));
    expect([resource.spec.sparkConf["spark.note"], resource.spec.arguments]).toEqual(["{{$.inputs.parameters['raw']}}", ["X"]]);
  });
});
