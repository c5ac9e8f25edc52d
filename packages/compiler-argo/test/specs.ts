// Test support: the official Argo specs (../shared/specs/argo) as validators.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import AjvDraft7 from "ajv";
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

/** The official JSON schema (draft 2020-12); its top-level oneOf picks the kind. */
export function jsonSchemaCheck(): Check {
  const schema = JSON.parse(readFileSync(join(specsDir(), "argo/jsonschema/schema.json"), "utf8"));
  const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile(schema);
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
  const crd = readDocuments(readFileSync(join(specsDir(), "argo/crds", CRD_FILES[kind]!), "utf8"))[0] as any;
  const schema = strictCrdSchema(crd.spec.versions[0].schema.openAPIV3Schema);
  const ajv = new (AjvDraft7 as unknown as typeof AjvDraft7.default)({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile(schema);
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
