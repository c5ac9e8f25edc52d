// Strings reach the container exactly as written. For every fixture with a Kubeflow golden (and
// above all fixtures/hostile-strings-kfp and fixtures/airflow-hostile-strings), the KFP driver,
// Kubernetes' $(VAR) expansion and the KFP launcher are replayed on each step call's command and
// args, in several replacement orders, and the argv must equal what the IR says the step receives.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { allNodes, findComponent, loadIr, podImplementation, scaleOutForm, type Arg, type ArgRef, type Binding, type Component, type JsonValue, type Pipeline } from "@sluice/core/backend";
import { kubeflowGoldens, readDocuments, repoRoot } from "./testing/kfp-files.js";
import { artifactPath, driverResolve, expandKubernetes, launch, launcherText, outputFile, resolveEnv, someOrders } from "./testing/launch-simulation.js";
import { leafTasks } from "./testing/structure.js";
import { kfpTaskName } from "./names.js";

/** A stand-in for a value only known at run time, the same on both sides of the comparison. */
const runtime = (origin: string) => `<${origin}>`;

/** The value a binding has in a run with the params' defaults; undefined when not replayable here. */
function valueOf(b: Binding, ir: Pipeline): JsonValue | undefined {
  if ("literal" in b) return b.literal;
  if ("param" in b) return ir.spec.params.find((p) => p.name === b.param)?.default;
  if ("taskOutput" in b) {
    // A nested pipeline's output is traced to the step inside it on the KFP side: not comparable here.
    const producer = allNodes(ir.spec.root).find((n) => n.id === b.taskOutput.task);
    return producer?.type === "task" ? runtime(`out:${kfpTaskName(b.taskOutput.task)}.${b.taskOutput.output}`) : undefined;
  }
  if ("template" in b) {
    const parts = b.template.map((p) => (typeof p === "string" ? p : valueOf(p, ir)));
    return parts.some((p) => p === undefined) ? undefined : parts.map((p) => launcherText(p)).join("");
  }
  return undefined;
}

/** The value KFP hands the launcher for an input traced to `origin` (testing/structure.ts). */
function kfpValue(origin: string | undefined, spec: any): unknown {
  if (origin === undefined) return undefined;
  if (origin.startsWith("const:")) return driverResolve(JSON.parse(origin.slice("const:".length)));
  if (origin.startsWith("param:")) return spec.root.inputDefinitions.parameters?.[origin.slice("param:".length)]?.defaultValue;
  if (origin.startsWith("out:")) return runtime(origin);
  return undefined;
}

/** What the IR says one argv element is. */
function expectedArg(arg: Arg, inputs: Record<string, JsonValue | undefined>, component: Component): string {
  const outputPath = (name: string) => (component.outputs.find((o) => o.name === name)?.type.category === "artifact" ? artifactPath(name) : outputFile(name));
  const part = (p: string | ArgRef): string =>
    typeof p === "string" ? p : "inputValue" in p ? launcherText(inputs[p.inputValue]) : "outputPath" in p ? outputPath(p.outputPath) : artifactPath(p.inputPath);
  return typeof arg === "object" && "concat" in arg ? arg.concat.map(part).join("") : part(arg);
}

interface Replay {
  name: string;
  expected: string[];
  argv: string[];
  replacements: Map<string, string>;
}

