// @sluice/cli as a library: the same in-memory compile the command runs, for tests and tools.
export { main } from "./main.js";
export { compilePipeline, irFileName, type CompileRequest, type CompileOutcome } from "./compile-pipeline.js";
export { builtinBackends, readyBackends, selectTargets } from "./targets.js";
export { parseBackendOptions, backendFlags } from "./backend-options.js";
export { readGitInfo, stripCredentials, gitTopLevel } from "./git-info.js";
export { writeOutputFiles } from "./write-files.js";
export * from "./testing/index.js";
