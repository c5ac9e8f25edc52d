// Every test (and every CLI process a test starts, which inherits the environment) re-checks the
// front end's IR against the zod schemas, which `sluice compile` skips for speed (AnalyzeOptions.checkIr).
process.env.SLUICE_CHECK_IR = "1";
