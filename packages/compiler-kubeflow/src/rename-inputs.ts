/**
 * Input names chosen so that literal text cannot be mistaken for a placeholder.
 *
 * The KFP launcher replaces `{{$.inputs.parameters['n']}}` (and artifact `.path` / `.uri`) for
 * every input `n` of the executor, anywhere in command and args. If a step's literal text contains
 * such a key for one of its own inputs, that input gets another KFP name (`n-2`, ...), chosen so that
 * no literal contains its keys; the task binds the same value under the new name. The IR name is
 * unchanged. `{{$}}` and output keys cannot be avoided this way: build-args reports them (SLU3101).
 */
import { type Arg, type Component, podImplementation, scaleOutForm } from "@sluice/core/backend";
import type { Piece } from "./build-args.js";
import { inputArtifactPath, inputValue } from "./placeholders.js";

/** Every literal text the launcher will scan for this executor. */
export function literalTexts(component: Component, inlined: ReadonlyMap<string, Piece[]>): string[] {
  const inlinedTexts = [...inlined.values()].flatMap((pieces) => pieces.flatMap((p) => ("text" in p ? [p.text] : [])));
  // A scale-out form's text all goes into the launcher's manifest arg: its JSON is a superset of it.
  if (scaleOutForm(component.implementation)) return [JSON.stringify(component.implementation), ...inlinedTexts];
  const impl = podImplementation(component);
  const args: Arg[] = "container" in impl ? [...impl.container.command, ...impl.container.args] : impl.script.args;
  const texts = args.flatMap((a) => (typeof a === "string" ? [a] : "concat" in a ? a.concat.filter((p): p is string => typeof p === "string") : []));
  if ("script" in impl) texts.push(impl.script.source);
  return [...texts, ...inlinedTexts];
}

function keysOf(name: string): string[] {
  return [inputValue(name), inputArtifactPath(name), `{{$.inputs.artifacts['${name}'].uri}}`];
}

/** IR input name (or piece input name) to KFP input name, for the names that must change. */
export function safeInputNames(names: readonly string[], texts: readonly string[]): Map<string, string> {
  const clashes = (name: string) => keysOf(name).some((k) => texts.some((t) => t.includes(k)));
  const taken = new Set(names);
  const renamed = new Map<string, string>();
  for (const name of names) {
    if (!clashes(name)) continue;
    let candidate = name;
    for (let n = 2; taken.has(candidate) || clashes(candidate); n++) candidate = `${name}-${n}`;
    taken.add(candidate);
    renamed.set(name, candidate);
  }
  return renamed;
}
