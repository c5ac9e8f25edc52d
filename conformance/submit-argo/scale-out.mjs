// Scale-out custom resources against the real API server (docs/scale-out.md, "How it is proven"):
// cluster.sh installs the Spark Operator, Kubeflow Trainer and KubeRay CRDs from
// ../shared/specs/scale-out; every SparkApplication, TrainJob and RayJob Sluice generates is sent
// as a server-side dry run with strict field validation (dryRun=All, fieldValidation=Strict), so
// the server's own structural-schema validation (types, enums, minimums, unknown fields) judges
// it. Two sources, so that every back end's path is covered:
//   - the manifests inside the compiled Argo resource templates (every *.argo.yaml golden), with
//     their `{{=…}}` expressions evaluated on hostile run-time values, as Argo would;
//   - the shared builder called directly on every IR golden's scale-out components (the object
//     the Airflow and Kubeflow back ends hand to their operators is this same builder's).
// Deliberately broken resources must be refused, or a pass would prove nothing.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const PLURALS = { SparkApplication: "sparkapplications", TrainJob: "trainjobs", RayJob: "rayjobs" };
const NAMESPACE = "sluice-fixtures";

/** Values no YAML or shell quoting may be fooled by. */
const HOSTILE = `v "q": x\n# h 'y' {z} $(HOME) \\ end`;

export async function scaleOutChecks({ root, custom, check, assert }) {
  const load = (p) => import(pathToFileURL(join(root, p)).href);
  const { parse, parseAllDocuments } = await load("packages/submit/node_modules/yaml/dist/index.js");
  const core = await load("packages/core/dist/backend-api.js");

  const goldens = (suffix) =>
    ["fixtures", "examples"].flatMap((top) =>
      readdirSync(join(root, top), { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(root, top, d.name, "expected")))
        .flatMap((d) => readdirSync(join(root, top, d.name, "expected")).filter((f) => f.endsWith(suffix)).map((f) => join(top, d.name, "expected", f))),
    ).sort();

  const resources = [];
  // 1. Out of the compiled Argo workflows.
  for (const golden of goldens(".argo.yaml")) {
    const docs = parseAllDocuments(readFileSync(join(root, golden), "utf8"), { version: "1.1" }).map((d) => d.toJS());
    for (const doc of docs) {
      const spec = doc.kind === "CronWorkflow" ? doc.spec.workflowSpec : doc.spec;
      for (const t of spec?.templates ?? []) {
        if (!t.resource) continue;
        const params = Object.fromEntries((t.inputs?.parameters ?? []).map((p) => [p.name, p.name === "partitions" ? "8" : HOSTILE]));
        resources.push({ what: `${golden}: template ${t.name}`, body: parse(evaluateManifest(t.resource.manifest, params), { version: "1.1" }) });
      }
    }
  }
  // 2. Straight from the shared builder, for every IR golden.
  const resolve = core.argResolver((ref) => ("inputValue" in ref ? HOSTILE : `s3://sluice-conformance/${ref.inputPath ?? ref.outputPath}`));
  for (const golden of goldens(".ir.yaml")) {
    const { ir } = core.loadIr(readFileSync(join(root, golden), "utf8"));
    if (!ir) continue;
    for (const c of core.scaleOutComponents(ir)) {
      const settings = core.effectiveSettings(ir.spec.defaults, c);
      const body = core.buildScaleOutResource(c, resolve, { name: `conf-${core.dns1123Label(c.name, 40)}`, namespace: NAMESPACE, settings, serviceAccount: ir.spec.defaults.serviceAccount });
      resources.push({ what: `${golden}: builder, step ${c.name}`, body });
    }
  }

  const dryRunCreate = (body) => {
    const [group, version] = body.apiVersion.split("/");
    return custom.createNamespacedCustomObject({ group, version, namespace: NAMESPACE, plural: PLURALS[body.kind], body, dryRun: "All", fieldValidation: "Strict" });
  };
  const counts = { SparkApplication: 0, TrainJob: 0, RayJob: 0 };
  for (const r of resources) {
    await check(`scale-out resource accepted by the server's schema (dry run, strict): ${r.what} (${r.body.kind})`, async () => {
      const back = await dryRunCreate(r.body);
      assert(back.kind === r.body.kind && back.metadata?.uid, `no object came back: ${JSON.stringify(back).slice(0, 200)}`);
      counts[r.body.kind]++;
    });
  }
  await check("every scale-out kind was generated at least once", async () => {
    for (const [kind, n] of Object.entries(counts)) assert(n > 0, `no ${kind} was checked`);
    console.log(`MEASURE scale-out resources accepted: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(", ")}`);
  });

  // 3. The server must be able to say no, to the same generated objects slightly broken.
  const sample = (kind) => resources.find((r) => r.body.kind === kind)?.body;
  const broken = [
    ["a SparkApplication whose executor instances is a string", "SparkApplication", (b) => (b.spec.executor.instances = "2")],
    ["a SparkApplication with a field its CRD does not declare", "SparkApplication", (b) => (b.spec.executor.instancez = 2)],
    ["a TrainJob whose numNodes is a string", "TrainJob", (b) => (b.spec.trainer.numNodes = "two")],
    ["a RayJob whose worker replicas is a list", "RayJob", (b) => (b.spec.rayClusterSpec.workerGroupSpecs[0].replicas = [2])],
  ];
  for (const [what, kind, breakIt] of broken) {
    await check(`the server refuses ${what} (422)`, async () => {
      const body = structuredClone(sample(kind));
      assert(body, `no generated ${kind} to break`);
      breakIt(body);
      const error = await dryRunCreate(body).then(() => undefined, (e) => e);
      assert(error?.code === 422 || error?.code === 400, `expected a refusal, got ${error ? error.code : "acceptance"}`);
      console.log(`     server said: ${String(JSON.parse(error.body ?? "{}").message ?? error).slice(0, 200)}`);
    });
  }
}

/**
 * A resource template's manifest as Argo's executor creates it: each `{{=toJson(…)}}` evaluated.
 * Sluice writes these expressions in a subset of Argo's expr language that is also JavaScript
 * (string literals, +, inputs.parameters['x'], workflow.uid, pod.name, replace, toJson).
 */
export function evaluateManifest(manifest, params) {
  const replace = (s, a, b) => s.split(a).join(b);
  const text = manifest.replace(/\{\{=toJson\((.*?)\)\}\}/g, (_m, expr) =>
    JSON.stringify(new Function("inputs", "workflow", "pod", "replace", `return (${expr});`)({ parameters: params }, { uid: "7d1c0c6e-uid" }, { name: "conformance-pod-1" }, replace)),
  );
  if (text.includes("{{")) throw new Error(`an Argo tag is left in the manifest: ${text.slice(text.indexOf("{{"), text.indexOf("{{") + 60)}`);
  return text;
}
