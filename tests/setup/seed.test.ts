import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { FIXED_SEED, testSeed } from "./seed.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.name === "node_modules" || e.name === "dist" || e.name.startsWith(".") ? [] : e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith(".test.ts") ? [join(dir, e.name)] : [],
  );
}

describe("the central fast-check seed", () => {
  it("is applied to every test file by the jest setup", () => {
    expect(fc.readConfigureGlobal().seed).toBe(testSeed());
  });

  it("is the only seed: no property test passes its own (it would ignore SLUICE_FUZZ_SEED)", () => {
    const own = [...testFiles(join(root, "packages")), ...testFiles(join(root, "tests"))]
      .filter((f) => /from "fast-check"/.test(readFileSync(f, "utf8")) && /\bseed:\s*(\d|[A-Z_][A-Z0-9_]*\b|[\w.]+\()/.test(readFileSync(f, "utf8")))
      .map((f) => relative(root, f));
    expect(own).toEqual([]);
  });

  it("is fixed unless SLUICE_FUZZ_SEED names one", () => {
    expect(testSeed({})).toBe(FIXED_SEED);
    expect(testSeed({ SLUICE_FUZZ_SEED: "12345" })).toBe(12345);
    expect(() => testSeed({ SLUICE_FUZZ_SEED: "random" })).toThrow(/must be an integer/);
  });
});
