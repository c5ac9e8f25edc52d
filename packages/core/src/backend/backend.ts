import type { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Pipeline } from "../ir/pipeline.js";

/** A file a back end produced; `path` is relative to the output folder. */
export interface OutputFile {
  path: string;
  contents: string;
}

export interface BackendResult {
  files: OutputFile[];
  diagnostics: Diagnostic[];
}

/**
 * A compilation target. A plain object, so that a third-party package can provide one without
 * importing anything of Sluice at run time. Back ends never write files (the CLI owns the disk)
 * and read only the IR. Any error diagnostic means `files` must not be written.
 *
 * Options: every key of `options` can be set on the command line as
 * `--<backend name>-<key in kebab-case> VALUE` (e.g. `--argo-kind template`).
 */
export interface Backend<Options = Record<string, unknown>> {
  name: string;
  description: string;
  options: z.ZodType<Options>;
  compile(ir: Pipeline, options: Options): BackendResult;
}
