import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findErrorCases, findGoodCases } from "./fixtures.js";
import { compareWithGoldens, describeGoldenProblems, listFiles, writeGoldens } from "./golden.js";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "sluice-golden-"));
}

describe("compareWithGoldens", () => {
  it("accepts identical bytes and reports changed, missing and orphaned files", () => {
    const expected = tempDir();
    writeFileSync(join(expected, "same.yaml"), "a: 1\n");
    writeFileSync(join(expected, "changed.yaml"), "a: 1\nb: 2\n");
    writeFileSync(join(expected, "orphan.yaml"), "old\n");
    const problems = compareWithGoldens(expected, [
      { path: "same.yaml", contents: "a: 1\n" },
      { path: "changed.yaml", contents: "a: 1\nb: 3\n" },
      { path: "new.py", contents: "x = 1\n" },
    ]);
    expect(problems.map((p) => `${p.kind} ${p.path}`)).toEqual(["mismatch changed.yaml", "missing new.py", "orphan orphan.yaml"]);
    const report = describeGoldenProblems("fixtures/demo", problems);
    expect(report).toContain("-b: 2\n+b: 3");
    expect(report).toContain("pnpm run golden:update");
  });

  it("does not normalise: a missing final newline is a difference", () => {
    const expected = tempDir();
    writeFileSync(join(expected, "x.yaml"), "a: 1");
    expect(compareWithGoldens(expected, [{ path: "x.yaml", contents: "a: 1\n" }]).map((p) => p.kind)).toEqual(["mismatch"]);
  });
});

describe("writeGoldens", () => {
  it("makes expected/ hold exactly the produced files", () => {
    const expected = tempDir();
    mkdirSync(join(expected, "old"));
    writeFileSync(join(expected, "old/gone.yaml"), "x\n");
    writeFileSync(join(expected, "kept.yaml"), "same\n");
    const result = writeGoldens(expected, [{ path: "kept.yaml", contents: "same\n" }, { path: "dags/new.py", contents: "y\n" }]);
    expect(result).toEqual({ written: ["dags/new.py"], deleted: ["old/gone.yaml"] });
    expect(listFiles(expected)).toEqual(["dags/new.py", "kept.yaml"]);
    expect(readFileSync(join(expected, "dags/new.py"), "utf8")).toBe("y\n");
  });
});

describe("finding fixtures", () => {
  it("finds good cases in fixtures/ and examples/, bad ones in fixtures/errors/, with their fixture.json", () => {
    const root = tempDir();
    for (const dir of ["fixtures/b-loop", "fixtures/a-chain", "examples/churn", "fixtures/errors/SLU1203-unknown-input", "fixtures/no-pipeline"]) mkdirSync(join(root, dir), { recursive: true });
    for (const dir of ["fixtures/b-loop", "fixtures/a-chain", "examples/churn", "fixtures/errors/SLU1203-unknown-input"]) writeFileSync(join(root, dir, "pipeline.ts"), "");
    writeFileSync(join(root, "fixtures/b-loop/fixture.json"), JSON.stringify({ export: "nightly", options: { argo: { kind: "template" } }, targets: ["ir", "argo"] }));
    const good = findGoodCases(root);
    expect(good.map((c) => c.name)).toEqual(["fixtures/a-chain", "fixtures/b-loop", "examples/churn"]);
    expect(good[1]?.config).toEqual({ export: "nightly", options: { argo: { kind: "template" } }, targets: ["ir", "argo"] });
    expect(findErrorCases(root).map((c) => c.name)).toEqual(["fixtures/errors/SLU1203-unknown-input"]);
  });

  it("refuses a fixture.json with unknown keys, so that a typo does not silently do nothing", () => {
    const root = tempDir();
    mkdirSync(join(root, "fixtures/x"), { recursive: true });
    writeFileSync(join(root, "fixtures/x/pipeline.ts"), "");
    writeFileSync(join(root, "fixtures/x/fixture.json"), JSON.stringify({ option: {} }));
    expect(() => findGoodCases(root)).toThrow(/unknown key "option"/);
  });
});
