import { posix } from "node:path";
import { dns1123Label, hasErrors, serializeIr, type Backend, type Diagnostic, type GitInfo, type OutputFile, type Pipeline } from "@sluice/core/backend";
import { analyzePipelineFile, type AnalyzeResult } from "@sluice/core/frontend";
import { CLI_CODES } from "./usage-error.js";

/**
 * One compilation, entirely in memory: front end, then each back end. Nothing here touches the
 * disk except reading sources, so the CLI can refuse to write anything when any stage failed,
 * and the golden tests can compare the very bytes the CLI would write.
 */
export interface CompileRequest {
  /** Absolute path of the pipeline file. */
  file: string;
  projectRoot: string;
  exportName?: string;
  git?: GitInfo;
  /** Also produce `<name>.ir.yaml`. */
  ir: boolean;
  /** Each back end with its options, already validated by its schema. */
  backends: { backend: Backend<any>; options: unknown }[];
  /** Extra diagnostics computed before (for example `--typecheck`), reported first. */
  preDiagnostics?: Diagnostic[];
  /** The front end; replaceable so that tests can feed a known IR. */
  analyze?: (file: string, options: { exportName?: string; projectRoot: string; git?: GitInfo }) => AnalyzeResult;
}

export interface CompileOutcome {
  ir?: Pipeline;
  /** Only filled when there are no error diagnostics at all. */
  files: OutputFile[];
  diagnostics: Diagnostic[];
  sources: ReadonlyMap<string, string>;
}

export function compilePipeline(request: CompileRequest): CompileOutcome {
  const analyze = request.analyze ?? analyzePipelineFile;
  const analyzed = analyze(request.file, {
    projectRoot: request.projectRoot,
    ...(request.exportName !== undefined ? { exportName: request.exportName } : {}),
    ...(request.git ? { git: request.git } : {}),
  });
  const diagnostics = [...(request.preDiagnostics ?? []), ...analyzed.diagnostics];
  const ir = analyzed.ir;
  if (!ir || hasErrors(diagnostics)) return { ...(ir ? { ir } : {}), files: [], diagnostics, sources: analyzed.sources };

  const files: OutputFile[] = [];
  if (request.ir) files.push({ path: irFileName(ir), contents: serializeIr(ir) });
  for (const { backend, options } of request.backends) {
    const result = backend.compile(ir, options);
    diagnostics.push(...result.diagnostics);
    files.push(...result.files);
  }
  diagnostics.push(...checkOutputPaths(files));
  return { ir, files: hasErrors(diagnostics) ? [] : files, diagnostics, sources: analyzed.sources };
}

/** The pipeline name as a DNS-1123 label (the same stem as the Argo file), so any name is a safe file name. */
export function irFileName(ir: Pipeline): string {
  return `${dns1123Label(ir.metadata.name)}.ir.yaml`;
}

/**
 * A back end names its files relative to the output folder. A path that escapes that folder, or
 * two targets writing the same path, would silently overwrite something: refuse both.
 */
function checkOutputPaths(files: readonly OutputFile[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const { path } of files) {
    const normal = posix.normalize(path);
    if (path.length === 0 || posix.isAbsolute(path) || path.includes("\\") || normal.startsWith("../") || normal === ".." || normal !== path) {
      diagnostics.push({ code: CLI_CODES.badOutputPath, severity: "error", message: `a back end produced the output path "${path}", which is not a plain path inside the output folder` });
    } else if (seen.has(path)) {
      diagnostics.push({ code: CLI_CODES.badOutputPath, severity: "error", message: `two targets produced the same output file "${path}"`, hint: "compile these targets into separate --out folders" });
    }
    seen.add(path);
  }
  return diagnostics;
}
