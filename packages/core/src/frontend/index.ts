// The front end: reads a pipeline file with ts-morph, without running it, and builds the IR.
// Kept out of the package's main entry (import "@sluice/core/frontend") so that back ends,
// which import "@sluice/core", never load ts-morph.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { GitInfo, Pipeline } from "../ir/pipeline.js";

export { typecheckPipelineFile, TYPECHECK_CODE, type TypecheckOptions } from "./typecheck.js";

export interface AnalyzeOptions {
  /** Which exported pipeline to compile; the default export when absent. */
  exportName?: string;
  /** Paths in the IR and in diagnostics are relative to this folder (default: process.cwd()). */
  projectRoot?: string;
  /** Recorded as metadata.git; absent means no git state is recorded (as golden tests do). */
  git?: GitInfo;
}

export interface AnalyzeResult {
  /** Present only when there are no error diagnostics. */
  ir?: Pipeline;
  diagnostics: Diagnostic[];
  /** Text of every source file read, by the path used in spans, for code frames. */
  sources: Map<string, string>;
}

/** Placeholder until the front end lands. */
export function analyzePipelineFile(file: string, _options: AnalyzeOptions = {}): AnalyzeResult {
  return { diagnostics: [{ code: "SLU9001", severity: "error", message: `front end not implemented yet (${file})` }], sources: new Map() };
}
