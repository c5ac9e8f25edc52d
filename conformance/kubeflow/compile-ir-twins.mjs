// Compiles each conformance/kubeflow/twins/<case>/sluice.ir.yaml (hand-written IR for shapes the
// front end has no spelling for yet) with the built Kubeflow back end into OUT/<case>.kubeflow.yaml,
// so that check.py loads Sluice's output for them in the real kfp too. Usage: node this.mjs ROOT OUT
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [root, out] = process.argv.slice(2);
const dist = (pkg, file) => pathToFileURL(join(root, "packages", pkg, "dist", file)).href;
const { loadIr } = await import(dist("core", "backend-api.js"));
const { backend } = await import(dist("compiler-kubeflow", "index.js"));
const { KubeflowOptions } = await import(dist("compiler-kubeflow", "options.js"));

const twins = join(root, "conformance", "kubeflow", "twins");
mkdirSync(out, { recursive: true });
let failed = 0;
for (const name of existsSync(twins) ? readdirSync(twins).sort() : []) {
  const file = join(twins, name, "sluice.ir.yaml");
  if (!existsSync(file)) continue;
  const { ir, diagnostics } = loadIr(readFileSync(file, "utf8"), file);
  const result = ir ? backend.compile(ir, KubeflowOptions.parse({})) : { files: [], diagnostics };
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length || result.files.length !== 1) {
    console.log(`FAIL conformance/kubeflow/twins/${name}/sluice.ir.yaml: ${errors.map((d) => `${d.code} ${d.message}`).join("; ") || "no single output file"}`);
    failed++;
    continue;
  }
  writeFileSync(join(out, `${name}.kubeflow.yaml`), result.files[0].contents);
}
process.exitCode = failed ? 1 : 0;
