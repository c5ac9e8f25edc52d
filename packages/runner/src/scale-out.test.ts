// A local run refuses scale-out steps up front (SLU9020 at each step), and runs nothing.
import { readFileSync } from "node:fs";
import { loadIr } from "@sluice/core/backend";
import { checkScaleOutSteps } from "./scale-out.js";

const example = loadIr(readFileSync(new URL("../../../docs/ir-example.yaml", import.meta.url), "utf8")).ir!;
/** The example declares its scale-out components without calling them; here a task calls each. */
const calling = {
  ...example,
  spec: {
    ...example.spec,
    root: [...example.spec.root, ...["features", "finetune", "infer"].map((c) => ({ type: "task" as const, id: `call-${c}`, component: c, inputs: {}, after: [], span: "x.ts:1:1" }))],
  },
};

describe("scale-out steps in a local run", () => {
  it("is one located SLU9020 per called scale-out step, none for container and script steps", () => {
    expect(checkScaleOutSteps(example)).toEqual([]); // declared, never called: nothing to run
    expect(checkScaleOutSteps(calling).map((d) => [d.code, d.message.match(/step "([^"]+)"/)?.[1], d.span?.line])).toEqual([
      ["SLU9020", "features", 5],
      ["SLU9020", "finetune", 26],
      ["SLU9020", "infer", 37],
    ]);
  });
});
