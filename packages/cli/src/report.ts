import { readFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import type { Diagnostic, SourceLookup } from "@sluice/core/backend";
// From the diagnostics entry alone: every command's startup reaches this file, and the backend
// entry would load the IR schemas (zod) and the YAML writer with it.
import { formatDiagnosticsReport } from "@sluice/core/diagnostics";
import { diagnosticStyles, type CliIo } from "./io.js";

export type OutputFormat = "text" | "json";

/** What a command reports at the end, in either format. */
export interface CommandReport {
  ok: boolean;
  pipeline?: string;
  /** Paths written, relative to the working folder. */
  files: string[];
  diagnostics: Diagnostic[];
  sources?: ReadonlyMap<string, string>;
  /** A closing line for people (text format only). */
  summary?: string;
  /** Span files are relative to this folder; files missing from `sources` are read from there. */
  projectRoot?: string;
}

/**
 * Text: diagnostics with code frames on stderr, the files written on stdout.
 * JSON: one object on stdout (`{ ok, pipeline, files, diagnostics }`), nothing on stderr, so that
 * editors and scripts can parse it whatever happened.
 */
export function printReport(io: CliIo, format: OutputFormat, report: CommandReport): void {
  if (format === "json") {
    const { ok, pipeline, files, diagnostics } = report;
    io.stdout(JSON.stringify({ ok, ...(pipeline ? { pipeline } : {}), files, diagnostics }, null, 2) + "\n");
    return;
  }
  if (report.diagnostics.length > 0) io.stderr(formatDiagnosticsReport(report.diagnostics, sourceLookup(report), diagnosticStyles(io)));
  for (const file of report.files) io.stdout(`wrote ${file}\n`);
  if (report.summary) io.stdout(`${report.summary}\n`);
}

export function displayPath(io: CliIo, path: string): string {
  const rel = relative(io.cwd, path);
  return rel.length > 0 && !rel.startsWith("..") ? rel : path;
}

/** The sources the front end read, else the file on disk (for `--typecheck` spans in imports). */
function sourceLookup(report: CommandReport): SourceLookup {
  return {
    get(file) {
      const known = report.sources?.get(file);
      if (known !== undefined || !report.projectRoot) return known;
      try {
        return readFileSync(isAbsolute(file) ? file : join(report.projectRoot, file), "utf8");
      } catch {
        return undefined; // no frame rather than a failure while reporting another failure
      }
    },
  };
}
