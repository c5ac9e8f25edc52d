// `sluice compile --typecheck`: TypeScript's own errors for a pipeline file (a wrong input name,
// a Model passed where a Dataset is wanted), reported in Sluice's diagnostic shape so that they
// print and serialize like every other error.
import { existsSync } from "node:fs";
import { isAbsolute, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { ts } from "ts-morph";
import { lineAndColumn } from "./lines.js";
import { loadTsMorph, tsApi } from "./typescript.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

/** The code of every TypeScript error; the message starts with TypeScript's own `TS<number>`. */
export const TYPECHECK_CODE = "SLU1000";

export interface TypecheckOptions {
  /** Spans are relative to this folder (default: process.cwd()). */
  projectRoot?: string;
}

/**
 * Type-checks the pipeline file and the local files it imports, with strict settings and
 * `@sluice/core` resolved to this very package, so that the file is checked against the DSL
 * this compiler understands even when the pipeline lives outside a project that installs it.
 * Problems inside libraries (node_modules, the DSL's own declarations) are not reported.
 */
export function typecheckPipelineFile(file: string, options: TypecheckOptions = {}): { diagnostics: Diagnostic[] } {
  return typecheckPipelineFiles([file], options);
}

/**
 * The options pipeline files are type-checked with, by `--typecheck` and by the repository's own
 * type tests (tests/types), so that both resolve modules as the front end does. Module resolution
 * is "Bundler": a relative import may be written `./steps`, `./steps.js` or `./steps.ts`, and
 * `./lib` finds `./lib/index.ts`, exactly the forms the front end reads (modules.ts). NodeNext
 * would refuse the forms without `.js` that the compiler accepts; `.js` works under both.
 */
export function pipelineCompilerOptions(dslEntryPath: string): ts.CompilerOptions {
  return {
    strict: true,
    noEmit: true,
    target: tsApi.ScriptTarget.ES2022,
    module: tsApi.ModuleKind.ESNext,
    moduleResolution: tsApi.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    lib: ["lib.es2023.d.ts"],
    types: [],
    skipLibCheck: true,
    paths: { "@sluice/core": [dslEntryPath] },
  };
}

/** Several pipeline files in one TypeScript program: much faster than one at a time. */
export function typecheckPipelineFiles(files: readonly string[], options: TypecheckOptions = {}): { diagnostics: Diagnostic[] } {
  const projectRoot = options.projectRoot ?? process.cwd();
  const project = new (loadTsMorph().Project)({ compilerOptions: pipelineCompilerOptions(dslEntry()), skipAddingFilesFromTsConfig: true });
  for (const file of files) project.addSourceFileAtPath(file);
  project.resolveSourceFileDependencies();
  const diagnostics: Diagnostic[] = [];
  for (const d of tsApi.getPreEmitDiagnostics(project.getProgram().compilerObject)) {
    const converted = convert(d, projectRoot);
    if (converted) diagnostics.push(converted);
  }
  return { diagnostics };
}

function convert(d: ts.Diagnostic, projectRoot: string): Diagnostic | undefined {
  if (d.category !== tsApi.DiagnosticCategory.Error && d.category !== tsApi.DiagnosticCategory.Warning) return undefined;
  if (d.file && !isUserFile(d.file.fileName)) return undefined;
  const text = tsApi.flattenDiagnosticMessageText(d.messageText, "\n");
  const message = `TS${d.code}: ${text}`;
  const severity = d.category === tsApi.DiagnosticCategory.Error ? "error" : "warning";
  if (!d.file || d.start === undefined) return { code: TYPECHECK_CODE, severity, message };
  // Lines as the front end and editors count them (LF, CRLF, CR; not U+2028), so both agree.
  const { line, column } = lineAndColumn(d.file.text, d.start);
  const file = toSpanPath(d.file.fileName, projectRoot);
  return { code: TYPECHECK_CODE, severity, message, span: { file, line, column, offset: d.start, length: d.length ?? 1 } };
}

/** A file the user wrote: not a library declaration, not the DSL itself. */
function isUserFile(fileName: string): boolean {
  const dsl = dslFolder();
  const isDsl = fileName.startsWith(`${dsl}/dsl/`) || fileName.startsWith(`${dsl}/index.`);
  return !isDsl && !fileName.includes("/node_modules/") && !/\/lib\.[^/]*\.d\.ts$/.test(fileName);
}

/** Relative to the project root with `/` separators, as every span in Sluice is. */
function toSpanPath(fileName: string, projectRoot: string): string {
  const rel = relative(projectRoot, fileName);
  return (isAbsolute(rel) ? fileName : rel).split(sep).join("/");
}

/** The DSL entry of this package: `dist/index.d.ts` when built, `src/index.ts` under tests. */
function dslEntry(): string {
  const folder = dslFolder();
  return existsSync(`${folder}/index.d.ts`) ? `${folder}/index.d.ts` : `${folder}/index.ts`;
}

function dslFolder(): string {
  return fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
}
