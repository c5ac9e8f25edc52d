// The front end's own checks of scale-out steps: each mistake is one located code, and a good
// definition gives the IR form the builders read.
import { analyzeSources, codesAt } from "../test-helpers.js";

const HEADER = `import { artifact, param, pipeline, rayJob, sparkJob, step, trainer } from "@sluice/core";\n`;
const SPARK = `spark: { type: "Python", sparkVersion: "4", mainApplicationFile: "local:///a.py", executor: { instances: 1 } }`;

function codes(defs: string, body = "s({});"): string[] {
  return codesAt(analyzeSources({ "pipeline.ts": `${HEADER}${defs}\nexport default pipeline({ name: "p" }, () => { ${body} });\n` }));
}

describe("scale-out steps in the front end", () => {
  it("refuses options a form replaces, at the option", () => {
    expect(codes(`const s = sparkJob({ name: "s", image: "i", resources: { cpu: "1" }, command: ["x"], ${SPARK} } as any);`)).toEqual(["SLU1420@2:45", "SLU1420@2:70"]);
    expect(codes(`const s = rayJob({ name: "s", image: "i", entrypoint: ["x"], args: ["y"] } as any);`)).toEqual(["SLU1420@2:62"]);
  });

  it("keeps `distributed` for trainers", () => {
    expect(codes(`const s = step({ name: "s", image: "i", distributed: { runtime: "r", numNodes: 1 } } as any);`)).toEqual(["SLU1420@2:41"]);
  });

  it("checks counts and bounds", () => {
    expect(codes(`const s = rayJob({ name: "s", image: "i", entrypoint: ["x"], ray: { workers: [{ groupName: "g", replicas: 1, minReplicas: 3, maxReplicas: 2 }] } });`)).toEqual(["SLU1421@2:126"]);
    expect(codes(`const s = sparkJob({ name: "s", image: "i", spark: { type: "Python", sparkVersion: "4", mainApplicationFile: "f" } } as any);`)).toEqual(["SLU1421@2:45"]);
  });

  it("checks where outputs come from", () => {
    expect(codes(`const s = sparkJob({ name: "s", image: "i", outputs: { t: artifact.dataset() }, statusOutputs: { t: "status.x" } as any, ${SPARK} });`)).toEqual(["SLU1423@2:98"]);
    expect(codes(`const s = sparkJob({ name: "s", image: "i", outputs: { n: param.int() }, statusOutputs: { n: ".status.x" as any }, ${SPARK} });`)).toEqual(["SLU1423@2:91"]);
  });

  it("keeps the trainer's kind rule for a distributed trainer", () => {
    expect(codes(`const s = trainer({ name: "s", image: "i", command: ["torchrun"], distributed: { runtime: "torch-distributed", numNodes: 2 } } as any);`)).toEqual(["SLU1406@2:11"]);
  });

  it("gives the IR form of a good definition", () => {
    const result = analyzeSources({ "pipeline.ts": `${HEADER}const s = sparkJob({ name: "s", image: "i", inputs: { n: param.int() }, ${SPARK}, args: ({ inputs }) => [\`--n=\${inputs.n}\`] });\nexport default pipeline({ name: "p" }, () => { s({ n: 1 }); });\n` });
    expect(result.diagnostics).toEqual([]);
    expect(result.ir!.spec.components[0]!.implementation).toEqual({
      sparkJob: { type: "Python", mode: "cluster", sparkVersion: "4", mainApplicationFile: "local:///a.py", arguments: [{ concat: ["--n=", { inputValue: "n" }] }], driver: {}, executor: { instances: 1 } },
    });
  });
});
