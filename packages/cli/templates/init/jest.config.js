// Tests run as native ES modules (node --experimental-vm-modules); swc strips the types.
export default {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } }, module: { type: "es6" } }] },
  setupFilesAfterEnv: ["@sluice/testing/setup"],
};
