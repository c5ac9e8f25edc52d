/** A place in a source file. Line and column are 1-based, as editors and tsc print them. */
export interface Span {
  file: string;
  line: number;
  column: number;
  /** 0-based character offset and length, when known, for code frames. */
  offset?: number;
  length?: number;
}

export type Severity = "error" | "warning";

/** The one shape every stage reports problems in. Tests assert `code` and `span`, not messages. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  span?: Span;
  hint?: string;
  related?: { message: string; span?: Span }[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Reads an IR `file:line:column` span back into a Span. */
export function parseSpan(text: string): Span {
  const m = /^(.*):(\d+):(\d+)$/.exec(text);
  if (!m) return { file: text, line: 1, column: 1 };
  return { file: m[1]!, line: Number(m[2]), column: Number(m[3]) };
}

export function formatSpan(span: Span): string {
  return `${span.file}:${span.line}:${span.column}`;
}

/** Builds an error diagnostic located at an IR span, as back ends report them. */
export function errorAt(code: string, message: string, span: string | undefined, hint?: string): Diagnostic {
  return { code, severity: "error", message, ...(span ? { span: parseSpan(span) } : {}), ...(hint ? { hint } : {}) };
}
