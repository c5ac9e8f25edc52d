// Every fixtures/errors/<code>-<slug>/pipeline.ts must fail, with diagnostics whose one-line
// rendering (code, file:line:col, message) equals expected/diagnostics.txt, and its folder must
// be named after the first error's code. Also: every documented code has a bad-input fixture.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compareWithGoldens, compileErrorFixture, describeGoldenProblems, errorFixtureNameProblem, findErrorCases } from "../packages/cli/src/testing/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const cases = findErrorCases(root);

describe("bad-input fixtures", () => {
  it("finds them by their layout", () => {
    for (const fixture of cases) expect(fixture.name).toMatch(/^fixtures\/errors\/SLU\d{4}/);
  });

  for (const fixture of cases) {
    it(`${fixture.name} fails with exactly its expected diagnostics`, () => {
      const result = compileErrorFixture(fixture, root);
      const nameProblem = errorFixtureNameProblem(fixture, result);
      if (nameProblem) throw new Error(nameProblem);
      const problems = compareWithGoldens(fixture.expectedDir, [result.golden]);
      if (problems.length > 0) throw new Error(describeGoldenProblems(fixture.name, problems));
    });
  }
});

/**
 * The catalogue: docs/diagnostics/*.md, one file per area, list each code as a heading
 * (`## SLU1203 ...`) or as the first cell of a table row (`| SLU1203 | ...`). A code that cannot
 * be reached from a pipeline file says so in its entry with the words "no fixture" and why.
 * SLU0xxx (reading IR) and SLU9xxx (command line) are proven by unit and CLI tests instead.
 */
function documentedCodes(): Map<string, string> {
  const dir = join(root, "docs/diagnostics");
  const entries = new Map<string, string>();
  if (!existsSync(dir)) return entries;
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".md")).sort()) {
    for (const line of readFileSync(join(dir, name), "utf8").split("\n")) {
      const m = /^(?:#{2,4}\s+`?|\|\s*`?)(SLU\d{4})\b/.exec(line);
      if (m) entries.set(m[1]!, line);
    }
  }
  return entries;
}

const fixtureCodes = new Set(cases.map((c) => /SLU\d{4}/.exec(c.name)?.[0]).filter((c): c is string => c !== undefined));
const provenElsewhere = (code: string) => code.startsWith("SLU0") || code.startsWith("SLU9");

describe("diagnostics catalogue", () => {
  const documented = documentedCodes();

  it("has a bad-input fixture for every documented code (or says why there is none)", () => {
    const missing = [...documented].filter(([code, line]) => !provenElsewhere(code) && !fixtureCodes.has(code) && !/no fixture/i.test(line)).map(([code]) => code);
    expect(missing).toEqual([]);
  });

  it("is indexed: docs/diagnostics.md links every catalogue in docs/diagnostics/", () => {
    const index = readFileSync(join(root, "docs/diagnostics.md"), "utf8");
    const dir = join(root, "docs/diagnostics");
    const catalogues = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".md")) : [];
    expect(catalogues.filter((name) => !index.includes(`(diagnostics/${name})`))).toEqual([]);
  });

  it("documents every code a bad-input fixture proves", () => {
    if (documented.size === 0) return; // no catalogue written yet: nothing to hold fixtures against
    expect([...fixtureCodes].filter((code) => !documented.has(code))).toEqual([]);
  });
});
