// @sluice/runner: the local engine and the run store. Reads only the IR (@sluice/core/backend).
export * from "./types.js";
export * from "./codes.js";
export * from "./run-pipeline.js";
export * from "./params.js";
export * from "./secrets.js";
export * from "./executor.js";
export * from "./metrics.js";
export * from "./store/run-store.js";
export * from "./store/cas.js";
export { schemaVersion } from "./store/db.js";
export * from "./store/queries.js";
export { artifactValue } from "./outputs.js";
export { checkScaleOutSteps } from "./scale-out.js";
