// Every fixtures/<case>/pipeline.ts and examples/<case>/pipeline.ts, compiled in memory to the IR
// and every ready back end, must equal its committed expected/ byte for byte, and its IR must read
// back through the zod schema unchanged. Cases are found by
// their layout (packages/cli/src/testing/fixtures.ts): adding a folder adds a test.
import { fileURLToPath } from "node:url";
import { computeIrHash, formatDiagnosticLines, loadIr } from "@sluice/core/backend";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSupportMatrix, compareWithGoldens, compileFixture, describeGoldenProblems, findGoodCases, SUPPORT_MATRIX_FILE, UPDATE_COMMAND } from "../packages/cli/src/testing/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const cases = findGoodCases(root);

describe("golden files", () => {
  it("finds the fixtures and examples by their layout", () => {
    for (const fixture of cases) expect(fixture.name).toMatch(/^(fixtures|examples)\/[^/]+$/);
  });

  const outcomes = new Map<string, ReturnType<typeof compileFixture>>();
  const compiled = (fixture: (typeof cases)[number]) => {
    if (!outcomes.has(fixture.name)) outcomes.set(fixture.name, compileFixture(fixture, root));
    return outcomes.get(fixture.name)!;
  };

  for (const fixture of cases) {
    it(`${fixture.name} compiles to exactly its expected/ files`, () => {
      const outcome = compiled(fixture);
      if (outcome.diagnostics.some((d) => d.severity === "error")) {
        throw new Error(`${fixture.name} does not compile:\n${formatDiagnosticLines(outcome.diagnostics)}(a good fixture must compile; bad inputs belong in fixtures/errors/)`);
      }
      const problems = compareWithGoldens(fixture.expectedDir, outcome.files);
      if (problems.length > 0) throw new Error(describeGoldenProblems(fixture.name, problems));
    });

    it(`${fixture.name}: its IR YAML reads back through the schema to the same IR, with a matching hash`, () => {
      const outcome = compiled(fixture);
      const irFile = outcome.files.find((f) => f.path.endsWith(".ir.yaml"));
      if (!outcome.ir || !irFile) return; // no IR among this fixture's targets; the test above says why if it failed
      const loaded = loadIr(irFile.contents, irFile.path);
      expect(loaded.diagnostics).toEqual([]);
      expect(loaded.ir).toEqual(outcome.ir);
      expect(computeIrHash(loaded.ir!)).toBe(outcome.ir.metadata.hash);
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
