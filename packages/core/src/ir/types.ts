import { z } from "zod";

/** Scalar parameter types a step input, output or pipeline param can have. */
export const ScalarType = z.enum(["string", "int", "float", "bool", "json"]);
export type ScalarType = z.infer<typeof ScalarType>;

/** Artifact kinds, in the vocabulary of KFP's system types. */
export const ArtifactKind = z.enum(["dataset", "model", "metrics", "html", "markdown", "artifact"]);
export type ArtifactKind = z.infer<typeof ArtifactKind>;

/**
 * The type of a value flowing through the pipeline. `param` is a small value passed by value;
 * `artifact` is a file or folder kept in the target's artifact store. Lists are one level deep:
 * a list param (fan-out items) or the fan-in of a loop.
 */
export const ValueType = z.discriminatedUnion("category", [
  z.object({ category: z.literal("param"), type: ScalarType }).strict(),
  z.object({ category: z.literal("paramList"), items: ScalarType }).strict(),
  z.object({ category: z.literal("artifact"), kind: ArtifactKind }).strict(),
  z.object({ category: z.literal("artifactList"), kind: ArtifactKind }).strict(),
]);
export type ValueType = z.infer<typeof ValueType>;

/** Any JSON value: literals, defaults and enum members. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const JsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue), z.record(z.string(), JsonValue)]),
);

/**
 * Where a node came from, as `file:line:column` (1-based, file relative to the project root),
 * the same form tsc prints, so a reviewer can click it and later stages can report located errors.
 */
export const SourceSpan = z.string().regex(/^.+:\d+:\d+$/, "expected file:line:column");
export type SourceSpan = z.infer<typeof SourceSpan>;

export function isArtifactType(t: ValueType): t is Extract<ValueType, { category: "artifact" | "artifactList" }> {
  return t.category === "artifact" || t.category === "artifactList";
}

export function isListType(t: ValueType): boolean {
  return t.category === "paramList" || t.category === "artifactList";
}

/** `list<float>`, `model`, `list<dataset>`: how types are named in messages and docs. */
export function describeType(t: ValueType): string {
  switch (t.category) {
    case "param":
      return t.type;
    case "paramList":
      return `list<${t.items}>`;
    case "artifact":
      return t.kind;
    case "artifactList":
      return `list<${t.kind}>`;
  }
}
