import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, extname, resolve } from "node:path";
import type { Command } from "commander";
import { EXIT_COMPILE_ERRORS, EXIT_OK, EXIT_USAGE } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { displayPath, printReport } from "../report.js";
import { UsageError } from "../usage-error.js";
import { WORKFLOW_CODES } from "./workflow-codes.js";

const FORMATS = ["mermaid", "dot", "svg", "png"] as const;
type Format = (typeof FORMATS)[number];
const BY_EXTENSION: Record<string, Format> = { ".mmd": "mermaid", ".mermaid": "mermaid", ".dot": "dot", ".gv": "dot", ".svg": "svg", ".png": "png" };

interface GraphOptions {
  format?: string;
  out?: string;
  export?: string;
}

/**
 * `sluice graph FILE`: the task DAG with its groups as clusters, from the IR (`@sluice/graph`).
 * Text formats go to stdout without `--out`; the format defaults to the extension of `--out`,
 * else Mermaid.
 */
export function registerGraphCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  return program
    .command("graph")
    .description("draw the pipeline's task graph: groups as clusters, data and `after` edges told apart, step kinds shown")
    .argument("<file>", "the pipeline file (TypeScript)")
    .option("--format <format>", `${FORMATS.join(", ")} (default: from the --out extension, else mermaid)`)
    .option("-o, --out <path>", "the file to write (default: stdout, for mermaid, dot and svg)")
    .option("-e, --export <name>", "the exported pipeline to draw (default: the default export)")
    .action(async (file: string, opts: GraphOptions) => setExitCode(await runGraph(io, file, opts)));
}

async function runGraph(io: CliIo, fileArg: string, opts: GraphOptions): Promise<number> {
  try {
    const format = pickFormat(opts);
    if (format === "png" && !opts.out) throw new UsageError(WORKFLOW_CODES.binaryToStdout, "--format png needs --out FILE (a PNG is not written to the terminal)");
    // Loaded on use: the front end pulls in the TypeScript compiler, which --help does not need.
    const [{ buildCompileRequest }, { compilePipeline }, { renderGraph }] = await Promise.all([import("../compile-request.js"), import("../compile-pipeline.js"), import("@sluice/graph")]);
    const request = await buildCompileRequest(io, fileArg, { target: "ir", format: "text", git: false, ...(opts.export !== undefined ? { export: opts.export } : {}) });
    const outcome = compilePipeline({ ...request, ir: false, backends: [] });
    if (!outcome.ir || outcome.diagnostics.some((d) => d.severity === "error")) {
      printReport(io, "text", { ok: false, files: [], diagnostics: outcome.diagnostics, sources: outcome.sources, projectRoot: request.projectRoot });
      return EXIT_COMPILE_ERRORS;
    }
    const picture = await renderGraph(outcome.ir, format);
    if (!opts.out) {
      io.stdout(picture as string);
      return EXIT_OK;
    }
    const out = resolve(io.cwd, opts.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, picture);
    io.stdout(`wrote ${displayPath(io, out)}\n`);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    printReport(io, "text", { ok: false, files: [], diagnostics: [error.toDiagnostic()] });
    return EXIT_USAGE;
  }
}

function pickFormat(opts: GraphOptions): Format {
  if (opts.format === undefined) return (opts.out && BY_EXTENSION[extname(opts.out).toLowerCase()]) || "mermaid";
  if ((FORMATS as readonly string[]).includes(opts.format)) return opts.format as Format;
  throw new UsageError(WORKFLOW_CODES.badGraphFormat, `unknown graph --format "${opts.format}"`, `formats are ${FORMATS.join(", ")}`);
}
