/**
 * What every fuzz run must satisfy (issue 14, "How it is proven"), as a list of problems (empty:
 * the run is fine). Each check names the promise it holds the CLI to.
 */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** The output folder after the run: path -> contents ("" for folders); undefined if absent. */
  out?: Record<string, string>;
  /** Set when the run was stopped at the time limit. */
  hung?: boolean;
}

export interface RunContext {
  format: "json" | "text";
  /** The input's files, by path relative to the working folder (spans are relative to it). */
  files: Record<string, string>;
}

interface Span {
  file: string;
  line: number;
  column: number;
  offset?: number;
  length?: number;
}

interface ReportDiagnostic {
  code: string;
  severity: string;
  message: string;
  span?: Span;
  related?: { span?: Span }[];
}

/**
 * The time one input may take before it counts as a hang. Generous on purpose (CI runs on 2
 * shared cores): it catches inputs that never finish, not slow ones; growth is measured by bench/.
 */
export const PER_INPUT_LIMIT_MS = 60_000;

const STACK_TRACE = /\n\s+at [^\n]*(?::\d+:\d+\)?$|\(native\)|<anonymous>)|Maximum call stack|main\(\) threw/m;
const TEXT_LOCATION = /^(.+?):(\d+):(\d+) - (?:error|warning) (SLU\d{4})/gm;

export function checkRun(run: RunResult, ctx: RunContext): string[] {
  const problems: string[] = [];
  if (run.hung) return [`hang: no answer within ${PER_INPUT_LIMIT_MS} ms`];
  if (run.code === 70) problems.push("exit 70 (internal error)");
  else if (![0, 1, 2].includes(run.code)) problems.push(`exit code ${run.code}`);
  if (STACK_TRACE.test(run.stdout) || STACK_TRACE.test(run.stderr)) problems.push(`stack trace in the output: ${firstLines(run.stderr + run.stdout)}`);
  if (run.ms > PER_INPUT_LIMIT_MS) problems.push(`took ${run.ms} ms (limit ${PER_INPUT_LIMIT_MS})`);
  const diagnostics = ctx.format === "json" ? checkJsonReport(run, problems) : textDiagnostics(run.stderr);
  for (const d of diagnostics) problems.push(...checkLocated(d, ctx.files));
  problems.push(...checkOutFolder(run, ctx, diagnostics));
  return problems;
}

/** `--format json`: exactly one JSON object on stdout, nothing on stderr. */
function checkJsonReport(run: RunResult, problems: string[]): ReportDiagnostic[] {
  if (run.stderr !== "") problems.push(`--format json wrote to stderr: ${firstLines(run.stderr)}`);
  try {
    const report = JSON.parse(run.stdout) as { ok?: unknown; diagnostics?: ReportDiagnostic[] };
    if (typeof report !== "object" || report === null || Array.isArray(report)) throw new Error("not an object");
    if (typeof report.ok !== "boolean" || !Array.isArray(report.diagnostics)) problems.push("the JSON report lacks ok or diagnostics");
    if (report.ok !== (run.code === 0)) problems.push(`the JSON report says ok: ${String(report.ok)} with exit ${run.code}`);
    return report.diagnostics ?? [];
  } catch (error) {
    problems.push(`--format json did not print one JSON report (${(error as Error).message}): ${firstLines(run.stdout) || "(nothing)"}`);
    return [];
  }
}

function textDiagnostics(stderr: string): ReportDiagnostic[] {
  return [...stderr.matchAll(TEXT_LOCATION)].map((m) => ({ code: m[4]!, severity: "", message: "", span: { file: m[1]!, line: Number(m[2]), column: Number(m[3]) } }));
}

/**
 * A diagnostic of the front end or a back end points into a file of the input, at a line that
 * exists and a column on that line. Lines are what an editor shows: split at LF, CRLF and CR.
 */
function checkLocated(d: ReportDiagnostic, files: Record<string, string>): string[] {
  const problems: string[] = [];
  const needsSpan = /^SLU[1-4]\d{3}$/.test(d.code) && d.code !== "SLU1000";
  if (!d.span) return needsSpan ? [`${d.code} has no location: ${d.message}`] : [];
  for (const span of [d.span, ...(d.related ?? []).flatMap((r) => (r.span ? [r.span] : []))]) {
    const text = files[span.file];
    if (text === undefined) {
      problems.push(`${d.code} points at ${span.file}, not a file of the input`);
      continue;
    }
    const lines = text.split(/\r\n|\r|\n/);
    const where = `${d.code} at ${span.file}:${span.line}:${span.column}`;
    if (!Number.isInteger(span.line) || span.line < 1 || span.line > lines.length) problems.push(`${where}: line outside the file (${lines.length} lines)`);
    else if (!Number.isInteger(span.column) || span.column < 1 || span.column > lines[span.line - 1]!.length + 1) problems.push(`${where}: column outside line ${span.line} (${lines[span.line - 1]!.length} characters)`);
    if (span.offset !== undefined && (span.offset < 0 || span.offset + (span.length ?? 0) > text.length)) problems.push(`${where}: offset ${span.offset}+${span.length ?? 0} outside the file (${text.length} characters)`);
  }
  return problems;
}

/** On failure nothing is left in --out; on success exactly the files reported, no temporaries. */
function checkOutFolder(run: RunResult, ctx: RunContext, _diagnostics: ReportDiagnostic[]): string[] {
  const entries = Object.keys(run.out ?? {});
  if (run.code !== 0) return entries.length ? [`exit ${run.code} but --out holds ${entries.join(", ")}`] : [];
  const hidden = entries.filter((e) => e.split("/").some((part) => part.startsWith(".")));
  const problems = hidden.length ? [`temporary files left in --out: ${hidden.join(", ")}`] : [];
  if (ctx.format === "json") {
    const reported = ((JSON.parse(run.stdout) as { files?: string[] }).files ?? []).map((f) => f.replace(/^out\//, "")).sort();
    const onDisk = entries.filter((e) => !e.endsWith("/")).sort();
    if (JSON.stringify(reported) !== JSON.stringify(onDisk)) problems.push(`reported files ${reported.join(", ")} but --out holds ${onDisk.join(", ")}`);
  }
  return problems;
}

function firstLines(text: string): string {
  return text.split("\n").slice(0, 3).join(" | ").slice(0, 300);
}
