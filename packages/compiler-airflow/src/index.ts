import type { Backend, Diagnostic, Pipeline } from "@sluice/core/backend";
import { errorAt, hasErrors, SCALE_OUT_ENGINES, scaleOutComponents, scaleOutForm } from "@sluice/core/backend";
import { buildDagFile } from "./build-dag.js";
import { AirflowCodes } from "./diagnostics.js";
import { dagId, moduleFileName } from "./names.js";
import { AirflowOptions, defaultArtifactRoot } from "./options.js";
import { isWellFormed } from "./python.js";
import { renderDagFile } from "./render.js";

export { AirflowOptions } from "./options.js";
export { jinjaStr, pyStr } from "./python.js";

/** Every string of the IR that is not well-formed UTF-16, with where it is (Python cannot hold it). */
function illFormedStrings(ir: Pipeline): Diagnostic[] {
  const out: Diagnostic[] = [];
  // The path to the value, as keys and indices; made into text only for a string it reports.
  const at: (string | number)[] = [];
  const pathText = () => at.reduce<string>((path, s) => (typeof s === "number" ? `${path}[${s}]` : path ? `${path}.${s}` : s), "");
  const visit = (value: unknown, span: string | undefined): void => {
    if (typeof value === "string") {
      if (!isWellFormed(value)) out.push(errorAt(AirflowCodes.illFormedString, `${pathText()} holds a lone UTF-16 surrogate, which no Python string can hold`, span));
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => {
        at.push(i);
        visit(v, span);
        at.pop();
      });
    } else if (value && typeof value === "object") {
      const own = (value as { span?: unknown }).span;
      const here = typeof own === "string" ? own : span;
      for (const [k, v] of Object.entries(value)) {
        at.push(k);
        visit(v, here);
        at.pop();
      }
    }
  };
  visit(ir, undefined);
  return out;
}

/**
 * The local operator runs steps as processes on the Airflow worker; a scale-out step needs its
 * engine in a cluster (as `sluice run` says with SLU9020), so it is refused rather than faked.
 */
function refuseLocalScaleOut(ir: Pipeline): Diagnostic[] {
  return scaleOutComponents(ir).map((c) =>
    errorAt(AirflowCodes.scaleOutLocal, `step "${c.name}" is a ${scaleOutForm(c.implementation)} step, which needs ${SCALE_OUT_ENGINES[scaleOutForm(c.implementation)!]} in a cluster; the local operator runs steps as local processes`, c.span, "compile with --airflow-operator kubernetes (the default)"),
  );
}

/** One diagnostic per code, place and message (a component's setting is reported once, not per call). */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.code, d.span, d.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Compiles the IR to one Airflow DAG file, `<pipeline_name>.py`. */
export function compileAirflow(ir: Pipeline, input: AirflowOptions): { files: { path: string; contents: string }[]; diagnostics: Diagnostic[] } {
  const parsed = AirflowOptions.parse(input);
  const refused = parsed.operator === "local" ? refuseLocalScaleOut(ir) : [];
  if (refused.length) return { files: [], diagnostics: refused };
  const strings = illFormedStrings(ir);
  if (strings.length) return { files: [], diagnostics: strings };
  const options = { ...parsed, artifactRoot: parsed.artifactRoot ?? defaultArtifactRoot(parsed.operator, parsed.artifactTransfer) };
  const { view, ctx } = buildDagFile(ir, options);
  const diagnostics = dedupe(ctx.diagnostics);
  if (hasErrors(diagnostics)) return { files: [], diagnostics };
  return { files: [{ path: moduleFileName(dagId(ir.metadata.name)), contents: renderDagFile(view) }], diagnostics };
}

export const backend: Backend<AirflowOptions> = {
  name: "airflow",
  description: "Apache Airflow DAG file, Airflow 3 or 2.10 (KubernetesPodOperator per step, or local processes)",
  options: AirflowOptions as unknown as Backend<AirflowOptions>["options"],
  compile: compileAirflow,
};
export default backend;
