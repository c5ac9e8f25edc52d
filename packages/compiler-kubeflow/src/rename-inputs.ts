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
import { inputArtifactPath, inputValue, KEY_START } from "./placeholders.js";

/** Every literal text the launcher will scan for this executor. */
export function literalTexts(component: Component, inlined: ReadonlyMap<string, Piece[]>): string[] {
  const texts: string[] = [];
  // A scale-out form's text all goes into the launcher's manifest arg: its JSON is a superset of it.
  if (scaleOutForm(component.implementation)) texts.push(JSON.stringify(component.implementation));
  else {
    const impl = podImplementation(component);
    if ("container" in impl) {
      pushArgTexts(texts, impl.container.command);
      pushArgTexts(texts, impl.container.args);
    } else {
      pushArgTexts(texts, impl.script.args);
      texts.push(impl.script.source);
    }
  }
  for (const pieces of inlined.values()) for (const p of pieces) if ("text" in p) texts.push(p.text);
  return texts;
}

/** The literal strings of argv elements (whole strings, and the string parts of concatenations). */
function pushArgTexts(texts: string[], args: readonly Arg[]): void {
  for (const a of args) {
    if (typeof a === "string") texts.push(a);
    else if ("concat" in a) for (const p of a.concat) if (typeof p === "string") texts.push(p);
  }
}

function keysOf(name: string): string[] {
  return [inputValue(name), inputArtifactPath(name), `{{$.inputs.artifacts['${name}'].uri}}`];
}

/** IR input name (or piece input name) to KFP input name, for the names that must change. */
export function safeInputNames(names: readonly string[], texts: readonly string[]): Map<string, string> {
  // Every key begins with KEY_START: only texts holding it can clash (almost never any).
  const suspects = texts.filter((t) => t.includes(KEY_START));
  if (suspects.length === 0) return new Map();
  const clashes = (name: string) => keysOf(name).some((k) => suspects.some((t) => t.includes(k)));
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
