/** IR value types as KFP parameter types and artifact schemas. */
import type { ArtifactKind, JsonValue, ScalarType, ValueType } from "@sluice/core/backend";
import type { ArtifactTypeSchema, ParameterType } from "./types.js";

const SCALAR: Record<ScalarType, ParameterType> = {
  string: "STRING",
  int: "NUMBER_INTEGER",
  float: "NUMBER_DOUBLE",
  bool: "BOOLEAN",
  json: "STRUCT",
};

const ARTIFACT: Record<ArtifactKind, string> = {
  dataset: "system.Dataset",
  model: "system.Model",
  metrics: "system.Metrics",
  html: "system.HTML",
  markdown: "system.Markdown",
  artifact: "system.Artifact",
};

/**
 * The KFP parameter type of a parameter value. A `json` value is a STRUCT unless its default (or
 * a literal) shows it is a list: KFP checks the runtime value against the declared type.
 */
export function parameterType(t: ValueType, sample?: JsonValue): ParameterType {
  if (t.category === "paramList") return "LIST";
  if (t.category === "param") return t.type === "json" && Array.isArray(sample) ? "LIST" : SCALAR[t.type];
  throw new Error(`IR invariant broken: ${t.category} is not a parameter type`);
}

export function scalarParameterType(t: ScalarType): ParameterType {
  return SCALAR[t];
}

export function artifactType(kind: ArtifactKind): ArtifactTypeSchema {
  return { schemaTitle: ARTIFACT[kind], schemaVersion: "0.0.1" };
}

export function isArtifact(t: ValueType): boolean {
  return t.category === "artifact" || t.category === "artifactList";
}

/** The type of one item of a literal loop list, as kfp infers it for `raw` iterators. */
export function literalItemType(items: JsonValue[]): ParameterType {
  if (items.every((i) => typeof i === "string")) return "STRING";
  if (items.every((i) => typeof i === "boolean")) return "BOOLEAN";
  if (items.every((i) => typeof i === "number" && Number.isInteger(i))) return "NUMBER_INTEGER";
  if (items.every((i) => typeof i === "number")) return "NUMBER_DOUBLE";
  if (items.every((i) => Array.isArray(i))) return "LIST";
  return "STRUCT";
}
