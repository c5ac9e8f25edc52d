// Tests run as native ES modules (node --experimental-vm-modules); swc strips the types.
export default {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } }, module: { type: "es6" } }] },
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  testMatch: ["<rootDir>/packages/*/src/**/*.test.ts", "<rootDir>/tests/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/dist/"],
  testTimeout: 120000,
  // One fixed fast-check seed for every property test (SLUICE_FUZZ_SEED overrides it); the IR
  // re-checked against its schemas in every test (check-ir.ts).
  setupFilesAfterEnv: ["<rootDir>/tests/setup/fast-check.ts", "<rootDir>/tests/setup/check-ir.ts"],
};
