import type { Arg, ArgRef } from "@sluice/core/backend";
import { paramName } from "./names.js";
import type { RoutedTemplate } from "./route-strings.js";

/** Where a step finds its input artifacts and writes its outputs (see docs/targets/argo.md). */
export const INPUTS_DIR = "/sluice/inputs";
export const OUTPUTS_DIR = "/sluice/outputs";

export function inputPath(name: string): string {
  return `${INPUTS_DIR}/${paramName(name)}`;
}

export function outputPath(name: string): string {
  return `${OUTPUTS_DIR}/${paramName(name)}`;
}

/**
 * Renders command or args elements. Literal text, and input values fixed at compile time
 * (`folded`), go through the string router; input values known only at run time become an env
 * var reference read from a pod annotation (RoutedTemplate.inputValue); paths are Sluice's fixed
 * folders.
 */
export function renderArgs(args: readonly Arg[], folded: ReadonlyMap<string, string>, routed: RoutedTemplate): string[] {
  return args.map((arg) => renderArg(arg, folded, routed));
}

type Segment = { text: string } | { ref: string };


function renderArg(arg: Arg, folded: ReadonlyMap<string, string>, routed: RoutedTemplate): string {
  const parts = typeof arg === "string" ? [arg] : "concat" in arg ? arg.concat : [arg];
  // Merge literal text and folded values first, so a routed string is one whole piece.
  const segments: Segment[] = [];
  for (const part of parts) {
    const seg: Segment = typeof part === "string" ? { text: part } : refSegment(part, folded, routed);
    const last = segments[segments.length - 1];
    if ("text" in seg && last && "text" in last) last.text += seg.text;
    else segments.push(seg);
  }
  return segments
    .map((seg, i) => {
      if ("ref" in seg) return seg.ref;
      const before = i > 0 && "ref" in segments[i - 1]!;
      const after = i < segments.length - 1 && "ref" in segments[i + 1]!;
      return routed.argvText(seg.text, { before, after });
    })
    .join("");
}

function refSegment(ref: ArgRef, folded: ReadonlyMap<string, string>, routed: RoutedTemplate): Segment {
  if ("inputValue" in ref) {
    const value = folded.get(ref.inputValue);
    return value !== undefined ? { text: value } : { ref: routed.inputValue(ref.inputValue) };
  }
  if ("inputPath" in ref) return { text: inputPath(ref.inputPath) };
  return { text: outputPath(ref.outputPath) };
}
