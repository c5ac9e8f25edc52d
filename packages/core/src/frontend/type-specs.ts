// Declared inputs, outputs and pipeline params (`param.float({ default: 0.2 })`...) turned into
// IR types, with their defaults and enums checked against the declared type.
import type { ts } from "ts-morph";
import type { ComponentInput, ComponentOutput, JsonValue, PipelineParam, ValueType } from "../ir/index.js";
import { describeType } from "../ir/index.js";
import type { FrontendContext } from "./context.js";
import { canonicalJson } from "../ir/hash.js";
import { type ConstValue, describeValue, isConstObject, nodeOfProperty, TypeSpecValue } from "./values.js";

/** Whether a JSON value fits a declared type (used for defaults, enums and literal inputs). */
export function jsonFits(type: ValueType, v: JsonValue): boolean {
  switch (type.category) {
    case "param":
      return scalarFits(type.type, v);
    case "paramList":
      return Array.isArray(v) && v.every((x) => scalarFits(type.items, x));
    default:
      return false;
  }
}

function scalarFits(type: string, v: JsonValue): boolean {
  switch (type) {
    case "string":
      return typeof v === "string";
    case "int":
      // Past 2^53 a JavaScript number no longer holds every integer: 9007199254740993 would be
      // compiled as ...992. Refused rather than rounded; pass such ids as strings.
      return typeof v === "number" && Number.isSafeInteger(v);
    case "float":
      return typeof v === "number" && Number.isFinite(v);
    case "bool":
      return typeof v === "boolean";
    default:
      return true;
  }
}

/** Reads `{ name: param.x(), ... }`; entries that are not type declarations are reported. */
export function readSpecs(ctx: FrontendContext, obj: ConstValue | undefined, what: string, fallback: ts.Node): [string, TypeSpecValue, ts.Node][] {
  if (obj === undefined) return [];
  if (!isConstObject(obj)) {
    ctx.report("badDefinition", fallback, `\`${what}\` must be an object of param.*() and artifact.*() declarations`);
    return [];
  }
  const out: [string, TypeSpecValue, ts.Node][] = [];
  for (const [name, spec] of Object.entries(obj)) {
    if (spec instanceof TypeSpecValue) out.push([name, spec, nodeOfProperty(obj, name, spec.node)]);
    else ctx.report("badDefinition", nodeOfProperty(obj, name, fallback), `\`${what}.${name}\` must be a param.*() or artifact.*() declaration, got ${describeValue(spec)}`);
  }
  return out;
}

/** Checks default and enum against the type; returns false after reporting a problem. */
function checkOptions(ctx: FrontendContext, name: string, spec: TypeSpecValue): boolean {
  const { type, options } = spec;
  const isArtifact = type.category === "artifact" || type.category === "artifactList";
  if (options.enum !== undefined && (isArtifact || !options.enum.every((e) => jsonFits(type, e)))) {
    ctx.report("badDefault", spec.node, name, describeType(type), `enum ${describeValue(options.enum)}`);
    return false;
  }
  if (options.default === undefined) return true;
  if (isArtifact || !jsonFits(type, options.default)) {
    const why = type.category === "param" && type.type === "int" && typeof options.default === "number" && Number.isInteger(options.default) ? " (beyond 2^53, where JavaScript numbers lose digits: use a string)" : "";
    ctx.report("badDefault", spec.node, name, isArtifact ? "value produced at run time (artifacts have no defaults)" : describeType(type), `${describeValue(options.default)}${why}`);
    return false;
  }
  if (options.enum && !options.enum.some((e) => canonicalJson(e) === canonicalJson(options.default))) {
    ctx.report("defaultNotInEnum", spec.node, name, describeValue(options.default));
    return false;
  }
  return true;
}

export function toComponentInput(ctx: FrontendContext, name: string, spec: TypeSpecValue): ComponentInput {
  checkOptions(ctx, name, spec);
  const o = spec.options;
  return {
    name,
    type: spec.type,
    ...(o.default !== undefined ? { default: o.default } : {}),
    ...(o.optional ? { optional: true } : {}),
    ...(o.description !== undefined ? { description: o.description } : {}),
    ...(o.enum !== undefined ? { enum: o.enum } : {}),
  };
}

export function toComponentOutput(ctx: FrontendContext, name: string, spec: TypeSpecValue): ComponentOutput {
  if (spec.options.default !== undefined) ctx.report("badDefinition", spec.node, `output \`${name}\` cannot have a default: the step writes it`);
  return { name, type: spec.type, ...(spec.options.description !== undefined ? { description: spec.options.description } : {}) };
}

export function toPipelineParam(ctx: FrontendContext, name: string, spec: TypeSpecValue, at: ts.Node): PipelineParam {
  checkOptions(ctx, name, spec);
  const o = spec.options;
  return {
    name,
    type: spec.type,
    ...(o.default !== undefined ? { default: o.default } : {}),
    ...(o.description !== undefined ? { description: o.description } : {}),
    ...(o.enum !== undefined ? { enum: o.enum } : {}),
    span: ctx.spanText(at),
  };
}

/** Whether a call may leave the input out. */
export function isOptionalInput(input: { default?: JsonValue; optional?: boolean }): boolean {
  return input.default !== undefined || input.optional === true;
}

export { describeValue };
