// Names every JavaScript object has, used where TypeScript cannot follow (so no fixture can hold
// them: fixtures type-check): an optional input named `hasOwnProperty` left unset. Reading the
// call's bindings as `node.inputs[name]` found Object's method there: the Airflow back end
// crashed (exit 70) and the Kubeflow one refused the pipeline (SLU3010).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../packages/cli/src/index.js";

const pipelineText = `import { param, pipeline, step } from "@sluice/core";
const s = step({
  name: "s",
  image: "alpine:3.20",
  command: ["echo"],
  inputs: { hasOwnProperty: param.string({ default: "from-default" }), constructor: param.string({ default: "c-default" }) },
  args: ({ inputs }) => [inputs.hasOwnProperty, inputs.constructor],
});
export default pipeline({ name: "unset-prototype-inputs" }, () => {
  s({});
});
`;

describe("optional inputs named like Object.prototype members, left unset", () => {
  it("compile on every target with their defaults", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sluice-proto-"));
    writeFileSync(join(dir, "pipeline.ts"), pipelineText);
    const r = await runCli(["compile", "pipeline.ts", "--target", "all", "--out", "out", "--no-git"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    for (const file of ["unset-prototype-inputs.argo.yaml", "unset-prototype-inputs.kubeflow.yaml", "unset_prototype_inputs.py"]) {
      const text = readFileSync(join(dir, "out", file), "utf8");
      expect(text).toContain("from-default");
      expect(text).toContain("c-default");
    }
  });
});
