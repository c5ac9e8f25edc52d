// What tsc accepts, the Sluice compiler compiles; where tsc flags a wiring mistake, the compiler
// flags the same line with its own code (the SLU code after `// error TSxxxx` in reject/*.ts).
// The compiler reports more than tsc in some places and less in others (it stops at the first bad
// step definition), so this checks that every line marked for it is flagged, not the whole list.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { analyzePipelineFile } from "../../packages/core/src/frontend/index.js";
import { expectedErrors, repoRoot } from "./typecheck.js";

const here = join(repoRoot, "tests/types");
const tsFiles = (dir: string) =>
  readdirSync(join(here, dir))
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => `tests/types/${dir}/${f}`);

function compilerErrors(file: string) {
  const { ir, diagnostics } = analyzePipelineFile(join(repoRoot, file), { projectRoot: repoRoot });
  const errors = diagnostics.filter((d) => d.severity === "error").map((d) => ({ line: d.span?.line ?? 0, code: d.code }));
  return { ir, errors };
}

describe("the compiler flags the lines tsc flags", () => {
  it.each(tsFiles("reject"))("%s", (file) => {
    const expected = expectedErrors(join(repoRoot, file), "sluice");
    expect(expected.length).toBeGreaterThan(0);
    const { ir, errors } = compilerErrors(file);
    expect(ir).toBeUndefined();
    expect(errors).toEqual(expect.arrayContaining(expected));
  });
});

describe("the compiler compiles what tsc accepts", () => {
  it.each(tsFiles("accept"))("%s", (file) => {
    const { ir, errors } = compilerErrors(file);
    expect(errors).toEqual([]);
    expect(ir).toBeDefined();
  });
});
