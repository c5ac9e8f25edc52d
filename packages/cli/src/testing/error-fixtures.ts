import { formatDiagnosticLines, type OutputFile } from "@sluice/core/backend";
import { compileFixture } from "./compile-fixture.js";
import type { FixtureCase } from "./fixtures.js";

/** The one golden file of a bad-input fixture. */
export const DIAGNOSTICS_FILE = "diagnostics.txt";

export interface ErrorFixtureResult {
  /** `expected/diagnostics.txt` as it should read: one `CODE file:line:col message` per line. */
  golden: OutputFile;
  /** The first error's code, which the fixture's folder name must start with. */
  firstErrorCode?: string;
  /** True when the pipeline compiled without any error: the fixture is not a bad input. */
  compiled: boolean;
}

export function compileErrorFixture(fixture: FixtureCase, root: string): ErrorFixtureResult {
  const outcome = compileFixture(fixture, root);
  const firstError = outcome.diagnostics.find((d) => d.severity === "error");
  return {
    golden: { path: DIAGNOSTICS_FILE, contents: formatDiagnosticLines(outcome.diagnostics) },
    ...(firstError ? { firstErrorCode: firstError.code } : {}),
    compiled: !firstError,
  };
}

/** `fixtures/errors/SLU1203-unknown-input` is named after the code it proves. */
export function errorFixtureNameProblem(fixture: FixtureCase, result: ErrorFixtureResult): string | undefined {
  const folder = fixture.name.split("/").pop() ?? "";
  if (result.compiled) return `${fixture.name}: compiled without errors, but a bad-input fixture must fail`;
  if (!folder.startsWith(`${result.firstErrorCode}-`) && folder !== result.firstErrorCode) {
    return `${fixture.name}: the first error is ${result.firstErrorCode}, so the folder name must start with "${result.firstErrorCode}-"`;
  }
  return undefined;
}
