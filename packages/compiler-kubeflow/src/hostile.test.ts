// Strings reach the container exactly as written: fixtures/hostile-strings-kfp is compiled, then
// the KFP driver, Kubernetes and the KFP launcher are replayed on every task's command and args (in
// several replacement orders), and the argv must equal what the IR says the step receives.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findComponent, loadIr, type Arg, type Binding, type JsonValue, type Pipeline } from "@sluice/core/backend";
import { kubeflowGoldens, readDocuments, repoRoot } from "./testing/kfp-files.js";
import { artifactPath, driverResolve, expandKubernetes, launch, launcherText, outputFile, resolveEnv, someOrders } from "./testing/launch-simulation.js";
import { leafTasks } from "./testing/structure.js";

const dir = join(repoRoot, "fixtures/hostile-strings-kfp/expected");
const spec = readDocuments(join(dir, "hostile-strings-kfp.kubeflow.yaml"))[0] as any;
const ir = loadIr(readFileSync(join(dir, "hostile-strings-kfp.ir.yaml"), "utf8")).ir!;

/** The value a binding has in a run that uses the params' defaults. */
function valueOf(b: Binding, pipeline: Pipeline): JsonValue {
  if ("literal" in b) return b.literal;
  if ("param" in b) return pipeline.spec.params.find((p) => p.name === b.param)!.default!;
  if ("template" in b) return b.template.map((p) => (typeof p === "string" ? p : launcherText(valueOf(p, pipeline)))).join("");
  throw new Error(`binding ${JSON.stringify(b)} is not used by this fixture`);
}

/** What the IR says one argv element is, for the given input values. */
function expectedArg(arg: Arg, inputs: Record<string, JsonValue>): string {
  const part = (p: Exclude<Arg, { concat: unknown }>): string =>
    typeof p === "string" ? p : "inputValue" in p ? launcherText(inputs[p.inputValue]) : "outputPath" in p ? outputFile(p.outputPath) : artifactPath(p.inputPath);
  return typeof arg === "object" && "concat" in arg ? arg.concat.map(part).join("") : part(arg);
}

describe("hostile strings survive KFP's driver, Kubernetes and the launcher", () => {
  const leaves = leafTasks(spec);

  it("compiles every task of the fixture", () => {
    expect(leaves.map((l) => l.task.path.split(" / ").pop()).sort()).toEqual(["echo-all", "echo-branch", "echo-param"]);
  });

  for (const { task, executor } of leaves) {
    const name = task.path.split(" / ").pop()!;
    it(`${name}: argv equals the IR's, whatever order the launcher replaces in`, () => {
      const node = ir.spec.root.flatMap((n) => (n.type === "condition" ? n.branches.flatMap((b) => b.nodes) : [n])).find((n) => n.id === name)!;
      if (node.type !== "task") throw new Error("fixture shape changed");
      const component = findComponent(ir, node.component);
      const irInputs = Object.fromEntries(component.inputs.map((i) => [i.name, node.inputs[i.name] ? valueOf(node.inputs[i.name]!, ir) : i.default!]));
      const impl = component.implementation;
      if (!("container" in impl)) throw new Error("fixture shape changed");
      const expected = [...impl.container.command, ...impl.container.args].map((a) => expectedArg(a, irInputs));

      const container = spec.deploymentSpec.executors[executor].container;
      const definitions = spec.components[Object.keys(spec.components).find((c) => spec.components[c].executorLabel === executor)!].inputDefinitions?.parameters ?? {};
      const replacements = new Map<string, string>();
      for (const [input, def] of Object.entries<any>(definitions)) {
        const origin = task.inputs[input];
        let value: unknown = def.defaultValue;
        if (origin?.startsWith("const:")) value = driverResolve(JSON.parse(origin.slice("const:".length)));
        else if (origin?.startsWith("param:")) value = spec.root.inputDefinitions.parameters[origin.slice("param:".length)].defaultValue;
        replacements.set(`{{$.inputs.parameters['${input}']}}`, launcherText(value));
      }
      const env = resolveEnv(container.env ?? []);
      const argv = [...container.command, ...(container.args ?? [])].map((a: string) => expandKubernetes(a, env));
      for (const order of someOrders([...replacements.keys()])) expect(launch(argv, replacements, order)).toEqual(expected);
    });
  }

  it("keeps env values intact through Kubernetes' expansion", () => {
    const env = resolveEnv(spec.deploymentSpec.executors["exec-echo-all"].container.env);
    expect(env.get("GREETING")).toBe("hi $(USER) {{$}} {{$.inputs.parameters['text']}}");
  });

  it("is one of the goldens the kfp and protobuf checks load", () => {
    expect(kubeflowGoldens()).toContain("fixtures/hostile-strings-kfp/expected/hostile-strings-kfp.kubeflow.yaml");
  });
});

describe("the replay is not vacuous", () => {
  it("catches text spliced naively into args", () => {
    const replacements = new Map([["{{$.inputs.parameters['note']}}", "NOTE"]]);
    const naive = ["{{$.inputs.parameters['note']}} literally", "$(HOME) and $$"].map((a) => expandKubernetes(a, new Map([["HOME", "/root"]])));
    expect(launch(naive, replacements, [...replacements.keys()])).toEqual(["NOTE literally", "/root and $"]);
  });
});
