import type { Backend, Diagnostic, Pipeline } from "@sluice/core/backend";
import { hasErrors } from "@sluice/core/backend";
import { buildWorkflow } from "./build-workflow.js";
import { BuildContext } from "./context.js";
import { foldRewrittenParams } from "./fold-params.js";
import { fileStem } from "./names.js";
import { ArgoOptions } from "./options.js";
import { serializeArgo } from "./serialize.js";

/** IR -> one `<pipeline>.argo.yaml`: a Workflow, WorkflowTemplate or CronWorkflow (docs/targets/argo.md). */
export function compileArgo(ir: Pipeline, options: ArgoOptions): { files: { path: string; contents: string }[]; diagnostics: Diagnostic[] } {
  const folded = foldRewrittenParams(ir);
  const ctx = new BuildContext(folded.ir, ArgoOptions.parse(options ?? {}));
  const { main, configMap } = buildWorkflow(ctx);
  const diagnostics = dedupe([...folded.diagnostics, ...ctx.diagnostics, ...ctx.templateNames.diagnostics()]);
  if (hasErrors(diagnostics)) return { files: [], diagnostics };
  return { files: [{ path: `${fileStem(ir.metadata.name)}.argo.yaml`, contents: serializeArgo(ir, main, configMap) }], diagnostics };
}

/** Builders may meet the same problem once per call of a step; report it once. */
function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = JSON.stringify([d.code, d.message, d.span]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const backend: Backend<ArgoOptions> = {
  name: "argo",
  description: "Argo Workflows: Workflow, WorkflowTemplate or CronWorkflow",
  options: ArgoOptions as unknown as Backend<ArgoOptions>["options"],
  compile: compileArgo,
};

export default backend;
export { ArgoOptions } from "./options.js";
