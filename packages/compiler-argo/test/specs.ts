// Test support: the official Argo specs (../shared/specs/argo) as validators.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import AjvDraft7 from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import { parseAllDocuments } from "yaml";
import { strictCrdSchema } from "../../core/test/crd-schema.js";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** CI checks out ../shared beside the clone; this machine keeps it at /work/shared. */
export function specsDir(): string {
  for (const dir of [resolve(repoRoot, "../shared/specs"), "/work/shared/specs"]) if (existsSync(join(dir, "argo"))) return dir;
  throw new Error("Argo specs not found in ../shared/specs or /work/shared/specs");
}

/** Every document of a YAML file, read with YAML 1.1 rules as Argo's go-yaml does. */
export function readDocuments(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text, { version: "1.1" }).map((d) => d.toJS() as Record<string, unknown>);
}

/** Argo objects only: the ConfigMap of routed strings is plain Kubernetes. */
export function argoDocuments(text: string): Record<string, unknown>[] {
  return readDocuments(text).filter((d) => d.apiVersion === "argoproj.io/v1alpha1");
}

export type Check = (doc: unknown) => string[];

type Validate = ((doc: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params: unknown }[] | null };
type AjvClass = new (options: object) => { compile(schema: object): unknown };

const rootRequire = createRequire(join(repoRoot, "package.json"));
const cacheDir = join(repoRoot, "node_modules/.cache/sluice-argo-specs");

/**
 * Ajv's validator for a spec, compiled once per machine. Reading a 2.8 MB CRD and compiling it
 * took about 10 s of the test run per kind; Ajv's standalone code for it is kept in
 * node_modules/.cache/sluice-argo-specs/ under the hash of the spec file, this file and
 * packages/core/test/crd-schema.ts (which turn the spec into the schema), Ajv's version and its
 * options, so any change to one of them compiles afresh. Written to a temporary name and
 * renamed, so a parallel run never reads half a file.
 */
function cachedValidator(specFile: string, Ajv: AjvClass, options: object, schemaOf: (text: string) => object): Validate {
  const text = readFileSync(specFile, "utf8");
  const key = createHash("sha256")
    .update(text)
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .update(readFileSync(join(repoRoot, "packages/core/test/crd-schema.ts")))
    .update(String((rootRequire("ajv/package.json") as { version: string }).version))
    .update(JSON.stringify(options))
    .digest("hex")
    .slice(0, 24);
  const file = join(cacheDir, `${key}.cjs`);
  if (!existsSync(file)) {
    const ajv = new Ajv({ ...options, code: { source: true } });
    const code = (standaloneCode as unknown as { default: (ajv: unknown, validate: unknown) => string }).default(ajv, ajv.compile(schemaOf(text)));
    mkdirSync(cacheDir, { recursive: true });
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temp, code);
    renameSync(temp, file);
  }
  const module = { exports: {} as { default?: Validate } };
  new Function("require", "module", "exports", readFileSync(file, "utf8"))(rootRequire, module, module.exports);
  return (module.exports.default ?? (module.exports as unknown as Validate));
}

/** The official JSON schema (draft 2020-12); its top-level oneOf picks the kind. */
export function jsonSchemaCheck(): Check {
  const options = { strict: false, allErrors: true, validateFormats: false };
  const validate = cachedValidator(join(specsDir(), "argo/jsonschema/schema.json"), Ajv2020 as unknown as AjvClass, options, (text) => JSON.parse(text));
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message}`));
}

const CRD_FILES: Record<string, string> = {
  Workflow: "argoproj.io_workflows.yaml",
  WorkflowTemplate: "argoproj.io_workflowtemplates.yaml",
  CronWorkflow: "argoproj.io_cronworkflows.yaml",
};

/**
 * The CRD's openAPIV3Schema, made strict as the API server's structural schema is (the adapter
 * is shared with the scale-out CRDs: packages/core/test/crd-schema.ts).
 */
export function crdCheck(kind: string): Check {
  const options = { strict: false, allErrors: true, validateFormats: false };
  const validate = cachedValidator(join(specsDir(), "argo/crds", CRD_FILES[kind]!), AjvDraft7 as unknown as AjvClass, options, (text) => {
    const crd = readDocuments(text)[0] as any;
    return strictCrdSchema(crd.spec.versions[0].schema.openAPIV3Schema);
  });
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
}

/** The golden Argo manifests of every fixture and example, found by glob. */
export function goldenManifests(): string[] {
  const out: string[] = [];
  for (const top of ["fixtures", "examples"]) {
    const base = join(repoRoot, top);
    if (!existsSync(base)) continue;
    for (const c of readdirSync(base).sort()) {
      const dir = join(base, c, "expected");
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir).sort()) if (f.endsWith(".argo.yaml")) out.push(join(dir, f));
    }
  }
  return out;
}
