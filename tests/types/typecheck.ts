// Type-checks pipeline files with the TypeScript compiler, as a user's editor would, and reads
// the errors each file expects from its own comments. "@sluice/core" resolves to the sources in
// packages/core/src, so these tests need no build first.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { pipelineCompilerOptions } from "../../packages/core/src/frontend/typecheck.js";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** One error: the 1-based line it is reported on and its code, e.g. `TS2322` or `SLU1203`. */
export interface TypeError {
  line: number;
  code: string;
}

/** The options `sluice compile --typecheck` uses (one definition, so both resolve modules alike). */
const compilerOptions: ts.CompilerOptions = pipelineCompilerOptions(join(repoRoot, "packages/core/src/index.ts")) as ts.CompilerOptions;

/** Checks all files in one program (one pass over the libraries) and returns errors by file. */
export function typeErrors(files: readonly string[]): Map<string, TypeError[]> {
  const program = ts.createProgram(files, compilerOptions);
  const byFile = new Map<string, TypeError[]>(files.map((f) => [f, []]));
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`not loaded: ${file}`);
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    for (const d of diagnostics) {
      const line = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line + 1;
      byFile.get(file)!.push({ line, code: `TS${d.code}` });
    }
  }
  // Errors outside the checked files (e.g. in the DSL itself) would hide behind the ones above.
  const global = program.getGlobalDiagnostics().map((d) => `TS${d.code}`);
  if (global.length > 0) throw new Error(`global type errors: ${global.join(", ")}`);
  for (const list of byFile.values()) list.sort(byLineThenCode);
  return byFile;
}

export function byLineThenCode(a: TypeError, b: TypeError): number {
  return a.line - b.line || a.code.localeCompare(b.code);
}

/**
 * The errors a file declares in a trailing comment on the line that should be flagged:
 * `// error TS2322` for tsc, optionally followed by the code the Sluice compiler reports there,
 * `// error TS2322 SLU1203`.
 */
export function expectedErrors(file: string, tool: "tsc" | "sluice" = "tsc"): TypeError[] {
  const expected: TypeError[] = [];
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((text, index) => {
      const match = /\/\/ error (TS\d+)(?: (SLU\d+))?\s*$/.exec(text);
      const code = tool === "tsc" ? match?.[1] : match?.[2];
      if (code) expected.push({ line: index + 1, code });
    });
  return expected.sort(byLineThenCode);
}
