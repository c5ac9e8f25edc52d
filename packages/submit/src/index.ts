// @sluice/submit: one client per orchestrator behind one interface. Only re-exports live here;
// each target's client is its own entry (`@sluice/submit/argo`) so the CLI loads only the one used,
// and so is the --param check (`@sluice/submit/params`), which loads the IR.
export * from "./client.js";
export * from "./errors.js";
export * from "./run-ref.js";
