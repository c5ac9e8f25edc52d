// Proves with the TypeScript compiler that the types of "@sluice/core" catch wiring mistakes in
// the editor (reject/*.ts: each error on the line its comment names, and no other) and accept
// every construct the language allows (accept/*.ts and the examples: no error at all).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { expectedErrors, repoRoot, typeErrors } from "./typecheck.js";

const here = join(repoRoot, "tests/types");
const tsFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => join(dir, f));
const examples = readdirSync(join(repoRoot, "examples"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join(repoRoot, "examples", d.name, "pipeline.ts"))
  .sort();

const rejected = tsFiles(join(here, "reject"));
const accepted = [...tsFiles(join(here, "accept")), ...examples];
const errors = typeErrors([...rejected, ...accepted]);
const relative = (f: string) => f.slice(repoRoot.length + 1);

describe("tsc rejects wiring mistakes, on the expected lines with the expected codes", () => {
  it.each(rejected.map(relative))("%s", (file) => {
    const path = join(repoRoot, file);
    const expected = expectedErrors(path);
    expect(expected.length).toBeGreaterThan(0);
    expect(errors.get(path)).toEqual(expected);
  });
});

describe("tsc accepts every construct of the language", () => {
  it("includes the DESIGN.md §1 example, all steps declared", () => {
    expect(examples.map(relative)).toContain("examples/churn/pipeline.ts");
  });

  it.each(accepted.map(relative))("%s", (file) => {
    expect(errors.get(join(repoRoot, file))).toEqual([]);
  });
});
