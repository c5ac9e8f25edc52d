// Written by the matcher test (packages/testing/src/matchers.test.ts), which fills in the path of @swc/jest.
export default {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  transform: { "^.+\\.ts$": ["SWC_JEST", { jsc: { target: "es2022", parser: { syntax: "typescript" } }, module: { type: "es6" } }] },
  setupFilesAfterEnv: ["@sluice/testing/setup"],
};
