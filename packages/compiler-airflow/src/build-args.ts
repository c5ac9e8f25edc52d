import { type Arg, type Component, escapeKubernetesExpansion } from "@sluice/core/backend";
import { literalText, type Value } from "./build-values.js";
import { jinjaStr } from "./python.js";
import type { PyValue } from "./view-model.js";

/**
 * Turns a step's command-line pieces into operator arguments.
 *
 * Pods (`kubernetes`): Kubernetes expands `$(VAR)` in command, args and env values, and `$$` is
 * its escape, so every `$` of user text is doubled (at compile time for text Sluice knows, with a
 * Jinja `replace` for values known at run time).
 * Markers (`{"output": ...}`, `{"artifact": ...}`, `{"concat": [...]}`) stand for what only the
 * running local process knows (its output paths); `run_local_step` replaces them (see
 * docs/targets/airflow.md, "What a step receives").
 */
export interface ArgMode {
  kubernetes: boolean;
  /** Inside a mapped task group: artifact URIs get the task's map index. */
  mapped: boolean;
  /** Full task id and artifact root, for artifact URIs of unmapped pods. */
  fullId: string;
  artifactRoot: string;
  /**
   * True where an artifact output stands for the file the step writes in the pod (object-store
   * mode: the transfer sidecar uploads it), false where it stands for its stored location.
   */
  localArtifacts?: boolean;
}

/** One piece of an argument: a resolved value or an output location. */
export type ArgPiece = Value | { output: string; artifact: boolean } | { folder: Value };

/** The fixed path inside the pod where a parameter output is written. */
export function podOutputPath(component: Component, name: string): string {
  const index = component.outputs.findIndex((o) => o.name === name);
  return `/tmp/sluice/outputs/${/^[A-Za-z0-9_-]+$/.test(name) ? name : `output-${index}`}`;
}

const dollar = (text: string, mode: ArgMode) => (mode.kubernetes ? escapeKubernetesExpansion(text) : text);
const SAFE_TEMPLATE_TEXT = /^[A-Za-z0-9_.\-/:@=+,]*$/;

function template(jinjaExpr: string, mode: ArgMode): PyValue {
  // A filter binds tighter than `~`, so a joined expression is parenthesised before the replace.
  const whole = jinjaExpr.includes(" ~ ") ? `(${jinjaExpr})` : jinjaExpr;
  return { kind: "template", value: mode.kubernetes ? `{{ ${whole} | replace('$', '$$') }}` : `{{ ${jinjaExpr} }}` };
}

/** `<root>/<dag id>/<run id>/<task id>[/<map index>]/<output>` as a Jinja expression. */
export function artifactUriExpr(name: string, mode: ArgMode): string {
  const head = `${jinjaStr(mode.artifactRoot + "/")} ~ dag.dag_id ~ '/' ~ run_id ~ `;
  if (!mode.mapped) return `${head}${jinjaStr(`/${mode.fullId}/${name}`)}`;
  return `${head}${jinjaStr("/" + mode.fullId + "/")} ~ ti.map_index ~ ${jinjaStr("/" + name)}`;
}

function artifactUri(name: string, mode: ArgMode): PyValue {
  const index = mode.mapped ? "/{{ ti.map_index }}" : "";
  if (SAFE_TEMPLATE_TEXT.test(mode.artifactRoot) && SAFE_TEMPLATE_TEXT.test(mode.fullId) && SAFE_TEMPLATE_TEXT.test(name)) {
    return { kind: "template", value: `${mode.artifactRoot}/{{ dag.dag_id }}/{{ run_id }}/${mode.fullId}${index}/${name}` };
  }
  return { kind: "template", value: `{{ ${artifactUriExpr(name, mode)} }}` };
}

const marker = (key: string, value: PyValue): PyValue => ({ kind: "dict", entries: [[key, value]] });

/** True when a piece can only be known by the running task (so it needs a marker). */
function needsMarker(p: ArgPiece, mode: ArgMode): boolean {
  if ("folder" in p) return true;
  if ("output" in p) return !mode.kubernetes;
  if ("concat" in p) return p.concat.some((x) => needsMarker(x, mode));
  return false;
}

export function pieceToPy(p: ArgPiece, component: Component, mode: ArgMode): PyValue {
  // A list of artifacts for a local process: run_local_step links its items into a folder.
  if ("folder" in p) return marker("folder", pieceToPy(p.folder, component, mode));
  if ("lit" in p) return { kind: "userText", value: dollar(literalText(p.lit), mode) };
  if ("expr" in p) return template(p.expr, mode);
  if ("output" in p) {
    if (needsMarker(p, mode)) return marker(p.artifact ? "artifact" : "output", { kind: "str", value: p.output });
    return p.artifact && !mode.localArtifacts ? artifactUri(p.output, mode) : { kind: "userText", value: podOutputPath(component, p.output) };
  }
  return concatToPy(p.concat, component, mode);
}

/** Joined pieces: one literal, one generated template, or a concat marker when a piece needs one. */
export function concatToPy(pieces: ArgPiece[], component: Component, mode: ArgMode): PyValue {
  const flat: ArgPiece[] = pieces.flatMap((p): ArgPiece[] => ("concat" in p ? p.concat : [p]));
  if (flat.length === 1) return pieceToPy(flat[0]!, component, mode);
  if (flat.every((p) => "lit" in p)) return { kind: "userText", value: dollar(flat.map((p) => literalText((p as { lit: never }).lit)).join(""), mode) };
  if (flat.some((p) => needsMarker(p, mode))) {
    return marker("concat", { kind: "list", items: flat.map((p) => pieceToPy(p, component, mode)) });
  }
  const parts = flat.map((p) => {
    if ("lit" in p) return jinjaStr(literalText(p.lit));
    if ("expr" in p) return `(${p.expr})`;
    // Only an output location of a pod is left: an artifact URI, or a file the step writes in the pod.
    const out = p as { output: string; artifact: boolean };
    return out.artifact && !mode.localArtifacts ? artifactUriExpr(out.output, mode) : jinjaStr(podOutputPath(component, out.output));
  });
  return template(parts.join(" ~ "), mode);
}

/**
 * Resolves one command or args element of a component against the task's resolved inputs.
 * Returns undefined for an optional input with no value, whose element is left out.
 */
export function argPieces(arg: Arg, component: Component, inputs: Map<string, ArgPiece>): ArgPiece[] | undefined {
  const parts = typeof arg === "object" && "concat" in arg ? arg.concat : [arg];
  const out: ArgPiece[] = [];
  for (const part of parts) {
    if (typeof part === "string") out.push({ lit: part });
    else if ("outputPath" in part) {
      const o = component.outputs.find((x) => x.name === part.outputPath);
      out.push({ output: part.outputPath, artifact: o !== undefined && (o.type.category === "artifact" || o.type.category === "artifactList") });
    } else {
      const v = inputs.get("inputValue" in part ? part.inputValue : part.inputPath);
      if (v === undefined) return undefined;
      out.push(v);
    }
  }
  return out;
}
