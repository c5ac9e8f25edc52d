// @sluice/core: the language pipeline files import. Only re-exports live here.
// Back ends import "@sluice/core/backend" (IR, diagnostics, names, YAML); the CLI also imports
// "@sluice/core/frontend" (ts-morph), which nothing downstream of the IR may import.
export * from "./dsl/index.js";
