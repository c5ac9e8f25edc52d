import { settingSpan } from "@sluice/core/backend";
import { Codes } from "./codes.js";
import type { BuildContext } from "./context.js";
import { warningAt } from "./diagnostics.js";
import type { Template } from "./types.js";

/**
 * The Workflow CRD's full schema (argoproj.io_workflows.yaml, the CRDs Argo ships for clusters
 * that validate server-side) allows at most this many templates in one workflow and this many
 * tasks in one DAG template. Argo's own validation and the minimal CRDs have no such limit, so
 * the output is valid Argo and compiles; a warning says which clusters will refuse it and how
 * to stay under (found by bench/submit.mjs: a 1,000-task DAG answered "Too many: 1000").
 */
export const CRD_MAX_TEMPLATES = 200;
export const CRD_MAX_DAG_TASKS = 200;

export function reportSizeLimits(ctx: BuildContext, templates: readonly Template[]): void {
  const where = settingSpan(ctx.ir);
  if (templates.length > CRD_MAX_TEMPLATES) {
    ctx.report(
      warningAt(
        Codes.tooManyTemplates,
        `the workflow has ${templates.length} templates; clusters that install Argo's full CRDs refuse more than ${CRD_MAX_TEMPLATES} ("spec.templates: Too many")`,
        where,
        "share step definitions between calls (one template per step definition), or split the pipeline",
      ),
    );
  }
  for (const t of templates) {
    const tasks = t.dag?.tasks.length ?? 0;
    if (tasks <= CRD_MAX_DAG_TASKS) continue;
    ctx.report(
      warningAt(
        Codes.tooManyDagTasks,
        `template "${t.name}" has ${tasks} DAG tasks; clusters that install Argo's full CRDs refuse more than ${CRD_MAX_DAG_TASKS} in one DAG ("dag.tasks: Too many")`,
        where,
        "loop over a list (one task however many items), or group the calls into nested pipelines of at most 200",
      ),
    );
  }
}
