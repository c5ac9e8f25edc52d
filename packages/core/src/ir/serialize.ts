import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { commentText } from "../serialize/comment.js";
import { parseYaml, serializeYaml } from "../serialize/yaml.js";
import { Pipeline } from "./pipeline.js";

/** The IR as the readable YAML a reviewer sees (`sluice compile --target ir`). */
export function serializeIr(ir: Pipeline): string {
  const header = [
    `# Sluice IR of pipeline "${commentText(ir.metadata.name)}", generated from ${commentText(ir.metadata.source.file)}`,
    `# at git commit ${ir.metadata.git?.commit ?? "(none recorded)"}. Do not edit: edit the source and recompile.`,
  ].join("\n");
  return `${header}\n${serializeYaml(ir)}`;
}

/** Reads IR YAML back and checks it against the schema. */
export function loadIr(text: string, file = "<ir>"): { ir?: Pipeline; diagnostics: Diagnostic[] } {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    return { diagnostics: [{ code: "SLU0002", severity: "error", message: `IR is not valid YAML: ${(e as Error).message}`, span: { file, line: 1, column: 1 } }] };
  }
  const result = Pipeline.safeParse(raw);
  if (result.success) return { ir: result.data, diagnostics: [] };
  return {
    diagnostics: result.error.issues.map((issue) => ({
      code: "SLU0003",
      severity: "error" as const,
      message: `IR does not match the schema at ${issue.path.join(".") || "(root)"}: ${issue.message}`,
      span: { file, line: 1, column: 1 },
    })),
  };
}
