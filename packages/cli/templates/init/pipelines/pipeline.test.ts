// The pipeline's snapshot test: the files Sluice generates are kept in __pipelines__/ beside
// this file. When you change the pipeline on purpose, review the diff and run `npm test -- -u`.
import { describe, expect, it } from "@jest/globals";
import { synth } from "@sluice/testing";

describe("pipeline", () => {
  it("compiles to every target", () => {
    const result = synth(new URL("./pipeline.ts", import.meta.url));
    expect(result).toHaveNoErrors();
    expect(result).toMatchPipelineSnapshot();
  });
});
