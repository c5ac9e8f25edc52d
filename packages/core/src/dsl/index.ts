export * from "./types.js";
export { param, artifact } from "./params.js";
export type { ArtifactOptions } from "./params.js";
export * from "./steps.js";
export * from "./pipeline.js";
export * from "./scale-out.js";
