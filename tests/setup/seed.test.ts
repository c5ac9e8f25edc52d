import fc from "fast-check";
import { FIXED_SEED, testSeed } from "./seed.js";

describe("the central fast-check seed", () => {
  it("is applied to every test file by the jest setup", () => {
    expect(fc.readConfigureGlobal().seed).toBe(testSeed());
  });

  it("is fixed unless SLUICE_FUZZ_SEED names one", () => {
    expect(testSeed({})).toBe(FIXED_SEED);
    expect(testSeed({ SLUICE_FUZZ_SEED: "12345" })).toBe(12345);
    expect(() => testSeed({ SLUICE_FUZZ_SEED: "random" })).toThrow(/must be an integer/);
  });
});
