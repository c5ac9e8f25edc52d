// `sluice compile` hands the front end's IR to the back ends without zod's re-parse
// (AnalyzeOptions.checkIr). That is safe only if the IR as built is the IR zod would return: the
// same values, the same keys in the same order (the YAML is written in key order), plain objects.
// This holds it for every good fixture and example; every other test, the fuzz suite included,
// runs with the check on (tests/setup/check-ir.ts).
import { fileURLToPath } from "node:url";
import { Pipeline } from "@sluice/core/backend";
import { analyzePipelineFile } from "@sluice/core/frontend";
import { findGoodCases } from "../packages/cli/src/testing/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The first place where `a` and `b` differ in value, key order or object kind; undefined when identical. */
function firstDifference(a: unknown, b: unknown, path = "ir"): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return `${path}: ${String(a)} vs ${String(b)}`;
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: different kinds of object`;
  const keysA = Reflect.ownKeys(a).map(String);
  const keysB = Reflect.ownKeys(b).map(String);
  if (keysA.join("\n") !== keysB.join("\n")) return `${path}: keys [${keysA.join(", ")}] vs [${keysB.join(", ")}]`;
  for (const key of keysA) {
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

describe("the IR without zod's re-parse", () => {
  for (const fixture of findGoodCases(root)) {
    it(`${fixture.name}: is the IR zod returns, key order included`, () => {
      const options = { projectRoot: root, ...(fixture.config.export !== undefined ? { exportName: fixture.config.export } : {}) };
      const unchecked = analyzePipelineFile(fixture.pipeline, { ...options, checkIr: false });
      const checked = analyzePipelineFile(fixture.pipeline, { ...options, checkIr: true });
      expect(unchecked.diagnostics).toEqual(checked.diagnostics);
      expect(unchecked.ir).toBeDefined();
      const parsed = Pipeline.safeParse(unchecked.ir);
      expect(parsed.success).toBe(true);
      expect(firstDifference(unchecked.ir, parsed.data)).toBeUndefined();
      expect(firstDifference(unchecked.ir, checked.ir)).toBeUndefined();
    });
  }
});
