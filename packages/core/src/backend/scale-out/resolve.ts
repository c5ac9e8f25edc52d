// The common way to make a ResolveArg: the back end says how one reference reads, the plain
// text and `concat` joining are the same everywhere.
import type { Arg, ArgRef } from "../../ir/index.js";
import type { ResolveArg } from "./types.js";

export function argResolver(resolveRef: (ref: ArgRef) => string): ResolveArg {
  const piece = (p: string | ArgRef) => (typeof p === "string" ? p : resolveRef(p));
  return (arg: Arg) => (typeof arg === "string" ? arg : "concat" in arg ? arg.concat.map(piece).join("") : resolveRef(arg));
}

/** `status.applicationState.state` as a kubectl/Argo JSONPath: `{.status.applicationState.state}`. */
export function statusJsonPath(path: string): string {
  return `{.${path}}`;
}
