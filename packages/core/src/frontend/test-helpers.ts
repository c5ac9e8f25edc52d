// Helpers for front-end tests: write a small pipeline project to a temporary folder and analyze it.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { analyzePipelineFile, type AnalyzeResult } from "./index.js";

/** Writes `files` (path -> text) under a fresh folder and analyzes `pipeline.ts` in it. */
export function analyzeSources(files: Record<string, string>, exportName?: string): AnalyzeResult {
  const root = mkdtempSync(join(tmpdir(), "sluice-fe-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return analyzePipelineFile(join(root, "pipeline.ts"), { projectRoot: root, ...(exportName ? { exportName } : {}) });
}

/** `code@line:column` of each diagnostic: what tests assert, never the message text. */
export function codesAt(result: AnalyzeResult): string[] {
  return result.diagnostics.map((d) => `${d.code}@${d.span?.line}:${d.span?.column}`);
}

export const HEADER = `import { pipeline, step, trainer, evaluator, param, artifact, secret, file } from "@sluice/core";\n`;
