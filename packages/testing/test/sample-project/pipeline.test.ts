// A user's own test of their pipeline, as docs/testing.md shows it.
import { synth } from "@sluice/testing";

const here = (path: string) => new URL(path, import.meta.url);

describe("sample-train", () => {
  it("compiles to every target", () => {
    const result = synth(here("./pipeline.ts"));
    expect(result).toHaveNoErrors();
    expect(result).toMatchPipelineSnapshot();
  });

  it("compiles to an Argo WorkflowTemplate", () => {
    const result = synth(here("./pipeline.ts"), { targets: ["argo"], backendOptions: { argo: { kind: "template" } } });
    expect(Object.keys(result.files)).toEqual(["sample-train.argo.yaml"]);
    expect(result).toMatchPipelineSnapshot();
  });

  it("reports a misspelt input where it is written", () => {
    const result = synth(here("./broken.ts"));
    expect(result).not.toHaveNoErrors();
    expect(result).toReport({ code: "SLU1201", line: 5 });
    expect(result.files).toEqual({});
  });
});
