import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TYPECHECK_CODE, typecheckPipelineFile } from "./typecheck.js";

/** Writes a pipeline file into a fresh folder (outside any project, so `@sluice/core` is mapped). */
function pipelineFile(text: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "sluice-typecheck-"));
  const file = join(dir, "pipeline.ts");
  writeFileSync(file, text);
  return { dir, file };
}

const header = `import { pipeline, step, param, artifact } from "@sluice/core";
export const train = step({
  name: "train",
  image: "python:3.12",
  inputs: { lr: param.float(), data: artifact.dataset() },
  outputs: { model: artifact.model() },
});
`;

describe("typecheckPipelineFile", () => {
  it("accepts a well-typed pipeline file", () => {
    const { dir, file } = pipelineFile(`${header}export default pipeline({ name: "p", params: { d: artifact.dataset() } }, ({ params }) => { train({ lr: 0.1, data: params.d }); });\n`);
    expect(typecheckPipelineFile(file, { projectRoot: dir }).diagnostics).toEqual([]);
  });

  it("reports TypeScript's errors located in the user's file, with TypeScript's code in the message", () => {
    const body = `export default pipeline({ name: "p" }, () => { train({ lr: "fast" }); });\n`;
    const { dir, file } = pipelineFile(header + body);
    const diagnostics = typecheckPipelineFile(file, { projectRoot: dir }).diagnostics;
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) {
      expect(d.code).toBe(TYPECHECK_CODE);
      expect(d.message).toMatch(/^TS\d+: /);
      expect(d.span?.file).toBe("pipeline.ts");
      expect(d.span?.line).toBe(8);
    }
  });
});
