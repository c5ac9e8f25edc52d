// Test support: hand-written IR documents (packages/compiler-argo/test/ir/*.yaml) and the
// repository's worked example, compiled by the Argo back end.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { type Pipeline, loadIr } from "@sluice/core/backend";
import { compileArgo } from "../src/index.js";
import type { ArgoOptions } from "../src/options.js";
import { repoRoot } from "./specs.js";

export function loadIrFile(path: string): Pipeline {
  const { ir, diagnostics } = loadIr(readFileSync(path, "utf8"), path);
  if (!ir) throw new Error(`${path}: ${JSON.stringify(diagnostics)}`);
  return ir;
}

export function irExample(): Pipeline {
  return loadIrFile(join(repoRoot, "docs/ir-example.yaml"));
}

export const IR_DIR = join(repoRoot, "packages/compiler-argo/test/ir");

export function irFixtures(): { name: string; ir: Pipeline }[] {
  return readdirSync(IR_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => ({ name: f, ir: loadIrFile(join(IR_DIR, f)) }));
}

export function compile(ir: Pipeline, options: Partial<ArgoOptions> = {}) {
  return compileArgo(ir, options as ArgoOptions);
}

/** The single manifest text of a compile that must succeed. */
export function compileText(ir: Pipeline, options: Partial<ArgoOptions> = {}): string {
  const r = compile(ir, options);
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (errors.length || r.files.length !== 1) throw new Error(`compile failed: ${JSON.stringify(r.diagnostics)}`);
  return r.files[0]!.contents;
}
