import type { Diagnostic } from "@sluice/core/backend";

/**
 * A mistake on the command line (exit code 2), as opposed to a mistake in the pipeline (exit 1).
 * Thrown by option parsing and caught by the command, which prints it as a diagnostic.
 */
export class UsageError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }

  toDiagnostic(): Diagnostic {
    return { code: this.code, severity: "error", message: this.message, ...(this.hint ? { hint: this.hint } : {}) };
  }
}

/** The SLU9xxx codes of the command line; the catalogue is docs/diagnostics.md. */
export const CLI_CODES = {
  /** Used by placeholder back ends and the placeholder front end. */
  notImplemented: "SLU9001",
  fileNotFound: "SLU9002",
  unknownTarget: "SLU9003",
  badBackendOption: "SLU9004",
  badOutputPath: "SLU9005",
  writeFailed: "SLU9006",
  badFormat: "SLU9007",
  /** Only in JSON reports: in text, the command-line parser's own message is printed. */
  badCommandLine: "SLU9008",
} as const;
