import type { Arg, Component } from "@sluice/core/backend";
import { literalText, type Value } from "./build-values.js";
import { jinjaStr } from "./python.js";
import type { PyValue } from "./view-model.js";

/**
 * Turns a step's command-line pieces into operator arguments.
 *
 * Pods (`kubernetes`): Kubernetes expands `$(VAR)` in command, args and env values, and `$$` is
 * its escape, so every `$` of user text is doubled (at compile time for text Sluice knows, with a
 * Jinja `replace` for values known at run time, in the expand helper for loop items).
 * Markers (`{"item": ...}`, `{"sibling": [task, output]}`, `{"output": ...}`, `{"artifact": ...}`,
 * `{"concat": [...]}`) stand for
 * what only the running task knows; the file's helper functions replace them (see
 * docs/targets/airflow.md, "What a step receives").
 */
export interface ArgMode {
  kubernetes: boolean;
  /** Inside a mapped task: the values are built by the expand helper, not rendered by Jinja. */
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

const dollar = (text: string, mode: ArgMode) => (mode.kubernetes ? doubleDollars(text) : text);

/** Kubernetes reads `$$` as one `$`, so doubling every `$` keeps `$(VAR)` and `$$` as written. */
export function doubleDollars(text: string): string {
  return text.replaceAll("$", () => "$$");
}
const SAFE_TEMPLATE_TEXT = /^[A-Za-z0-9_.\-/:@=+,]*$/;

function template(jinjaExpr: string, mode: ArgMode): PyValue {
  // A filter binds tighter than `~`, so a joined expression is parenthesised before the replace.
  const whole = jinjaExpr.includes(" ~ ") ? `(${jinjaExpr})` : jinjaExpr;
  return { kind: "template", value: mode.kubernetes ? `{{ ${whole} | replace('$', '$$') }}` : `{{ ${jinjaExpr} }}` };
}

function artifactUri(name: string, mode: ArgMode): PyValue {
  const tail = `${mode.fullId}/${name}`;
  if (SAFE_TEMPLATE_TEXT.test(mode.artifactRoot) && SAFE_TEMPLATE_TEXT.test(tail)) {
    return { kind: "template", value: `${mode.artifactRoot}/{{ dag.dag_id }}/{{ run_id }}/${tail}` };
  }
  return { kind: "template", value: `{{ ${jinjaStr(mode.artifactRoot + "/")} ~ dag.dag_id ~ '/' ~ run_id ~ ${jinjaStr("/" + tail)} }}` };
}

const marker = (key: string, value: PyValue): PyValue => ({ kind: "dict", entries: [[key, value]] });

/** True when a piece can only be known by the running task (so it needs a marker). */
function needsMarker(p: ArgPiece, mode: ArgMode): boolean {
  if ("item" in p || "sibling" in p || "folder" in p) return true;
  if ("output" in p) return !mode.kubernetes || (p.artifact && mode.mapped && !mode.localArtifacts);
  if ("concat" in p) return p.concat.some((x) => needsMarker(x, mode));
  return false;
}

export function pieceToPy(p: ArgPiece, component: Component, mode: ArgMode): PyValue {
  // A list of artifacts for a local process: run_local_step links its items into a folder.
  if ("folder" in p) return marker("folder", pieceToPy(p.folder, component, mode));
  if ("lit" in p) return { kind: "userText", value: dollar(literalText(p.lit), mode) };
  if ("expr" in p) return template(p.expr, mode);
  if ("item" in p) return marker("item", p.item === undefined ? { kind: "json", value: null } : { kind: "str", value: p.item });
  if ("sibling" in p) return marker("sibling", { kind: "list", items: [{ kind: "str", value: p.sibling.fullId }, { kind: "str", value: p.sibling.output }] });
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
    const out = p as { output: string; artifact: boolean };
    // A file the step writes in the pod: its fixed path.
    if (!out.artifact || mode.localArtifacts) return jinjaStr(podOutputPath(component, out.output));
    // Only an artifact URI of an unmapped pod is left: a generated template.
    const name = out.output;
    return `${jinjaStr(mode.artifactRoot + "/")} ~ dag.dag_id ~ '/' ~ run_id ~ ${jinjaStr(`/${mode.fullId}/${name}`)}`;
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
