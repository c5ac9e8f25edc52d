// Types for the matchers on `expect(...)`: jest's global `expect` and `@jest/globals` both read
// the `expect` package's Matchers interface. Vitest users add the same three lines to their own
// `declare module "vitest" { interface Assertion<T> { ... } }` (see docs/testing.md).
import type { ExpectedDiagnostic } from "./matchers.js";
import type {} from "expect";

export interface SluiceMatchers<R> {
  /** The native output files match `__pipelines__/<test name>/` beside the test; `jest -u` rewrites them. */
  toMatchPipelineSnapshot(name?: string): R;
  /** No error diagnostics (warnings are allowed). */
  toHaveNoErrors(): R;
  /** Some diagnostic has this code (and line, column, file, severity, where given). */
  toReport(expected: ExpectedDiagnostic): R;
}

declare module "expect" {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends SluiceMatchers<R> {}
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R, T = {}> extends SluiceMatchers<R> {}
  }
}
