// Scale-out resource templates through Argo's own substitution (substitute/main.go runs
// util/template.Replace, the controller's code): for every resource template in the Argo goldens,
// with hostile run-time values, the manifest Argo produces must read (as YAML 1.1, as go-yaml does)
// as the same object that Sluice's tests evaluate the expressions to (evaluateManifest), and carry
// the values exactly. A naive manifest (a value pasted as {{inputs.parameters.x}}) must not survive
// the same values, or the check would prove nothing.
// Usage: node check-scale-out-substitution.mjs SUBSTITUTE_BINARY. Prints PASS/FAIL lines and
// "scale-out-substitution: N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = process.argv[2];
const { parse, parseAllDocuments } = await import(pathToFileURL(join(root, "packages/submit/node_modules/yaml/dist/index.js")).href);
const { evaluateManifest } = await import("../submit-argo/scale-out.mjs");

const HOSTILE = `v "q": x\n# h 'y' {z} $(HOME) \\ end`;
const VARS = { "workflow.uid": "7d1c0c6e-uid", "pod.name": "conformance-pod-1" };
let passed = 0, failed = 0;
const report = (ok, name, detail = "") => {
  ok ? passed++ : failed++;
  console.log(`${ok ? "PASS" : "FAIL"} ${name}${ok || !detail ? "" : `\n     ${detail}`}`);
};
function substitute(cases) {
  const r = spawnSync(bin, [], { input: JSON.stringify(cases), encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}
const sorted = (v) => JSON.stringify(v, (_k, x) => (x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));

const goldens = ["fixtures", "examples"].flatMap((top) =>
  readdirSync(join(root, top), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, top, d.name, "expected")))
    .flatMap((d) => readdirSync(join(root, top, d.name, "expected")).filter((f) => f.endsWith(".argo.yaml")).map((f) => join(top, d.name, "expected", f))),
).sort();
for (const golden of goldens) {
  for (const doc of parseAllDocuments(readFileSync(join(root, golden), "utf8"), { version: "1.1" }).map((d) => d.toJS())) {
    const spec = doc.kind === "CronWorkflow" ? doc.spec.workflowSpec : doc.spec;
    for (const t of (spec?.templates ?? []).filter((x) => x.resource)) {
      const name = `Argo's substitution of ${golden}: template ${t.name}`;
      try {
        const params = Object.fromEntries((t.inputs?.parameters ?? []).map((p) => [p.name, HOSTILE]));
        const values = { ...VARS, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [`inputs.parameters.${k}`, v])) };
        const [manifest] = substitute([{ template: t, values }]);
        const byArgo = parse(manifest, { version: "1.1" });
        const bySluice = parse(evaluateManifest(t.resource.manifest, params), { version: "1.1" });
        const carried = Object.keys(params).length === 0 || JSON.stringify(byArgo).includes(JSON.stringify(HOSTILE).slice(1, -1)) || JSON.stringify(byArgo).includes("sluice-artifacts/");
        report(sorted(byArgo) === sorted(bySluice) && carried, name, `Argo: ${sorted(byArgo).slice(0, 300)}\n     Sluice: ${sorted(bySluice).slice(0, 300)}`);
      } catch (e) {
        report(false, name, String(e).slice(0, 400));
      }
    }
  }
}

// The control: pasting the value as a plain tag does not survive it.
try {
  const naive = { name: "naive", resource: { action: "create", manifest: "spec:\n  arguments:\n    - {{inputs.parameters.raw}}\n" } };
  const [manifest] = substitute([{ template: naive, values: { "inputs.parameters.raw": HOSTILE } }]);
  let value;
  try {
    value = parse(manifest, { version: "1.1" })?.spec?.arguments?.[0];
  } catch {
    value = undefined;
  }
  report(value !== HOSTILE, "control: a value pasted as {{inputs.parameters.raw}} does not arrive intact", `it did: ${JSON.stringify(value)}`);
} catch (e) {
  report(false, "control: a value pasted as {{inputs.parameters.raw}} does not arrive intact", String(e).slice(0, 400));
}

console.log(`scale-out-substitution: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 1 ? 0 : 1);
