import type { Diagnostic } from "@sluice/core/backend";

/**
 * The SLU95xx codes of submission, and the --param codes (SLU9010-9013, SLU9021) (catalogue: docs/diagnostics/submit.md). `usage` codes are
 * about the command line (exit 2); the others are what a server refused or a run that failed
 * (exit 1).
 */
export const SUBMIT_CODES = {
  // --param problems: PARAM_CODES of the one parser shared with `sluice run` (SLU9501-9505
  // before), written out because importing them would load the IR when the CLI starts (a test
  // keeps the two equal).
  unknownParam: "SLU9010",
  badParamValue: "SLU9011",
  missingParam: "SLU9012",
  badParamSyntax: "SLU9013",
  duplicateParam: "SLU9021",
  badRunRef: "SLU9506",
  badConnectionConfig: "SLU9507",
  notARun: "SLU9508",
  noConnection: "SLU9510",
  unreachable: "SLU9511",
  unauthenticated: "SLU9512",
  forbidden: "SLU9513",
  kindMissing: "SLU9514",
  namespaceMissing: "SLU9515",
  runNotFound: "SLU9516",
  conflict: "SLU9517",
  invalid: "SLU9518",
  badRequest: "SLU9519",
  runFailed: "SLU9520",
  taskNotFound: "SLU9521",
  notOffered: "SLU9522",
  serverError: "SLU9599",
} as const;

const USAGE_CODES: ReadonlySet<string> = new Set([
  SUBMIT_CODES.unknownParam,
  SUBMIT_CODES.badParamValue,
  SUBMIT_CODES.missingParam,
  SUBMIT_CODES.badParamSyntax,
  SUBMIT_CODES.duplicateParam,
  SUBMIT_CODES.badRunRef,
  SUBMIT_CODES.badConnectionConfig,
  SUBMIT_CODES.notARun,
  SUBMIT_CODES.noConnection,
]);

/** A problem a person can act on; never carries a secret (messages are built from names only). */
export class SubmitError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
    /** More located problems, e.g. each field error of a 422 mapped to a pipeline span. */
    readonly related: readonly Diagnostic[] = [],
    /** Where in the pipeline source the problem is, when it is there (a param's declaration). */
    readonly span?: Diagnostic["span"],
  ) {
    super(message);
    this.name = "SubmitError";
  }

  /** A located diagnostic (from a shared checker) as the error, the others beside it. */
  static fromDiagnostic(d: Diagnostic, related: readonly Diagnostic[] = []): SubmitError {
    return new SubmitError(d.code, d.message, d.hint, related, d.span);
  }

  get usage(): boolean {
    return USAGE_CODES.has(this.code);
  }

  toDiagnostics(): Diagnostic[] {
    const main: Diagnostic = { code: this.code, severity: "error", message: this.message, ...(this.span ? { span: this.span } : {}), ...(this.hint ? { hint: this.hint } : {}) };
    return [main, ...this.related];
  }
}
