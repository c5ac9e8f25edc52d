import { type Diagnostic, parseSpan } from "@sluice/core/backend";

/** A warning located at an IR span: the output is still written. */
export function warningAt(code: string, message: string, span: string | undefined, hint?: string): Diagnostic {
  return { code, severity: "warning", message, ...(span ? { span: parseSpan(span) } : {}), ...(hint ? { hint } : {}) };
}
