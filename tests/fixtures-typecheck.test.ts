// DESIGN.md §1: "A pipeline file is ordinary TypeScript that type-checks with tsc". Every good
// fixture and example is checked with TypeScript itself (strict, as `sluice compile --typecheck`
// does), in one program, so the goldens never show output for a file a user's editor would reject.
import { fileURLToPath } from "node:url";
import { formatDiagnosticLines } from "@sluice/core/backend";
import { analyzePipelineFile } from "../packages/core/src/frontend/index.js";
import { typecheckPipelineFiles } from "../packages/core/src/frontend/typecheck.js";
import { findGoodCases } from "../packages/cli/src/testing/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * Fixtures known not to type-check, each with why and whose it is. The test fails when one of
 * them starts to type-check (remove it here) and when any other fixture stops.
 */
const KNOWN_TYPE_ERRORS: Record<string, string> = {
};

describe("fixtures type-check", () => {
  it("every good fixture and example is accepted by TypeScript, except the known ones listed here", () => {
    const cases = findGoodCases(root);
    const { diagnostics } = typecheckPipelineFiles(cases.map((c) => c.pipeline), { projectRoot: root });
    const failing = new Set(cases.filter((c) => diagnostics.some((d) => d.span?.file.startsWith(`${c.name}/`))).map((c) => c.name));
    const unexpected = diagnostics.filter((d) => ![...Object.keys(KNOWN_TYPE_ERRORS)].some((name) => d.span?.file.startsWith(`${name}/`)));
    if (unexpected.length > 0) throw new Error(`TypeScript rejects these fixtures:\n${formatDiagnosticLines(unexpected)}`);
    const fixed = Object.keys(KNOWN_TYPE_ERRORS).filter((name) => !failing.has(name));
    expect(fixed).toEqual([]); // now type-checks: remove it from KNOWN_TYPE_ERRORS
  });
});

/**
 * The other half of "one spelling, agreed both ways": every file TypeScript accepts above is also
 * compiled by the front end, so a construct cannot be typed one way and compiled another (as
 * `.map` returning an object of outputs once was).
 */
describe("fixtures compile", () => {
  it("every good fixture and example compiles to IR without errors", () => {
    const failing = findGoodCases(root)
      .map((c) => ({ name: c.name, errors: analyzePipelineFile(c.pipeline, { projectRoot: root, ...(c.config.export !== undefined ? { exportName: c.config.export } : {}) }).diagnostics.filter((d) => d.severity === "error") }))
      .filter((r) => r.errors.length > 0);
    if (failing.length > 0) throw new Error(`the front end refuses:\n${failing.map((f) => formatDiagnosticLines(f.errors)).join("")}`);
  });
});
