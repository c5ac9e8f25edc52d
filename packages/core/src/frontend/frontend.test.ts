import { analyzeSources, codesAt, HEADER } from "./test-helpers.js";

const echo = `
export const echo = step({
  name: "echo",
  image: "alpine:3.20",
  command: ["echo"],
  inputs: { message: param.string(), times: param.int({ default: 1 }) },
  outputs: { out: param.string() },
  args: ({ inputs, outputs }) => [inputs.message, \`--times=\${inputs.times}\`, "--out", outputs.out.path],
});
`;

describe("analyzePipelineFile: containers, params and data edges", () => {
  it("builds components, params and tasks wired by data edges", () => {
    const r = analyzeSources({
      "pipeline.ts": `${HEADER}${echo}
export default pipeline({ name: "hello", params: { who: param.string({ default: "world" }) } }, ({ params }) => {
  const a = echo({ message: params.who });
  echo({ message: a.outputs.out, times: 3 });
});
`,
    });
    expect(r.diagnostics).toEqual([]);
    const ir = r.ir!;
    expect(ir.metadata.hash).toMatch(/^sha256:/);
    expect(ir.spec.params).toEqual([{ name: "who", type: { category: "param", type: "string" }, default: "world", span: "pipeline.ts:12:52" }]);
    const c = ir.spec.components[0]!;
    expect(c.implementation).toEqual({
      container: { command: ["echo"], args: [{ inputValue: "message" }, { concat: ["--times=", { inputValue: "times" }] }, "--out", { outputPath: "out" }] },
    });
    expect(ir.spec.root.map((n) => n.id)).toEqual(["echo", "echo-2"]);
    expect(ir.spec.root[1]).toMatchObject({ inputs: { message: { taskOutput: { task: "echo", output: "out" } }, times: { literal: 3 } } });
  });

  it("reports an unknown input, a missing input and a type mismatch at their spans", () => {
    const r = analyzeSources({
      "pipeline.ts": `${HEADER}${echo}
export default pipeline({ name: "bad" }, () => {
  echo({ mesage: "x" });
  echo({ message: 3 });
});
`,
    });
    expect(codesAt(r)).toEqual(["SLU1202@13:3", "SLU1201@13:10", "SLU1203@14:19"]);
    expect(r.ir).toBeUndefined();
  });
});
