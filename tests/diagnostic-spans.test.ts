// Every diagnostic of every fixture and example (good and bad-input ones), compiled to the IR and
// every ready back end, points at its construct: a back-end diagnostic always has a span, no span
// lies past the end of its file, and none sits at 1:1 unless code really starts there (every
// fixture starts with a comment, so a 1:1 there is a fallback, not a location). Pipeline-level
// settings (defaults, schedule) are located through the IR's metadata.source.settings.
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "@sluice/core/backend";
import { compilePipeline } from "../packages/cli/src/compile-pipeline.js";
import { fixtureOptions } from "../packages/cli/src/testing/compile-fixture.js";
import { findErrorCases, findGoodCases } from "../packages/cli/src/testing/index.js";
import { readyBackends } from "../packages/cli/src/targets.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const cases = [...findGoodCases(root), ...findErrorCases(root)];

function problem(d: Diagnostic, sources: ReadonlyMap<string, string>): string | undefined {
  const backEnd = /^SLU[234]\d{3}$/.test(d.code);
  if (!d.span) return backEnd ? "a back-end diagnostic without a span" : undefined;
  const text = sources.get(d.span.file);
  if (text === undefined) return undefined; // a file the compiler did not read (a hand-named path): nothing to hold it against
  const lines = text.split(/\r\n|\r|\n|\u2028|\u2029/);
  if (d.span.line > lines.length) return `line ${d.span.line} is past the end of the file (${lines.length} lines)`;
  if (d.span.line === 1 && d.span.column === 1 && /^(\s|\/\/|\/\*|$)/.test(text)) return "points at 1:1, where the file has no code";
  return undefined;
}

describe("diagnostic spans", () => {
  it("finds good and bad-input fixtures", () => {
    expect(cases.length).toBeGreaterThan(40);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s: every diagnostic on every target points at its construct", (_name, fixture) => {
    const outcome = compilePipeline({
      file: fixture.pipeline,
      projectRoot: root,
      ...(fixture.config.export !== undefined ? { exportName: fixture.config.export } : {}),
      ir: true,
      backends: readyBackends.map((backend) => ({ backend, options: fixtureOptions(fixture, backend) })),
    });
    const bad = outcome.diagnostics.flatMap((d) => {
      const p = problem(d, outcome.sources);
      return p ? [`${d.code} ${d.span ? `${d.span.file}:${d.span.line}:${d.span.column}` : "(no span)"} ${d.message}: ${p}`] : [];
    });
    expect(bad).toEqual([]);
  });
});
