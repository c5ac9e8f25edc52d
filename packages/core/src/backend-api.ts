// @sluice/core/backend: what a back end needs. Only re-exports live here.
export * from "./ir/index.js";
export * from "./diagnostics/diagnostic.js";
export * from "./backend/backend.js";
export * from "./backend/registry.js";
export * from "./names/dns.js";
export * from "./names/display.js";
export * from "./serialize/yaml.js";
export * from "./serialize/comment.js";
export * from "./diagnostics/format.js";
export * from "./records/own-keys.js";
export * from "./backend/option-schemas.js";
export * from "./backend/gpu-node-selector.js";
export * from "./backend/kubernetes-expansion.js";
export * from "./backend/setting-span.js";
export * from "./backend/scale-out/index.js";
export * from "./backend/value-types.js";
export * from "./backend/param-args.js";
