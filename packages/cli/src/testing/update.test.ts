import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compareWithGoldens } from "./golden.js";
import { compileErrorFixture, errorFixtureNameProblem } from "./error-fixtures.js";
import { compileFixture } from "./compile-fixture.js";
import { findErrorCases, findGoodCases } from "./fixtures.js";
import { SUPPORT_MATRIX_FILE } from "./support-matrix.js";
import { updateAllGoldens } from "./update.js";

const good = `import { pipeline, step } from "@sluice/core";
const hello = step({ name: "hello", image: "alpine:3.20", command: ["echo", "hi"] });
export default pipeline({ name: "tiny" }, () => {
  hello({});
});
`;
const bad = good.replace("hello({});", "hello({ nope: 1 });");

/** A throw-away repository layout: one good fixture (IR only), one bad one, one orphaned golden. */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), "sluice-update-"));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write("fixtures/tiny/pipeline.ts", good);
  write("fixtures/tiny/fixture.json", JSON.stringify({ targets: ["ir"] }));
  write("fixtures/tiny/expected/stale.argo.yaml", "left over\n");
  write("fixtures/errors/SLU0000-wrong-name/pipeline.ts", bad);
  write("fixtures/errors/SLU0000-wrong-name/fixture.json", JSON.stringify({ targets: ["ir"] }));
  mkdirSync(join(root, "docs"));
  return root;
}

describe("updateAllGoldens", () => {
  it("writes every golden and the support matrix, deletes orphans, and then the goldens compare clean", () => {
    const root = project();
    const summary = updateAllGoldens(root);
    expect(summary.failures).toEqual([]);
    expect(summary.deleted).toEqual(["fixtures/tiny/expected/stale.argo.yaml"]);
    expect(summary.written).toEqual(["fixtures/tiny/expected/tiny.ir.yaml", "fixtures/errors/SLU0000-wrong-name/expected/diagnostics.txt", SUPPORT_MATRIX_FILE]);

    const [tiny] = findGoodCases(root);
    expect(compareWithGoldens(tiny!.expectedDir, compileFixture(tiny!, root).files)).toEqual([]);
    const diagnostics = readFileSync(join(root, "fixtures/errors/SLU0000-wrong-name/expected/diagnostics.txt"), "utf8");
    expect(diagnostics).toMatch(/^SLU1\d{3} fixtures\/errors\/SLU0000-wrong-name\/pipeline\.ts:4:\d+ /);
    expect(readFileSync(join(root, SUPPORT_MATRIX_FILE), "utf8")).toContain("| `fixtures/tiny` | ok |");

    // A second run has nothing to do: goldens are only rewritten when they differ.
    expect(updateAllGoldens(root)).toEqual({ written: [], deleted: [], failures: [] });
  });

  it("checks that a bad-input fixture is named after its first error's code", () => {
    const root = project();
    const [wrong] = findErrorCases(root);
    const problem = errorFixtureNameProblem(wrong!, compileErrorFixture(wrong!, root));
    expect(problem).toMatch(/the first error is SLU1\d{3}, so the folder name must start with "SLU1\d{3}-"/);
  });

  it("leaves the goldens of a good fixture that no longer compiles, and reports it", () => {
    const root = project();
    writeFileSync(join(root, "fixtures/tiny/pipeline.ts"), bad);
    const summary = updateAllGoldens(root);
    expect(summary.failures).toHaveLength(1);
    expect(summary.failures[0]).toMatch(/^fixtures\/tiny does not compile/);
    expect(existsSync(join(root, "fixtures/tiny/expected/stale.argo.yaml"))).toBe(true);
  });
});
