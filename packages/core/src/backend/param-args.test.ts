// The one `--param NAME=VALUE` parser of `sluice run` and `sluice submit`.
import type { Pipeline, PipelineParam } from "../ir/index.js";
import { PARAM_CODES, parseParamArgs } from "./param-args.js";

const p = (name: string, type: PipelineParam["type"], extra: Partial<PipelineParam> = {}): PipelineParam => ({ name, type, span: `p.ts:${name.length}:3`, ...extra });
const ir = {
  metadata: { name: "demo", source: { file: "p.ts", export: "default" } },
  spec: {
    params: [
      p("epochs", { category: "param", type: "int" }, { default: 10 }),
      p("rate", { category: "param", type: "float" }, { default: 0.5 }),
      p("note", { category: "param", type: "string" }, { default: "" }),
      p("mode", { category: "param", type: "string" }, { default: "full", enum: ["fast", "full"] }),
      p("tags", { category: "paramList", items: "int" }, { default: [] }),
      p("data", { category: "artifact", kind: "dataset" }),
    ],
  },
} as unknown as Pipeline;
const codes = (given: string[]) => parseParamArgs(ir, given).diagnostics.map((d) => d.code);

describe("parseParamArgs", () => {
  it("takes strings as written and everything else as JSON; artifacts as written, for the command to read", () => {
    expect(parseParamArgs(ir, ["epochs=3", "rate=1e-3", "note=a=b {x}", "mode=fast", "tags=[1,2]", "data=s3://b/k"])).toEqual({
      values: { epochs: 3, rate: 0.001, note: "a=b {x}", mode: "fast", tags: [1, 2] },
      artifacts: { data: "s3://b/k" },
      diagnostics: [],
    });
  });

  it("reports every problem at once, each with its code", () => {
    expect(codes(["epochs=3.5", "nope=1", "rate", "mode=slow", "tags=[\"a\"]", "epochs=4"])).toEqual([
      PARAM_CODES.badParamValue,
      PARAM_CODES.unknownParam,
      PARAM_CODES.badParamSyntax,
      PARAM_CODES.badParamValue,
      PARAM_CODES.badParamValue,
      PARAM_CODES.duplicateParam,
      PARAM_CODES.missingParam,
    ]);
  });

  it("locates a bad value at the param's declaration and says its type; a required one left out too", () => {
    const [bad, missing] = parseParamArgs(ir, ["rate=fast"]).diagnostics;
    expect(bad).toMatchObject({ code: "SLU9011", message: expect.stringMatching(/^--param rate=fast: not a float/), span: { file: "p.ts", line: 4, column: 3 }, hint: '"rate" is declared float' });
    expect(missing).toMatchObject({ code: "SLU9012", span: { file: "p.ts", line: 4, column: 3 } });
  });

  it("a value that is not valid JSON for a typed param says how to write it", () => {
    expect(parseParamArgs(ir, ["data=x", "epochs=ten"]).diagnostics[0]!.message).toMatch(/written as JSON/);
  });
});
