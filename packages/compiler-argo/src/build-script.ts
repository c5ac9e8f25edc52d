import type { ScriptLanguage } from "@sluice/core/backend";

/**
 * The interpreter of a script step. Argo writes `source` to a file and runs
 * `command <file> args…`, so a script receives its inputs and output paths as command-line
 * flags exactly as a container step does (the one convention of docs/language.md).
 */
export function scriptCommand(language: ScriptLanguage): string[] {
  switch (language) {
    case "python":
      return ["python"];
    case "bash":
      return ["bash"];
    case "sh":
      return ["sh"];
    case "node":
      return ["node"];
  }
}
