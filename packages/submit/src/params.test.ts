// --param values are checked against the pipeline's params before anything is sent.
import { PARAM_CODES, type Pipeline, type PipelineParam } from "@sluice/core/backend";
import { SUBMIT_CODES, SubmitError } from "./errors.js";
import { checkParams, paramText } from "./params.js";

const p = (name: string, type: PipelineParam["type"], extra: Partial<PipelineParam> = {}): PipelineParam => ({ name, type, span: `p.ts:${name.length}:3`, ...extra });
const ir = (params: PipelineParam[]) => ({ metadata: { name: "demo" }, spec: { params } }) as unknown as Pipeline;
const demo = ir([
  p("epochs", { category: "param", type: "int" }, { default: 10 }),
  p("rate", { category: "param", type: "float" }, { default: 0.5 }),
  p("verbose", { category: "param", type: "bool" }, { default: false }),
  p("config", { category: "param", type: "json" }, { default: {} }),
  p("mode", { category: "param", type: "string" }, { default: "full", enum: ["fast", "full"] }),
  p("tags", { category: "paramList", items: "string" }, { default: [] }),
  p("data", { category: "param", type: "string" }),
]);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof SubmitError ? error.code : `not a SubmitError: ${String(error)}`;
  }
}

describe("checkParams", () => {
  it("types each value by the declared param type", () => {
    expect(checkParams(demo, ["epochs=3", "rate=1e-3", "verbose=true", 'config={"a":[1]}', "mode=fast", 'tags=["x","y"]', "data=s3://b/k=v"])).toEqual({
      epochs: 3,
      rate: 0.001,
      verbose: true,
      config: { a: [1] },
      mode: "fast",
      tags: ["x", "y"],
      data: "s3://b/k=v",
    });
  });

  it.each([
    ["an unknown name", ["data=x", "epoch=3"], SUBMIT_CODES.unknownParam],
    ["an int that is not one", ["data=x", "epochs=3.5"], SUBMIT_CODES.badParamValue],
    ["a float that is not a number", ["data=x", "rate=fast"], SUBMIT_CODES.badParamValue],
    ["a bool spelt otherwise", ["data=x", "verbose=yes"], SUBMIT_CODES.badParamValue],
    ["bad JSON", ["data=x", "config={"], SUBMIT_CODES.badParamValue],
    ["a value outside the enum", ["data=x", "mode=slow"], SUBMIT_CODES.badParamValue],
    ["a list of the wrong items", ["data=x", "tags=[1]"], SUBMIT_CODES.badParamValue],
    ["a missing required param", ["epochs=1"], SUBMIT_CODES.missingParam],
    ["no equals sign", ["data"], SUBMIT_CODES.badParamSyntax],
    ["the same param twice", ["data=x", "data=y"], SUBMIT_CODES.duplicateParam],
  ])("refuses %s", (_what, flags, code) => {
    expect(codeOf(() => checkParams(demo, flags))).toBe(code);
  });

  it("uses the codes of the shared parser", () => {
    for (const [key, code] of Object.entries(PARAM_CODES)) expect([key, SUBMIT_CODES[key as keyof typeof PARAM_CODES]]).toEqual([key, code]);
  });

  it("these are usage errors (exit 2)", () => {
    try {
      checkParams(demo, ["nope=1"]);
    } catch (error) {
      expect((error as SubmitError).usage).toBe(true);
    }
  });

  it("encodes values as Argo's text params: strings as is, the rest as JSON", () => {
    expect([paramText("a b"), paramText(10), paramText(0.5), paramText(false), paramText(["x"]), paramText({ a: 1 })]).toEqual(["a b", "10", "0.5", "false", '["x"]', '{"a":1}']);
  });
});
