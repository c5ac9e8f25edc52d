// @sluice/testing: test your own pipelines. `synth` compiles in memory; the matchers snapshot the
// native files beside the test and check diagnostics. See docs/testing.md.
export { synth, type SynthOptions, type SynthResult } from "./synth.js";
export { sluiceMatchers, type ExpectedDiagnostic } from "./matchers.js";
export { SNAPSHOT_FOLDER, folderName } from "./snapshot-store.js";
export type { SluiceMatchers } from "./matcher-types.js";
import "./matcher-types.js";
