import type { JsonValue, ValueType } from "../ir/types.js";

/**
 * Whether a JSON value has a param type of the IR (a scalar, or a list of one scalar type): the
 * one check behind both `--param` values and the values steps write to their output files.
 */
export function fitsType(type: ParamValueType, v: JsonValue): boolean {
  if (type.category === "paramList") return Array.isArray(v) && v.every((x) => fitsScalar(type.items, x));
  return fitsScalar(type.type, v);
}

type ParamValueType = Extract<ValueType, { category: "param" | "paramList" }>;

function fitsScalar(type: string, v: JsonValue): boolean {
  switch (type) {
    case "int":
      return typeof v === "number" && Number.isInteger(v);
    case "float":
      return typeof v === "number";
    case "bool":
      return typeof v === "boolean";
    case "string":
      return typeof v === "string";
    default: // json
      return true;
  }
}
