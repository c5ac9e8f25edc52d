// `sluice validate` refuses exactly what `sluice compile` refuses (issue 14, item 9): on every
// fixture, good and bad, both report the same diagnostics and exit with the same code.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { backendOptionArgs, findErrorCases, findGoodCases, runCli, type FixtureCase } from "../packages/cli/src/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const cases = [...findErrorCases(root), ...findGoodCases(root)].filter((c) => !c.config.targets);

function argsFor(c: FixtureCase): string[] {
  return [c.pipeline, "--no-git", "--format", "json", ...(c.config.export ? ["--export", c.config.export] : []), ...backendOptionArgs(c.config.options)];
}

describe("validate and compile --target all agree", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const out = mkdtempSync(join(tmpdir(), "sluice-agree-"));
    const compiled = await runCli(["compile", ...argsFor(c), "--out", out], { cwd: root });
    const validated = await runCli(["validate", ...argsFor(c)], { cwd: root });
    const diagnostics = (r: { stdout: string }) => (JSON.parse(r.stdout) as { diagnostics: unknown[] }).diagnostics;
    expect(validated.code).toBe(compiled.code);
    expect(diagnostics(validated)).toEqual(diagnostics(compiled));
    if (compiled.code !== 0) expect(readdirSync(out)).toEqual([]);
  });
});
