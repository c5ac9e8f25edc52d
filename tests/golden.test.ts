// Every fixtures/<case>/pipeline.ts and examples/<case>/pipeline.ts, compiled in memory to the IR
// and every ready back end, must equal its committed expected/ byte for byte. Cases are found by
// their layout (packages/cli/src/testing/fixtures.ts): adding a folder adds a test.
import { fileURLToPath } from "node:url";
import { formatDiagnosticLines } from "@sluice/core/backend";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSupportMatrix, compareWithGoldens, compileFixture, describeGoldenProblems, findGoodCases, SUPPORT_MATRIX_FILE, UPDATE_COMMAND } from "../packages/cli/src/testing/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const cases = findGoodCases(root);

describe("golden files", () => {
  it("finds the fixtures and examples by their layout", () => {
    for (const fixture of cases) expect(fixture.name).toMatch(/^(fixtures|examples)\/[^/]+$/);
  });

  for (const fixture of cases) {
    it(`${fixture.name} compiles to exactly its expected/ files`, () => {
      const outcome = compileFixture(fixture, root);
      if (outcome.diagnostics.some((d) => d.severity === "error")) {
        throw new Error(`${fixture.name} does not compile:\n${formatDiagnosticLines(outcome.diagnostics)}(a good fixture must compile; bad inputs belong in fixtures/errors/)`);
      }
      const problems = compareWithGoldens(fixture.expectedDir, outcome.files);
      if (problems.length > 0) throw new Error(describeGoldenProblems(fixture.name, problems));
    });
  }

  it(`${SUPPORT_MATRIX_FILE} is current`, () => {
    const path = join(root, SUPPORT_MATRIX_FILE);
    const committed = existsSync(path) ? readFileSync(path, "utf8") : "";
    const problems = compareWithGoldens(join(root, "docs"), [{ path: "support-matrix.md", contents: buildSupportMatrix(root) }]).filter((p) => p.kind !== "orphan");
    if (problems.length > 0 || committed === "") throw new Error(`${describeGoldenProblems("docs", problems)}\n(and commit ${SUPPORT_MATRIX_FILE})`);
  });

  it(`names the update command in every failure (${UPDATE_COMMAND})`, () => {
    expect(describeGoldenProblems("fixtures/x", [{ kind: "missing", path: "x.ir.yaml" }])).toContain(UPDATE_COMMAND);
  });
});
