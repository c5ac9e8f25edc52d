// Jest setup (setupFilesAfterEnv): every fc.assert / fc.property / fc.sample in the test files uses
// the central seed unless a test passes its own, which none should (see tests/setup/seed.ts).
// fast-check prints the seed and the shrunk counterexample of a failing fc.assert itself.
import fc from "fast-check";
import { testSeed } from "./seed.js";

const seed = testSeed();
fc.configureGlobal({ seed });
if (process.env.SLUICE_FUZZ_SEED) process.stderr.write(`fast-check seed ${seed} (SLUICE_FUZZ_SEED=${process.env.SLUICE_FUZZ_SEED})\n`);
