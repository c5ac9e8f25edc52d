// The KFP v2beta1 swagger (../shared/specs/kubeflow/swagger) as a router and a validator: every
// request the emulator gets and every answer it gives is checked against it with ajv, and each
// mismatch is recorded, so a test fails on any of them.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Ajv = require("ajv");

const SWAGGER = "kubeflow/swagger/kfp_api_single_file.swagger.json";
/** CI checks out ../shared beside the clone; this machine keeps it at /work/shared. */
export const SPEC_FILE =
  process.env.SLUICE_KFP_SWAGGER ?? [fileURLToPath(new URL(`../../../shared/specs/${SWAGGER}`, import.meta.url)), `/work/shared/specs/${SWAGGER}`].find((f) => existsSync(f)) ?? `../shared/specs/${SWAGGER}`;

/**
 * Two readings of the spec that the real server (grpc-gateway with protojson) makes and a plain
 * JSON-schema reading would not:
 * - int64 fields are strings in the swagger, but protojson reads a JSON number too (the kfp SDK
 *   sends `max_concurrency: 1`), so both are accepted;
 * - protojson refuses unknown fields, so every object with declared properties gets
 *   `additionalProperties: false` (the swagger leaves it open). Free-form objects
 *   (`pipeline_spec`, `parameters`) stay free.
 */
function tighten(schema) {
  if (Array.isArray(schema)) return schema.map(tighten);
  if (typeof schema !== "object" || schema === null) return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === "properties" ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, tighten(s)])) : tighten(v);
  if (out.type === "string" && (out.format === "int64" || out.format === "uint64")) out.type = ["string", "integer"];
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  // `{type: object, $ref}`: draft-07 ignores siblings of $ref; keep only the reference.
  if (out.$ref) return { $ref: out.$ref };
  return out;
}

export function loadSpec(file = SPEC_FILE) {
  const raw = JSON.parse(readFileSync(file, "utf8"));
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: "kfp", definitions: tighten(raw.definitions) });
  const routes = [];
  for (const [path, item] of Object.entries(raw.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const names = [];
      const pattern = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{([^}]+)\\?\}/g, (_m, name) => {
        names.push(name.replace(/\\/g, ""));
        return "([^/:]+)";
      });
      routes.push({ method: method.toUpperCase(), path, op, names, regex: new RegExp(`^${pattern}$`) });
    }
  }
  // Literal paths before templated ones (`/pipelines/upload` before `/pipelines/{pipeline_id}`).
  routes.sort((a, b) => a.names.length - b.names.length);
  const validators = new Map();
  const validate = (schema, value) => {
    const full = JSON.stringify(schema).replace(/"#\/definitions\//g, '"kfp#/definitions/');
    let fn = validators.get(full);
    if (!fn) validators.set(full, (fn = ajv.compile(tighten(JSON.parse(full)))));
    return fn(value) ? [] : fn.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`);
  };
  return { routes, validate };
}

/** The operation a request is for, with its path params; undefined when the spec has none. */
export function route(spec, method, path) {
  for (const r of spec.routes) {
    if (r.method !== method) continue;
    const m = r.regex.exec(path);
    if (m) return { route: r, params: Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return undefined;
}

/** Problems of a request against its operation: query params, the JSON body, the multipart form. */
export function checkRequest(spec, r, query, body, form) {
  const problems = [];
  const params = r.op.parameters ?? [];
  for (const [key, value] of Object.entries(query)) {
    const p = params.find((x) => x.in === "query" && x.name === key);
    if (!p) problems.push(`query parameter "${key}" is not in the spec`);
    else if (p.type === "integer" && !/^-?\d+$/.test(value)) problems.push(`query parameter "${key}" must be an integer, not "${value}"`);
  }
  for (const p of params.filter((x) => x.required && x.in === "query")) if (!(p.name in query)) problems.push(`query parameter "${p.name}" is required`);
  const bodyParam = params.find((x) => x.in === "body");
  if (bodyParam) {
    if (body === undefined) problems.push("a JSON body is required");
    else problems.push(...spec.validate(bodyParam.schema, body).map((e) => `body${e}`));
  } else if (body !== undefined && Object.keys(body).length > 0) problems.push("this operation takes no body");
  const files = params.filter((x) => x.in === "formData");
  if (files.length > 0) {
    if (!form) problems.push("a multipart/form-data body is required");
    else {
      for (const f of files) if (f.required && !form.has(f.name)) problems.push(`form field "${f.name}" is required`);
      for (const key of form.keys()) if (!files.some((f) => f.name === key)) problems.push(`form field "${key}" is not in the spec`);
    }
  } else if (form) problems.push("this operation takes no form");
  return problems;
}

/** Problems of an answer: the 200 schema, or googleRpcStatus for an error. */
export function checkResponse(spec, r, status, body) {
  const responses = r.op.responses ?? {};
  const schema = status === 200 ? responses["200"]?.schema : responses.default?.schema;
  if (!schema) return [`no response ${status} in the spec`];
  return spec.validate(schema, body).map((e) => `response ${status}${e}`);
}
