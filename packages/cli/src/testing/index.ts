// The golden-file harness, public so that users can test their own pipelines the same way.
export { findGoodCases, findErrorCases, type FixtureCase, type FixtureConfig } from "./fixtures.js";
export { compileFixture, compileWithConfig } from "./compile-fixture.js";
export { compileErrorFixture, errorFixtureNameProblem, DIAGNOSTICS_FILE, type ErrorFixtureResult } from "./error-fixtures.js";
export { compareWithGoldens, describeGoldenProblems, writeGoldens, listFiles, UPDATE_COMMAND, type GoldenProblem, type DiffLabels } from "./golden.js";
export { updateAllGoldens, type UpdateSummary } from "./update.js";
export { buildSupportMatrix, SUPPORT_MATRIX_FILE } from "./support-matrix.js";
export { runCli, backendOptionArgs, type CliRun } from "./run-cli.js";
