// The resources a real Airflow rendered for the scale-out tasks (check_scale_out.py writes them to
// $SLUICE_AIRFLOW_RENDERED) against the shared builder's resource for the same sample run, and
// against the engines' CRDs. run.sh runs this file after check_scale_out.py:
//   SLUICE_AIRFLOW_RENDERED=out.json node --experimental-vm-modules node_modules/jest/bin/jest.js \
//     --testMatch '**/conformance/airflow/*.test.ts'
// It is not part of the unit suite (it needs Airflow's output).
import { describe, expect, it } from "@jest/globals";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { argResolver, buildScaleOutResource, type Binding, type JsonValue, type Pipeline } from "../../packages/core/src/backend-api.js";
import { allNodes, effectiveSettings, findComponent, loadIr } from "../../packages/core/src/backend-api.js";
import { validateScaleOutResource } from "../../packages/core/test/scale-out-specs.js";
import { shellWords } from "../../packages/core/test/scale-out-steps.js";
import { dagId, moduleFileName } from "../../packages/compiler-airflow/src/names.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const RUN_ID = "sample-run";

/** check_scale_out.py's sample_output: what each upstream task returned for one output. */
const sampleOutput = (task: string, name: string) => `<xcom ${task}.${name}: it's {{ not jinja }}>`;

/** Every golden IR, by the DAG file name the Airflow back end gives it. */
function irsByDagFile(): Map<string, Pipeline> {
  const out = new Map<string, Pipeline>();
  for (const top of ["fixtures", "examples"]) {
    for (const dir of readdirSync(join(root, top))) {
      const expected = join(root, top, dir, "expected");
      if (!existsSync(expected)) continue;
      for (const f of readdirSync(expected).filter((x) => x.endsWith(".ir.yaml"))) {
        const { ir } = loadIr(readFileSync(join(expected, f), "utf8"), f);
        if (ir) out.set(moduleFileName(dagId(ir.metadata.name)), ir);
      }
    }
  }
  return out;
}

/** The text a binding has in the sample run (params at their defaults, upstream outputs sampled). */
function sampleText(ir: Pipeline, b: Binding): string {
  const text = (v: JsonValue) => (typeof v === "string" ? v : JSON.stringify(v));
  if ("literal" in b) return text(b.literal);
  if ("param" in b) return text(ir.spec.params.find((p) => p.name === b.param)!.default!);
  if ("taskOutput" in b) return sampleOutput(b.taskOutput.task, b.taskOutput.output);
  if ("template" in b) return b.template.map((p) => (typeof p === "string" ? p : sampleText(ir, p))).join("");
  throw new Error(`this check does not sample a ${Object.keys(b)[0]} binding`);
}

/**
 * Numbers in text as JavaScript writes them. Airflow renders a float param through Python's
 * `json.dumps` (`2e-05`), the builder's sample through JavaScript (`0.00002`): the same number,
 * written two ways (docs/targets/airflow.md, params), so the check compares the numbers.
 */
function sameNumbers<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, v) => (typeof v === "string" ? v.replace(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi, (m) => (Number.isFinite(Number(m)) ? String(Number(m)) : m)) : v));
}

const renderedFile = process.env.SLUICE_AIRFLOW_RENDERED;
const rendered: Record<string, Record<string, { object: any; artifact_outputs?: Record<string, string> }>> = renderedFile ? JSON.parse(readFileSync(renderedFile, "utf8")) : {};

describe("scale-out resources as a real Airflow rendered them", () => {
  it("has Airflow's output to check", () => {
    expect(renderedFile).toBeDefined();
    expect(Object.keys(rendered).length).toBeGreaterThan(0);
  });

  const irs = irsByDagFile();
  for (const [file, tasks] of Object.entries(rendered)) {
    for (const [taskId, { object, artifact_outputs }] of Object.entries(tasks)) {
      it(`${file}: ${taskId} is the builder's resource and valid against its CRD`, () => {
        const ir = irs.get(file)!;
        const node = allNodes(ir.spec.root).find((n) => n.type === "task" && n.id === taskId);
        if (!node || node.type !== "task") throw new Error(`no top-level task ${taskId} in the IR of ${file}`);
        const component = findComponent(ir, node.component);
        const inputs = new Map(component.inputs.map((i) => [i.name, i.name in node.inputs ? sampleText(ir, node.inputs[i.name]!) : i.default === undefined ? "" : typeof i.default === "string" ? i.default : JSON.stringify(i.default)]));
        const uri = (output: string) => `s3://sluice-artifacts/${dagId(ir.metadata.name)}/${RUN_ID}/${taskId}/${output}`;
        const resolve = argResolver((ref) => ("outputPath" in ref ? uri(ref.outputPath) : inputs.get("inputValue" in ref ? ref.inputValue : ref.inputPath)!));
        const settings = effectiveSettings(ir.spec.defaults, component, node.options);
        const expected = buildScaleOutResource(component, resolve, { name: taskId, settings, ...(ir.spec.defaults.serviceAccount ? { serviceAccount: ir.spec.defaults.serviceAccount } : {}) })!;

        expect(validateScaleOutResource(object)).toEqual([]);
        expect([object.apiVersion, object.kind]).toEqual([expected.apiVersion, expected.kind]);
        const spec = JSON.parse(JSON.stringify(expected.spec));
        if (object.kind === "RayJob") {
          // Airflow quotes every word holding a run-time value; the builder only those that need it.
          expect(shellWords(object.spec.entrypoint)).toEqual(shellWords(spec.entrypoint));
          object.spec.entrypoint = spec.entrypoint;
        }
        expect(sameNumbers(object.spec)).toEqual(sameNumbers(spec));
        expect(object.metadata.labels).toEqual(expect.objectContaining({ "sluice.dev/pipeline": expect.any(String), ...(settings.labels ?? {}) }));
        const artifacts = component.outputs.filter((o) => o.type.category === "artifact" || o.type.category === "artifactList");
        expect(artifact_outputs ?? {}).toEqual(Object.fromEntries(artifacts.map((o) => [o.name, uri(o.name)])));
      });
    }
  }
});
