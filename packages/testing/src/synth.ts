import { realpathSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compileWithConfig, gitTopLevel } from "@sluice/cli";
import type { Diagnostic, Pipeline } from "@sluice/core/backend";

export interface SynthOptions {
  /** `ir` and back-end names (`argo`, `kubeflow`, `airflow`), or `all` (the default: the IR and every built-in back end). */
  targets?: string[];
  /** The exported pipeline to compile (default: the default export), as `sluice compile --export`. */
  export?: string;
  /** Options per back end, as its schema takes them: `{ argo: { kind: "template" } }`. */
  backendOptions?: Record<string, Record<string, unknown>>;
  /**
   * Paths in the IR and in diagnostics are relative to this folder. Default: the git top level
   * of the pipeline's folder, else the working folder, as `sluice compile` does; so a snapshot
   * reads the same in every checkout.
   */
  projectRoot?: string;
}

export interface SynthResult {
  /** The IR, absent when the front end failed. */
  ir?: Pipeline;
  /** Every output file by its path, with the exact text `sluice compile` would write; empty when anything failed. */
  files: Record<string, string>;
  diagnostics: Diagnostic[];
}

/**
 * Compiles a pipeline file in memory, exactly as `sluice compile --no-git` would, and writes
 * nothing. No git state is recorded, so the result does not change with every commit and can be
 * snapshotted. A wrong option (unknown target, a value the back end refuses) throws: that is a
 * mistake in the test, not in the pipeline. Mistakes in the pipeline are `diagnostics`.
 */
export function synth(file: string | URL, options: SynthOptions = {}): SynthResult {
  const path = realpathSync(resolve(typeof file === "string" ? file : fileURLToPath(file)));
  const root = options.projectRoot !== undefined ? realpathSync(resolve(options.projectRoot)) : (gitTopLevel(dirname(path)) ?? process.cwd());
  const targets = options.targets === undefined || options.targets.includes("all") ? undefined : options.targets;
  const outcome = compileWithConfig(
    path,
    root,
    {
      ...(options.export !== undefined ? { export: options.export } : {}),
      ...(options.backendOptions ? { options: options.backendOptions } : {}),
      ...(targets ? { targets } : {}),
    },
    "synth()",
  );
  const files: Record<string, string> = {};
  for (const f of outcome.files) files[f.path] = f.contents;
  return { ...(outcome.ir ? { ir: outcome.ir } : {}), files, diagnostics: outcome.diagnostics };
}
