// Nested pipelines are named by `name` in every target: two different bodies under one name, or
// one named like the compiled pipeline, are SLU1307 (they used to compile to the first body).
import { analyzeSources, codesAt, HEADER } from "./test-helpers.js";

const sub = (name: string, command: string) => `${HEADER}const s = step({ name: "${command}", image: "alpine", command: ["${command}"] });\nexport const sub = pipeline({ name: "${name}" }, () => { s({}); });\n`;
const main = `${HEADER}import { sub as one } from "./one.js";\nimport { sub as two } from "./two.js";\nexport default pipeline({ name: "top" }, () => { one({}); two({}); });\n`;

describe("nested pipeline names", () => {
  it("refuses two different pipelines with one name, across files, where the second is declared", () => {
    const r = analyzeSources({ "pipeline.ts": main, "one.ts": sub("prep", "a"), "two.ts": sub("prep", "b") });
    expect(r.ir).toBeUndefined();
    expect(codesAt(r)).toEqual(["SLU1307@3:31"]);
    expect(r.diagnostics[0]!.span?.file).toBe("two.ts");
    expect(r.diagnostics[0]!.message).toContain("one.ts:3:");
  });

  it("merges an unchanged copy, as for steps", () => {
    const r = analyzeSources({ "pipeline.ts": main, "one.ts": sub("prep", "a"), "two.ts": sub("prep", "a") });
    expect(r.diagnostics).toEqual([]);
    expect(r.ir!.spec.subPipelines.map((p) => p.name)).toEqual(["prep"]);
    expect(r.ir!.spec.root.map((n) => n.id)).toEqual(["prep", "prep-2"]);
  });

  it("refuses a nested pipeline named like the compiled one", () => {
    const r = analyzeSources({ "pipeline.ts": `${HEADER}import { sub } from "./one.js";\nexport default pipeline({ name: "prep" }, () => { sub({}); });\n`, "one.ts": sub("prep", "a") });
    expect(codesAt(r)).toEqual(["SLU1307@3:31"]);
  });
});
