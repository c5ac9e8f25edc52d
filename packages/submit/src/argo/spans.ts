import { allNodes, parseSpan, type Diagnostic, type Pipeline } from "@sluice/core/backend";
import { SUBMIT_CODES } from "../errors.js";
import type { KubeObject } from "./manifests.js";

/**
 * Maps the field errors of a 422 back to the pipeline source where the IR allows it: a field
 * under `spec.templates[N]` belongs to a template, whose name the Argo back end derived from a
 * component or a task; anything else is reported at the pipeline's file.
 */
export function fieldDiagnostics(ir: Pipeline, sent: KubeObject, causes: readonly { field: string; message: string }[]): Diagnostic[] {
  return causes.map((cause) => {
    const span = spanOfField(ir, sent, cause.field);
    return { code: SUBMIT_CODES.invalid, severity: "error", message: `${cause.field || "(object)"}: ${cause.message}`, ...(span ? { span: parseSpan(span) } : {}) };
  });
}

function spanOfField(ir: Pipeline, sent: KubeObject, field: string): string | undefined {
  const m = /templates\[(\d+)\]/.exec(field);
  const spec = (sent.kind === "CronWorkflow" ? (sent.spec as any)?.workflowSpec : sent.spec) as { templates?: { name?: string }[] } | undefined;
  const template = m ? spec?.templates?.[Number(m[1])]?.name : undefined;
  if (template) {
    const key = comparable(template);
    const component = ir.spec.components.find((c) => comparable(c.name) === key);
    if (component) return component.span;
    const task = allNodes(ir.spec.root).find((n) => comparable(n.id) === key);
    if (task) return task.span;
  }
  return `${ir.metadata.source.file}:1:1`;
}

/** Argo names are DNS labels made from the IR's names: compare both in that form. */
function comparable(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}
