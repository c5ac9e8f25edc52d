import { formatSpan, type Diagnostic, type Span } from "./diagnostic.js";

/**
 * Printing diagnostics, three ways:
 * - `formatDiagnosticLine`: one stable line (code, location, message), for golden files and logs;
 * - `formatDiagnostic`: a tsc-like report with a code frame under the location, for people;
 * - `formatDiagnosticsJson`: the Diagnostic objects themselves, for tools and editors.
 * Colour is passed in (the CLI hands picocolors' functions) so that core stays dependency-free
 * and tests compare plain text.
 */
export interface DiagnosticStyles {
  error(text: string): string;
  warning(text: string): string;
  location(text: string): string;
  gutter(text: string): string;
  marker(text: string): string;
  hint(text: string): string;
}

/** Source text by the file name used in spans; a Map works, or anything that reads lazily. */
export interface SourceLookup {
  get(file: string): string | undefined;
}

const plain = (text: string) => text;
export const PLAIN_STYLES: DiagnosticStyles = { error: plain, warning: plain, location: plain, gutter: plain, marker: plain, hint: plain };

/** `SLU1203 fixtures/x/pipeline.ts:4:10 message`: one line, whatever the message holds. */
export function formatDiagnosticLine(d: Diagnostic): string {
  const where = d.span ? ` ${formatSpan(d.span)}` : "";
  return `${d.code}${where} ${oneLine(d.message)}`;
}

/** Several diagnostics, one line each, ending with a newline (the `diagnostics.txt` format). */
export function formatDiagnosticLines(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => formatDiagnosticLine(d) + "\n").join("");
}

/**
 * The report a person reads:
 *
 *     fixtures/x/pipeline.ts:4:10 - error SLU1203: unknown input "foo"
 *
 *     4   train({ foo: 1 });
 *                 ~~~
 *       hint: the inputs of "train" are data, lr
 *
 * `sources` maps a span's file (as written in the span) to its text; without it, or when the
 * line is out of range, the frame is left out rather than guessed.
 */
export function formatDiagnostic(d: Diagnostic, sources: SourceLookup = new Map(), styles: DiagnosticStyles = PLAIN_STYLES): string {
  const severity = d.severity === "error" ? styles.error("error") : styles.warning("warning");
  const where = d.span ? `${styles.location(formatSpan(d.span))} - ` : "";
  const out = [`${where}${severity} ${d.code}: ${d.message}`];
  const frame = d.span ? codeFrame(d.span, sources, styles) : undefined;
  if (frame) out.push("", ...frame);
  if (d.hint) out.push(`${frame ? "  " : ""}${styles.hint("hint:")} ${d.hint}`);
  for (const related of d.related ?? []) {
    const at = related.span ? `${styles.location(formatSpan(related.span))}: ` : "";
    out.push(`  ${at}${related.message}`);
  }
  return out.join("\n") + "\n";
}

/** All diagnostics as a person reads them, blank line between, and a closing count. */
export function formatDiagnosticsReport(diagnostics: readonly Diagnostic[], sources?: SourceLookup, styles: DiagnosticStyles = PLAIN_STYLES): string {
  if (diagnostics.length === 0) return "";
  const body = diagnostics.map((d) => formatDiagnostic(d, sources, styles)).join("\n");
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const counts = [...(errors ? [plural(errors, "error")] : []), ...(warnings ? [plural(warnings, "warning")] : [])].join(", ");
  return `${body}\nFound ${counts}.\n`;
}

/** The diagnostics as JSON (stable key order as built), for `--format json`. */
export function formatDiagnosticsJson(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(diagnostics, null, 2) + "\n";
}

/** Three lines: the source line with its number, then `~` under the span (at least one). */
function codeFrame(span: Span, sources: SourceLookup, styles: DiagnosticStyles): string[] | undefined {
  const text = sources.get(span.file);
  if (text === undefined) return undefined;
  const lines = text.split(/\r\n|\r|\n/);
  const line = lines[span.line - 1];
  if (line === undefined) return undefined;
  const number = String(span.line);
  const gutter = " ".repeat(number.length);
  const start = Math.min(Math.max(span.column - 1, 0), line.length);
  // A span running past the end of its first line is underlined to the end of that line.
  const width = Math.max(1, Math.min(span.length ?? 1, line.length - start));
  const shown = line.replace(/\t/g, " ");
  return [`${styles.gutter(number)}   ${shown}`, `${gutter}   ${" ".repeat(start)}${styles.marker("~".repeat(width))}`];
}

function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, "\\n");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