/** The replayable step calls of one golden: at the top level, in branches and exit handlers. */
function replays(golden: string): Replay[] {
  const dir = join(repoRoot, dirname(golden));
  const irFile = readdirSync(dir).find((f) => f.endsWith(".ir.yaml"));
  if (!irFile) return [];
  const ir = loadIr(readFileSync(join(dir, irFile), "utf8")).ir!;
  const spec = readDocuments(join(repoRoot, golden))[0] as any;
  const nodes = new Map(allNodes(ir.spec.root).map((n) => [kfpTaskName(n.id), n]));
  const out: Replay[] = [];
  for (const leaf of leafTasks(spec)) {
    const node = nodes.get(leaf.name);
    // Inside a nested pipeline the IR names another body; loop items are per-iteration values.
    if (node?.type !== "task" || leaf.groupNames.some((g) => nodes.get(g)?.type === "subPipeline" || nodes.get(g)?.type === "loop")) continue;
    const component = findComponent(ir, node.component);
    // A scale-out step's argv is the launcher's; launcher.test.ts replays the resource it creates.
    if (scaleOutForm(component.implementation)) continue;
    const inputs = Object.fromEntries(component.inputs.map((i) => [i.name, node.inputs[i.name] ? valueOf(node.inputs[i.name]!, ir) : i.default]));
    if (Object.values(inputs).some((v) => v === undefined)) continue;
    const impl = podImplementation(component);
    const irArgs = "container" in impl ? [...impl.container.command, ...impl.container.args] : impl.script.args;
    const container = spec.deploymentSpec.executors[leaf.executor].container;
    const compName = Object.keys(spec.components).find((c) => spec.components[c].executorLabel === leaf.executor)!;
    const replacements = new Map<string, string>();
    let replayable = true;
    for (const [input, def] of Object.entries<any>(spec.components[compName].inputDefinitions?.parameters ?? {})) {
      const value = leaf.task.inputs[input] !== undefined ? kfpValue(leaf.task.inputs[input], spec) : def.defaultValue;
      if (value === undefined) replayable = false;
      replacements.set(`{{$.inputs.parameters['${input}']}}`, launcherText(value));
    }
    for (const [input] of Object.entries<any>(spec.components[compName].inputDefinitions?.artifacts ?? {})) replacements.set(`{{$.inputs.artifacts['${input}'].path}}`, artifactPath(input));
    for (const [output] of Object.entries<any>(spec.components[compName].outputDefinitions?.parameters ?? {})) replacements.set(`{{$.outputs.parameters['${output}'].output_file}}`, outputFile(output));
    for (const [output] of Object.entries<any>(spec.components[compName].outputDefinitions?.artifacts ?? {})) replacements.set(`{{$.outputs.artifacts['${output}'].path}}`, artifactPath(output));
    if (!replayable) continue;
    const env = resolveEnv(container.env ?? []);
    const full = [...container.command, ...(container.args ?? [])].map((a: string) => expandKubernetes(a, env));
    // A script's command is Sluice's runner and the source; the IR's args follow them.
    const argv = "container" in impl ? full : full.slice(4);
    if ("script" in impl) expect(full[3]).toBe(impl.script.source);
    out.push({ name: leaf.task.path, expected: irArgs.map((a) => expectedArg(a, inputs, component)), argv, replacements });
  }
  return out;
}

describe("strings survive KFP's driver, Kubernetes and the launcher", () => {
  const goldens = kubeflowGoldens();

  for (const golden of goldens) {
    it(`${golden}: every replayable step gets the argv the IR says, in any replacement order`, () => {
      for (const r of replays(golden)) {
        for (const order of someOrders([...r.replacements.keys()])) expect([r.name, launch(r.argv, r.replacements, order)]).toEqual([r.name, r.expected]);
      }
    });
  }

  it("replays most step calls of the goldens (only loop bodies and nested pipelines are skipped)", () => {
    const total = goldens.reduce((n, g) => n + replays(g).length, 0);
    expect(total).toBeGreaterThanOrEqual(40);
  });

  it("replays every task of the hostile fixtures", () => {
    expect(replays("fixtures/hostile-strings-kfp/expected/hostile-strings-kfp.kubeflow.yaml").map((r) => r.name).sort()).toEqual(["echo-all", "echo-param", "if param:p == 'it\\'s {{ odd }}\\n' / echo-branch"]);
    const airflow = "fixtures/airflow-hostile-strings/expected/airflow-hostile-strings.kubeflow.yaml";
    if (existsSync(join(repoRoot, airflow))) expect(replays(airflow).length).toBe(1);
  });

  it("keeps env values intact through Kubernetes' expansion", () => {
    const spec = readDocuments(join(repoRoot, "fixtures/hostile-strings-kfp/expected/hostile-strings-kfp.kubeflow.yaml"))[0] as any;
    const env = resolveEnv(spec.deploymentSpec.executors["exec-echo-all"].container.env);
    expect(env.get("GREETING")).toBe("hi $(USER) {{$}} {{$.inputs.parameters['text']}}");
  });
});

describe("the replay is not vacuous", () => {
  it("catches text spliced naively into args", () => {
    const replacements = new Map([["{{$.inputs.parameters['note']}}", "NOTE"]]);
    const naive = ["{{$.inputs.parameters['note']}} literally", "$(HOME) and $$"].map((a) => expandKubernetes(a, new Map([["HOME", "/root"]])));
    expect(launch(naive, replacements, [...replacements.keys()])).toEqual(["NOTE literally", "/root and $"]);
  });
});
