/**
 * IR command/args elements as KFP container strings with launcher placeholders.
 *
 * An input the task binds to a template (`\`lr=${x}\``) or to a literal string holding `{{$` is
 * *inlined*: its pieces replace `{inputValue: name}` in the args, literal text as text and each
 * referenced value as an input of its own. The launcher then concatenates exactly as a shell would;
 * nothing depends on the driver re-reading a constant (which is where kfp's own f-strings go).
 */
import type { Arg, ArgRef, Component, Diagnostic } from "@sluice/core/backend";
import { errorAt } from "@sluice/core/backend";
import { Codes } from "./codes.js";
import { escapeKubernetesVars, inputArtifactPath, inputValue, outputArtifactPath, outputParameterFile, unexpectedKeys } from "./placeholders.js";

/** One piece of an inlined input: literal text, or the KFP input parameter that carries a value. */
export type Piece = { text: string } | { input: string };

/** An argv element as built: its text and the placeholders put into it on purpose. */
interface Built {
  text: string;
  placeholders: string[];
}

export interface ArgsContext {
  component: Component;
  inlined: ReadonlyMap<string, Piece[]>;
  /** List-of-artifacts inputs delivered as one folder by a gather task. */
  gathered: ReadonlySet<string>;
  /** KFP names of inputs renamed away from literal text (rename-inputs.ts). */
  kfpName: (input: string) => string;
  /** Every key the launcher will replace for this executor. */
  keys: readonly string[];
  span: string;
  diagnostics: Diagnostic[];
}

export function buildArgs(args: readonly Arg[], ctx: ArgsContext): string[] {
  return args.map((a) => buildArg(a, ctx));
}

function buildArg(arg: Arg, ctx: ArgsContext): string {
  const built = typeof arg === "string" ? literal(arg) : "concat" in arg ? concatenated(arg.concat, ctx) : buildRef(arg, ctx);
  const clashes = unexpectedKeys(built.text, built.placeholders, ctx.keys);
  if (clashes.length > 0) {
    ctx.diagnostics.push(
      errorAt(
        Codes.launcherPlaceholderInText,
        `step "${ctx.component.name}": the text ${JSON.stringify(built.text)} contains ${clashes.join(", ")}, which the KFP launcher would replace`,
        ctx.span,
        "rename the input or output it names, or pass the text as a pipeline parameter",
      ),
    );
  }
  return built.text;
}

function literal(text: string): Built {
  return { text: escapeKubernetesVars(text), placeholders: [] };
}

function concatenated(parts: readonly (string | ArgRef)[], ctx: ArgsContext): Built {
  const built: Built = { text: "", placeholders: [] };
  for (const part of parts) {
    const piece = typeof part === "string" ? literal(part) : buildRef(part, ctx);
    built.text += piece.text;
    for (const p of piece.placeholders) built.placeholders.push(p);
  }
  return built;
}

function buildRef(ref: ArgRef, ctx: ArgsContext): Built {
  const { component } = ctx;
  if ("inputValue" in ref) {
    const pieces = ctx.inlined.get(ref.inputValue);
    if (pieces) return fromPieces(pieces, ctx.kfpName);
    const input = component.inputs.find((i) => i.name === ref.inputValue);
    if (input && (input.type.category === "artifact" || input.type.category === "artifactList")) return refError(ctx, `inputValue of artifact input "${ref.inputValue}"`);
    return one(inputValue(ctx.kfpName(ref.inputValue)));
  }
  if ("inputPath" in ref) {
    const input = component.inputs.find((i) => i.name === ref.inputPath);
    if (input?.type.category === "artifactList" && !ctx.gathered.has(ref.inputPath)) {
      ctx.diagnostics.push(
        errorAt(
          Codes.artifactListPath,
          `step "${component.name}": the list of artifacts "${ref.inputPath}" is used as a path but nothing is bound to it; KFP's placeholder would stay unreplaced`,
          ctx.span,
          "bind the input (a fan-in or a list param), or stop using it in the arguments",
        ),
      );
      return one(inputArtifactPath(ctx.kfpName(ref.inputPath)));
    }
    if (input?.type.category !== "artifact" && input?.type.category !== "artifactList") return refError(ctx, `inputPath of parameter input "${ref.inputPath}"`);
    return one(inputArtifactPath(ctx.kfpName(ref.inputPath)));
  }
  const output = component.outputs.find((o) => o.name === ref.outputPath);
  if (output?.type.category === "artifact") return one(outputArtifactPath(ref.outputPath));
  if (output?.type.category === "param" || output?.type.category === "paramList") return one(outputParameterFile(ref.outputPath));
  return refError(ctx, `outputPath of artifact-list output "${ref.outputPath}"`);
}

function fromPieces(pieces: Piece[], kfpName: (input: string) => string): Built {
  const built: Built = { text: "", placeholders: [] };
  for (const p of pieces) {
    if ("text" in p) built.text += escapeKubernetesVars(p.text);
    else {
      const placeholder = inputValue(kfpName(p.input));
      built.text += placeholder;
      built.placeholders.push(placeholder);
    }
  }
  return built;
}

function one(placeholder: string): Built {
  return { text: placeholder, placeholders: [placeholder] };
}

function refError(ctx: ArgsContext, what: string): Built {
  ctx.diagnostics.push(errorAt(Codes.argRefType, `step "${ctx.component.name}": ${what} cannot be passed to a KFP container`, ctx.span));
  return { text: "", placeholders: [] };
}
