import { accessSync, constants, existsSync, realpathSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Backend } from "@sluice/core/backend";
import { typecheckPipelineFile } from "@sluice/core/frontend";
import { backendFlags, parseBackendOptions } from "./backend-options.js";
import type { CompileRequest } from "./compile-pipeline.js";
import { gitTopLevel, readGitInfo } from "./git-info.js";
import type { CliIo } from "./io.js";
import type { OutputFormat } from "./report.js";
import { selectTargets } from "./targets.js";
import { CLI_CODES, UsageError } from "./usage-error.js";
import { describeIoError } from "./io-error.js";

/** The options `compile` and `validate` share, as commander parsed them. */
export interface PipelineCommandOptions {
  target: string;
  export?: string;
  format: string;
  typecheck?: boolean;
  git: boolean;
  /** `--<backend>-<key>` values, by commander's attribute name. */
  [flag: string]: unknown;
}

/**
 * Turns a command line into a CompileRequest, or throws a UsageError (exit 2) for anything wrong
 * with the command line itself: missing file, unknown target, bad back-end option value.
 */
export async function buildCompileRequest(io: CliIo, fileArg: string, opts: PipelineCommandOptions): Promise<CompileRequest> {
  const given = resolve(io.cwd, fileArg);
  checkReadableFile(given, fileArg);
  // git reports its top level with symbolic links resolved; so must the file, or paths relative
  // to the project root would climb out through `..`.
  const file = realpathSync(given);
  const targets = await selectTargets(opts.target);
  const backends = targets.backends.map((backend) => ({ backend, options: backendOptionsFrom(backend, opts) }));
  const fileDir = dirname(file);
  // Spans and metadata.source are relative to the repository, so they read the same anywhere.
  const projectRoot = gitTopLevel(fileDir) ?? io.cwd;
  const git = opts.git ? readGitInfo(fileDir) : undefined;
  const preDiagnostics = opts.typecheck ? typecheckPipelineFile(file, { projectRoot }).diagnostics : [];
  return {
    file,
    projectRoot,
    ...(opts.export !== undefined ? { exportName: opts.export } : {}),
    ...(git ? { git } : {}),
    ir: targets.ir,
    backends,
    preDiagnostics,
  };
}

/** The pipeline file exists, is a file and can be read; else a usage error naming the cause. */
function checkReadableFile(path: string, shown: string): void {
  if (!existsSync(path)) throw new UsageError(CLI_CODES.fileNotFound, `cannot find the pipeline file "${shown}"`);
  try {
    if (!statSync(path).isFile()) throw new UsageError(CLI_CODES.fileNotFound, `the pipeline file "${shown}" is not a file`);
    accessSync(path, constants.R_OK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(CLI_CODES.fileNotFound, `cannot read the pipeline file "${shown}": ${describeIoError(error)}`);
  }
}

export function parseFormat(value: string): OutputFormat {
  if (value === "text" || value === "json") return value;
  throw new UsageError(CLI_CODES.badFormat, `unknown --format "${value}"`, "formats are text and json");
}

/** Collects this back end's `--<backend>-<key>` values and validates them with its schema. */
function backendOptionsFrom(backend: Backend<any>, opts: PipelineCommandOptions): unknown {
  const raw: Record<string, unknown> = {};
  for (const flag of backendFlags(backend)) {
    const value = opts[attributeName(flag.flag)];
    if (value !== undefined) raw[flag.key] = value;
  }
  const parsed = parseBackendOptions(backend, raw);
  if (!parsed.ok) throw new UsageError(CLI_CODES.badBackendOption, parsed.message, `see sluice compile --help for the ${backend.name} options`);
  return parsed.options;
}

/** The property commander stores `--argo-artifact-repo` under: `argoArtifactRepo`. */
export function attributeName(flag: string): string {
  return flag.replace(/^--/, "").replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}
