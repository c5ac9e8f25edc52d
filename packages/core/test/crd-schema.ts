// Test support: a CustomResourceDefinition's openAPIV3Schema as an ajv validator that behaves
// like the API server's structural-schema validation. The adapter, keyword by keyword:
// - a field the schema does not declare is an error (additionalProperties: false wherever the
//   schema lists properties and neither preserves unknown fields nor sets additionalProperties):
//   the API server would prune it silently, so the resource would lose it;
// - x-kubernetes-int-or-string accepts an integer or a string, as the server does;
// - x-kubernetes-embedded-resource objects may also hold apiVersion, kind and metadata;
// - other x-kubernetes-* keywords (list types, map keys, validations in CEL) are dropped: they
//   are checked by the server-side test, not here; formats are not checked (the server checks
//   only a few, and ajv's differ).
import AjvDraft7 from "ajv";
import { parseAllDocuments } from "yaml";

export type Check = (doc: unknown) => string[];

/** Every document of a YAML file, read with YAML 1.1 rules as the Kubernetes tools (go-yaml) do. */
export function readDocuments(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text, { version: "1.1" }).map((d) => d.toJS() as Record<string, unknown>);
}

/** A validator for the CRD's version `version` (its first one by default). */
export function crdSchemaCheck(crd: any, version?: string): Check {
  const v = version ? crd.spec.versions.find((x: any) => x.name === version) : crd.spec.versions[0];
  if (!v) throw new Error(`CRD ${crd.metadata?.name} has no version ${version}`);
  const schema = strictCrdSchema(v.schema.openAPIV3Schema);
  const ajv = new (AjvDraft7 as unknown as typeof AjvDraft7.default)({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile(schema);
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`));
}

export function strictCrdSchema(s: any): any {
  if (Array.isArray(s)) return s.map(strictCrdSchema);
  if (!s || typeof s !== "object") return s;
  const out: any = {};
  for (const [k, v] of Object.entries(s)) {
    if (k.startsWith("x-kubernetes-")) continue;
    out[k] = k === "properties" ? Object.fromEntries(Object.entries(v as object).map(([p, ps]) => [p, strictCrdSchema(ps)])) : strictCrdSchema(v);
  }
  if (s["x-kubernetes-int-or-string"]) {
    delete out.type;
    return { ...out, anyOf: [{ type: "integer" }, { type: "string" }] };
  }
  if (s["x-kubernetes-embedded-resource"]) out.properties = { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" }, ...(out.properties ?? {}) };
  if (s.properties && !s["x-kubernetes-preserve-unknown-fields"] && s.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}
