/** Finding and reading KFP YAML files for the tests (generated goldens and kfp's own examples). */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { kubeflowProtoDir } from "./strict-proto.js";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

/** Every committed `*.kubeflow.yaml` golden of fixtures/ and examples/, relative to the repo root. */
export function kubeflowGoldens(): string[] {
  const out: string[] = [];
  for (const folder of ["fixtures", "examples"]) {
    const base = join(repoRoot, folder);
    if (!existsSync(base)) continue;
    for (const c of readdirSync(base).sort()) {
      const expected = join(base, c, "expected");
      if (!existsSync(expected)) continue;
      for (const f of readdirSync(expected).sort()) if (f.endsWith(".kubeflow.yaml")) out.push(`${folder}/${c}/expected/${f}`);
    }
  }
  return out;
}

/** kfp's own compiled examples (../shared/specs/kubeflow/examples). */
export function kfpExamplesDir(): string {
  return join(kubeflowProtoDir(), "..", "examples");
}

/**
 * The YAML documents of a file. Sluice's files are read as YAML 1.1, like PyYAML reads them; kfp's
 * own examples use escapes (`\ ` in double quotes) that the yaml package reads right only in 1.2.
 */
export function readDocuments(path: string, version: "1.1" | "1.2" = "1.1"): Record<string, unknown>[] {
  return parseAllDocuments(readFileSync(path, "utf8"), { version }).map((d) => d.toJS() as Record<string, unknown>);
}
