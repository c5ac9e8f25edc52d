import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatDiagnosticLines } from "@sluice/core/backend";
import { compileFixture } from "./compile-fixture.js";
import { compileErrorFixture } from "./error-fixtures.js";
import { findErrorCases, findGoodCases } from "./fixtures.js";
import { writeGoldens } from "./golden.js";
import { buildSupportMatrix, SUPPORT_MATRIX_FILE } from "./support-matrix.js";

export interface UpdateSummary {
  written: string[];
  deleted: string[];
  /** Fixtures whose goldens could not be written, with why (a good fixture that fails, ...). */
  failures: string[];
}

/**
 * Rewrites every golden file from the current compiler (`pnpm run golden:update`): good fixtures
 * get every target's output, bad ones their diagnostics; orphans are deleted. A good fixture that
 * no longer compiles keeps its old goldens and is listed as a failure. The support matrix
 * (docs/support-matrix.md) is regenerated too.
 */
export function updateAllGoldens(root: string): UpdateSummary {
  const summary: UpdateSummary = { written: [], deleted: [], failures: [] };
  const record = (name: string, result: { written: string[]; deleted: string[] }) => {
    summary.written.push(...result.written.map((p) => `${name}/expected/${p}`));
    summary.deleted.push(...result.deleted.map((p) => `${name}/expected/${p}`));
  };
  for (const fixture of findGoodCases(root)) {
    const outcome = compileFixture(fixture, root);
    if (outcome.diagnostics.some((d) => d.severity === "error")) {
      summary.failures.push(`${fixture.name} does not compile:\n${formatDiagnosticLines(outcome.diagnostics)}`);
      continue;
    }
    record(fixture.name, writeGoldens(fixture.expectedDir, outcome.files));
  }
  for (const fixture of findErrorCases(root)) {
    const result = compileErrorFixture(fixture, root);
    if (result.compiled) {
      summary.failures.push(`${fixture.name} compiles without errors, so it has no diagnostics to record`);
      continue;
    }
    record(fixture.name, writeGoldens(fixture.expectedDir, [result.golden]));
  }
  const matrix = join(root, SUPPORT_MATRIX_FILE);
  const contents = buildSupportMatrix(root);
  if (!existsSync(matrix) || readFileSync(matrix, "utf8") !== contents) {
    writeFileSync(matrix, contents, "utf8");
    summary.written.push(SUPPORT_MATRIX_FILE);
  }
  return summary;
}
