// The front end: reads a pipeline file with ts-morph's bundled TypeScript parser, without running
// it and without a type checker, and builds the IR. Kept out of the package's main entry (import
// "@sluice/core/frontend") so that back ends, which import "@sluice/core", never load ts-morph.
import { resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { computeIrHash } from "../ir/hash.js";
import { IR_API_VERSION, type GitInfo, Pipeline } from "../ir/pipeline.js";
import { FrontendContext } from "./context.js";
import { calledOnly } from "./fold-conditions.js";
import { Evaluator } from "./evaluate.js";
import { Modules } from "./modules.js";
import { PipelineBuilder, readDefaults, readSchedule, settingSpans } from "./pipeline-builder.js";
import { PipelineValue, withFreshOrigins } from "./values.js";

export { MESSAGES } from "./messages.js";

// `--typecheck` (owned by the CLI engineer): TypeScript's own errors in Sluice's diagnostic shape.
export { typecheckPipelineFile, TYPECHECK_CODE, type TypecheckOptions } from "./typecheck.js";

export interface AnalyzeOptions {
  /** Which exported pipeline to compile; the default export when absent. */
  exportName?: string;
  /** Paths in the IR and in diagnostics are relative to this folder (default: process.cwd()). */
  projectRoot?: string;
  /** Recorded as metadata.git; absent means no git state is recorded (as golden tests do). */
  git?: GitInfo;
  /**
   * Re-check the finished IR against the zod schemas (SLU0001 when the front end built IR its own
   * schema rejects). Off by default: the IR is built by this code, in the schemas' key order, and
   * the check cost about an eighth of a compile. On when `SLUICE_CHECK_IR=1` (the test suite sets
   * it, so every test and fuzz case is still checked); `tests/ir-unchecked.test.ts` holds every
   * fixture's unchecked IR identical, key order included, to the checked one.
   */
  checkIr?: boolean;
}

/** Whether the environment asks for the IR check (`SLUICE_CHECK_IR=1`). */
export function checkIrFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env.SLUICE_CHECK_IR === "1";
}

export interface AnalyzeResult {
  /** Present only when there are no error diagnostics. */
  ir?: Pipeline;
  diagnostics: Diagnostic[];
  /** Text of every source file read, by the path used in spans, for code frames. */
  sources: Map<string, string>;
}

export function analyzePipelineFile(file: string, options: AnalyzeOptions = {}): AnalyzeResult {
  const ctx = new FrontendContext(resolve(options.projectRoot ?? process.cwd()));
  const previous = FrontendContext.current;
  FrontendContext.current = ctx;
  let ir: Pipeline | undefined;
  try {
    ir = withFreshOrigins(() => ctx.attempt(() => analyze(ctx, resolve(file), options)));
  } finally {
    FrontendContext.current = previous;
  }
  const diagnostics = sortDiagnostics(ctx.diagnostics);
  return { ...(ir && !hasErrors(diagnostics) ? { ir } : {}), diagnostics, sources: ctx.sources };
}

function analyze(ctx: FrontendContext, abs: string, options: AnalyzeOptions): Pipeline | undefined {
  const modules = new Modules(ctx);
  const module = modules.load(abs);
  if (!module) return ctx.fail("moduleNotFound", undefined, ctx.relative(abs));
  const ev = new Evaluator(ctx, modules);
  const exportName = options.exportName ?? "default";
  const value = ev.exported(module, exportName, module.file.sourceFile);
  if (!(value instanceof PipelineValue)) return ctx.fail("notAPipeline", module.file.sourceFile, exportName);
  const defaults = readDefaults(ctx, value);
  const schedule = readSchedule(ctx, value);
  const settings = settingSpans(ctx, value);
  const builder = new PipelineBuilder(ctx, ev, defaults.image);
  const top = builder.readTop(value);
  // Any name is accepted: each back end makes its own valid names from it (docs/language.md,
  // "Names"). Only a name with nothing in it is refused, since every target would name the
  // pipeline by a bare hash.
  if (top.name.trim() === "") ctx.report("emptyPipelineName", value.node);
  if (hasErrors(ctx.diagnostics)) return undefined;
  const called = calledOnly(top.root, builder.components, builder.subPipelines);
  const draft = {
    apiVersion: IR_API_VERSION as typeof IR_API_VERSION,
    kind: "Pipeline" as const,
    metadata: {
      name: top.name,
      ...(top.displayName !== undefined ? { displayName: top.displayName } : {}),
      ...(top.description !== undefined ? { description: top.description } : {}),
      source: { file: module.file.rel, export: exportName, span: ctx.spanText(value.node), ...(Object.keys(settings).length ? { settings } : {}) },
      hash: "",
      ...(options.git ? { git: options.git } : {}),
    },
    spec: {
      params: top.params,
      outputs: top.outputs,
      defaults,
      ...(schedule ? { schedule } : {}),
      components: called.components,
      subPipelines: called.subPipelines,
      root: top.root,
    },
  };
  draft.metadata.hash = computeIrHash(draft);
  if (!(options.checkIr ?? checkIrFromEnv())) return draft as Pipeline;
  const checked = Pipeline.safeParse(draft);
  if (!checked.success) {
    // The front end should never build IR its own schema rejects: report it as an internal error.
    for (const issue of checked.error.issues)
      ctx.diagnostics.push({ code: "SLU0001", severity: "error", message: `internal error: the front end built invalid IR at ${issue.path.join(".")}: ${issue.message}` });
    return undefined;
  }
  return checked.data;
}

/** Diagnostics in source order, so output does not depend on the order checks ran in. */
function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => [d.span?.file ?? "", d.span?.offset ?? -1] as const;
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const [fa, oa] = key(a.d);
      const [fb, ob] = key(b.d);
      return fa < fb ? -1 : fa > fb ? 1 : oa !== ob ? oa - ob : a.i - b.i;
    })
    .map((x) => x.d);
}
