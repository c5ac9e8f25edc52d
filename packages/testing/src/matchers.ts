import { formatDiagnosticLines, type Diagnostic } from "@sluice/core/backend";
import { checkSnapshot, describeDrift, displayDir, snapshotDir, type UpdateMode } from "./snapshot-store.js";
import type { SynthResult } from "./synth.js";

/** The part of jest's (and vitest's) matcher context these matchers read. */
interface MatcherContext {
  isNot?: boolean;
  testPath?: string;
  currentTestName?: string;
  snapshotState?: { _updateSnapshot?: UpdateMode };
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** What `toReport` looks for; every field given must match one diagnostic. */
export interface ExpectedDiagnostic {
  code: string;
  line?: number;
  column?: number;
  /** The span's file, relative to the project root, with `/`. */
  file?: string;
  severity?: "error" | "warning";
}

const UPDATE_HINT = "If the new output is right, update the snapshot with the runner's update flag: jest -u (vitest -u).";

/** How many snapshots each test has taken so far, so a second call gets its own folder. */
const calls = new Map<string, number>();

function toMatchPipelineSnapshot(this: MatcherContext, received: SynthResult, name?: string): MatcherResult {
  if (this.isNot) throw new Error("toMatchPipelineSnapshot cannot be negated (.not): a snapshot either matches or is updated");
  if (!this.testPath) throw new Error("toMatchPipelineSnapshot needs the test runner's testPath (jest or vitest)");
  assertSynthResult(received, "toMatchPipelineSnapshot");
  const errors = received.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) return fail(`the pipeline did not compile, so there is nothing to snapshot:\n${formatDiagnosticLines(errors)}`);

  const testName = this.currentTestName ?? "snapshot";
  const key = `${this.testPath}\0${name ?? testName}`;
  const count = (calls.get(key) ?? 0) + 1;
  calls.set(key, count);
  const base = name ?? testName;
  const dir = snapshotDir(this.testPath, count === 1 ? base : `${base} ${count}`);
  const shown = displayDir(this.testPath, dir);
  const outcome = checkSnapshot(dir, shown, received.files, updateMode(this));
  switch (outcome.status) {
    case "matched":
    case "written":
      return { pass: true, message: () => `the pipeline matches its snapshot ${shown}/` };
    case "absent":
      return fail(`no snapshot ${shown}/ yet, and the runner does not write new snapshots (--ci). Run the tests once without --ci, or with -u, and commit ${shown}/.`);
    case "drifted":
      return fail(`the pipeline no longer matches its snapshot ${shown}/:\n\n${describeDrift(shown, outcome.problems)}\n\n${UPDATE_HINT}`);
  }
}

function toHaveNoErrors(this: MatcherContext, received: SynthResult): MatcherResult {
  assertSynthResult(received, "toHaveNoErrors");
  const errors = received.diagnostics.filter((d) => d.severity === "error");
  return {
    pass: errors.length === 0,
    message: () => (errors.length === 0 ? "expected compile errors, but there were none" : `expected no compile errors, got ${errors.length}:\n${formatDiagnosticLines(errors)}`),
  };
}

function toReport(this: MatcherContext, received: SynthResult, expected: ExpectedDiagnostic): MatcherResult {
  assertSynthResult(received, "toReport");
  const pass = received.diagnostics.some((d) => matches(d, expected));
  const wanted = describeExpected(expected);
  const got = received.diagnostics.length === 0 ? "no diagnostics at all" : `these diagnostics:\n${formatDiagnosticLines(received.diagnostics)}`;
  return { pass, message: () => (pass ? `expected no diagnostic ${wanted}, but it was reported` : `expected a diagnostic ${wanted}, got ${got}`) };
}

function matches(d: Diagnostic, e: ExpectedDiagnostic): boolean {
  return (
    d.code === e.code &&
    (e.severity === undefined || d.severity === e.severity) &&
    (e.line === undefined || d.span?.line === e.line) &&
    (e.column === undefined || d.span?.column === e.column) &&
    (e.file === undefined || d.span?.file === e.file)
  );
}

function describeExpected(e: ExpectedDiagnostic): string {
  const where = [e.file, e.line, e.column].filter((x) => x !== undefined).join(":");
  return [e.severity, e.code, where ? `at ${where}` : ""].filter(Boolean).join(" ");
}

/** jest -u gives "all", --ci gives "none", the default (not on CI) "new". */
function updateMode(ctx: MatcherContext): UpdateMode {
  return ctx.snapshotState?._updateSnapshot ?? "new";
}

function fail(text: string): MatcherResult {
  return { pass: false, message: () => text };
}

function assertSynthResult(value: unknown, matcher: string): asserts value is SynthResult {
  const ok = typeof value === "object" && value !== null && "files" in value && "diagnostics" in value;
  if (!ok) throw new Error(`${matcher} expects the result of synth() from @sluice/testing`);
}

/** The matchers, for `expect.extend(sluiceMatchers)` (jest, vitest). */
export const sluiceMatchers = { toMatchPipelineSnapshot, toHaveNoErrors, toReport };
