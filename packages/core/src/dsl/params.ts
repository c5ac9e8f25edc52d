import type { ArtifactKindName, ArtifactSpec, Json, ParamOptions, ParamSpec } from "./types.js";

/** A call may leave an input out when it has a default or is marked optional. */
type IsOptional<O> = O extends { default: unknown } ? true : O extends { optional: true } ? true : false;

function paramSpec(type: string, options: object | undefined, items?: unknown): any {
  return { category: "param", type, ...(items ? { items } : {}), ...(options ?? {}) };
}

/** Parameter types: small values passed by value. */
export const param = {
  string: <const O extends ParamOptions<string>>(options?: O): ParamSpec<string, IsOptional<O>> => paramSpec("string", options),
  int: <const O extends ParamOptions<number>>(options?: O): ParamSpec<number, IsOptional<O>> => paramSpec("int", options),
  float: <const O extends ParamOptions<number>>(options?: O): ParamSpec<number, IsOptional<O>> => paramSpec("float", options),
  bool: <const O extends ParamOptions<boolean>>(options?: O): ParamSpec<boolean, IsOptional<O>> => paramSpec("bool", options),
  json: <const O extends ParamOptions<Json>>(options?: O): ParamSpec<Json, IsOptional<O>> => paramSpec("json", options),
  list: <T, const O extends ParamOptions<readonly T[]>>(items: ParamSpec<T, any>, options?: O): ParamSpec<readonly T[], IsOptional<O>> =>
    paramSpec("list", options, items),
};

export interface ArtifactOptions {
  description?: string;
  optional?: boolean;
}

function artifactSpec<K extends ArtifactKindName>(kind: K) {
  return <const O extends ArtifactOptions>(options?: O): ArtifactSpec<K, false, IsOptional<O>> => ({ category: "artifact", kind, ...(options ?? {}) }) as any;
}

/** Artifact types: files or folders kept in the target's artifact store. */
export const artifact = {
  dataset: artifactSpec("dataset"),
  model: artifactSpec("model"),
  metrics: artifactSpec("metrics"),
  html: artifactSpec("html"),
  markdown: artifactSpec("markdown"),
  artifact: artifactSpec("artifact"),
  /** A list of artifacts of one kind: the fan-in of a `.map` over a loop. */
  list: <K extends ArtifactKindName, const O extends ArtifactOptions>(item: ArtifactSpec<K, false, any>, options?: O): ArtifactSpec<K, true, IsOptional<O>> =>
    ({ category: "artifact", kind: item.kind, list: true, ...(options ?? {}) }) as any,
};
