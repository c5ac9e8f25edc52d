// Compiles the Argo back end's own IR fixtures (packages/compiler-argo/test/ir/*.yaml and
// docs/ir-example.yaml, in each kind) into OUT_DIR, so that run.sh lints them beside the goldens.
// Needs a build (pnpm run build).
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const { loadIr } = await import(join(root, "packages/core/dist/backend-api.js"));
const { compileArgo } = await import(join(root, "packages/compiler-argo/dist/index.js"));
const out = process.argv[2];
mkdirSync(out, { recursive: true });

const irDir = join(root, "packages/compiler-argo/test/ir");
const inputs = [join(root, "docs/ir-example.yaml"), ...readdirSync(irDir).filter((f) => f.endsWith(".yaml")).sort().map((f) => join(irDir, f))];
const variants = [
  ["", {}],
  ["-template", { kind: "template" }],
];
let failed = 0;
for (const file of inputs) {
  const { ir, diagnostics } = loadIr(readFileSync(file, "utf8"), file);
  if (!ir) {
    console.error(`cannot read ${file}: ${JSON.stringify(diagnostics)}`);
    failed++;
    continue;
  }
  for (const [suffix, options] of variants) {
    const r = compileArgo(ir, options);
    if (r.files.length !== 1) {
      console.error(`cannot compile ${file}: ${JSON.stringify(r.diagnostics)}`);
      failed++;
      continue;
    }
    writeFileSync(join(out, `${ir.metadata.name}${suffix}.argo.yaml`), r.files[0].contents);
  }
}
process.exit(failed ? 1 : 0);
