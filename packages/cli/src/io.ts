import pc from "picocolors";
// From the diagnostics entry alone, as report.ts: the backend entry would load zod and the YAML writer at startup.
import { PLAIN_STYLES, type DiagnosticStyles } from "@sluice/core/diagnostics";

/** Where a command reads and writes: the real process, or a capture in tests. */
export interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colour on stderr reports (picocolors decides from NO_COLOR, FORCE_COLOR and the terminal). */
  color: boolean;
  /** false: do not catch SIGINT/SIGTERM while writing (in-process runs that share one process). */
  deferSignals?: boolean;
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: pc.isColorSupported,
  };
}

export function diagnosticStyles(io: CliIo): DiagnosticStyles {
  if (!io.color) return PLAIN_STYLES;
  return { error: (t) => pc.bold(pc.red(t)), warning: (t) => pc.bold(pc.yellow(t)), location: pc.cyan, gutter: (t) => pc.inverse(t), marker: pc.red, hint: pc.cyan };
}
