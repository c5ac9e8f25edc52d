/**
 * A strict protobuf check of KFP YAML, without Python: the objects are checked against
 * pipeline_spec.proto and kubernetes_executor_config.proto (../shared/specs/kubeflow/proto) with
 * protobufjs. protobufjs' own fromObject ignores unknown fields, so `strictErrors` walks the JSON
 * beside the message type and reports every field the schema does not have, every wrong scalar,
 * unknown enum value and oneof with two members set; then fromObject + verify run on top.
 * Used by tests only (excluded from the package build).
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";

/** ../shared/specs/kubeflow/proto beside the repository (CI), else /work/shared/specs. */
export function kubeflowProtoDir(): string {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
  for (const candidate of [join(repoRoot, "../shared/specs/kubeflow/proto"), "/work/shared/specs/kubeflow/proto"]) {
    if (existsSync(join(candidate, "pipeline_spec.proto"))) return candidate;
  }
  throw new Error("kubeflow protos not found in ../shared/specs/kubeflow/proto nor /work/shared/specs/kubeflow/proto");
}

export function loadKubeflowProtos(): protobuf.Root {
  const dir = kubeflowProtoDir();
  const root = new protobuf.Root();
  // Google's well-known types come with protobufjs; everything else resolves inside the proto dir.
  root.resolvePath = (_origin, target) => (target.startsWith("google/protobuf/") || target.startsWith(dir) ? target : join(dir, target));
  root.loadSync(["pipeline_spec.proto", "kubernetes_executor_config.proto"], { keepCase: false });
  root.resolveAll();
  return root;
}

/** Every way `value` departs from message type `typeName`, as `path: problem` lines. */
export function strictErrors(root: protobuf.Root, typeName: string, value: unknown): string[] {
  const type = root.lookupType(typeName);
  const errors: string[] = [];
  const converted = checkMessage(type, value, typeName, errors);
  if (errors.length === 0) {
    const message = type.fromObject(converted as Record<string, unknown>);
    const problem = type.verify(message);
    if (problem) errors.push(`${typeName}: ${problem}`);
  }
  return errors;
}

/**
 * Checks `value` (proto3 JSON) against `type` and returns it in the object form protobufjs'
 * fromObject expects (well-known JSON types such as Value and Duration converted).
 */
function checkMessage(type: protobuf.Type, value: unknown, path: string, errors: string[]): unknown {
  if (type.fullName === ".google.protobuf.Value") return jsonToValue(value);
  if (type.fullName === ".google.protobuf.Struct") return isObject(value) ? jsonToStruct(value) : void errors.push(`${path}: expected an object`);
  if (type.fullName === ".google.protobuf.ListValue") return Array.isArray(value) ? { values: value.map(jsonToValue) } : void errors.push(`${path}: expected a list`);
  if (type.fullName === ".google.protobuf.Duration") {
    if (typeof value !== "string" || !/^-?\d+(\.\d+)?s$/.test(value)) return void errors.push(`${path}: expected a duration like "30s"`);
    const seconds = Number(value.slice(0, -1));
    return { seconds: Math.trunc(seconds), nanos: Math.round((seconds % 1) * 1e9) };
  }
  if (!isObject(value)) return void errors.push(`${path}: expected an object for ${type.name}`);
  const byJsonName = new Map(type.fieldsArray.map((f) => [f.name, f]));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const field = byJsonName.get(key) ?? type.fieldsArray.find((f) => snakeToCamel(f.name) === key);
    if (!field) {
      errors.push(`${path}.${key}: no such field in ${type.name}`);
      continue;
    }
    out[field.name] = checkField(field, v, `${path}.${key}`, errors);
  }
  for (const oneof of type.oneofsArray) {
    const set = oneof.fieldsArray.filter((f) => (value as Record<string, unknown>)[f.name] !== undefined);
    if (set.length > 1) errors.push(`${path}: oneof ${oneof.name} has ${set.map((f) => f.name).join(" and ")}`);
  }
  return out;
}

function jsonToValue(v: unknown): Record<string, unknown> {
  if (v === null) return { nullValue: 0 };
  if (typeof v === "number") return { numberValue: v };
  if (typeof v === "string") return { stringValue: v };
  if (typeof v === "boolean") return { boolValue: v };
  if (Array.isArray(v)) return { listValue: { values: v.map(jsonToValue) } };
  return { structValue: jsonToStruct(v as Record<string, unknown>) };
}

function jsonToStruct(v: Record<string, unknown>): Record<string, unknown> {
  return { fields: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonToValue(x)])) };
}

function checkField(field: protobuf.Field, value: unknown, path: string, errors: string[]): unknown {
  field.resolve();
  if (field instanceof protobuf.MapField) {
    if (!isObject(value)) return void errors.push(`${path}: expected a map`);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, checkValue(field, v, `${path}[${JSON.stringify(k)}]`, errors)]));
  }
  if (field.repeated) {
    if (!Array.isArray(value)) return void errors.push(`${path}: expected a list`);
    return value.map((v, i) => checkValue(field, v, `${path}[${i}]`, errors));
  }
  return checkValue(field, value, path, errors);
}

function checkValue(field: protobuf.Field, value: unknown, path: string, errors: string[]): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) return checkMessage(resolved, value, path, errors);
  if (resolved instanceof protobuf.Enum) {
    if (typeof value === "string" ? !(value in resolved.values) : typeof value !== "number") errors.push(`${path}: ${String(value)} is not a ${resolved.name}`);
    return value;
  }
  if (!scalarOk(field.type, value)) errors.push(`${path}: ${JSON.stringify(value)} is not a ${field.type}`);
  return value;
}

function scalarOk(type: string, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "bool":
      return typeof value === "boolean";
    case "double":
    case "float":
      return typeof value === "number";
    case "int32":
    case "uint32":
    case "sint32":
    case "fixed32":
    case "sfixed32":
      return typeof value === "number" && Number.isInteger(value);
    case "int64":
    case "uint64":
    case "sint64":
    case "fixed64":
    case "sfixed64":
      // proto3 JSON writes 64-bit integers as decimal strings (kfp-kubernetes does), or numbers.
      return (typeof value === "string" && /^-?\d+$/.test(value)) || (typeof value === "number" && Number.isInteger(value));
    case "bytes":
      return typeof value === "string";
    default:
      return false;
  }
}

function snakeToCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
