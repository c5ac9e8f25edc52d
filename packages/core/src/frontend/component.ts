// A step definition (`step({...})`, `trainer({...})`...) turned into an IR component: typed inputs
// and outputs, a container or script implementation, run settings, and the kind's own rules.
import { dirname, resolve } from "node:path";
import type { Arg, Component, ComponentInput, ComponentOutput, Implementation, ScriptLanguage, StepKind } from "../ir/index.js";
import { StepKind as StepKindSchema } from "../ir/index.js";
import type { FrontendContext } from "./context.js";
import type { Evaluator } from "./evaluate.js";
import { readArgs } from "./args.js";
import { didYouMean } from "./suggest.js";
import { readRunSettings, RUN_OPTION_KEYS } from "./settings.js";
import { imageProblem } from "./values-check.js";
import { readSpecs, toComponentInput, toComponentOutput } from "./type-specs.js";
import { checkReplacedOptions, readScaleOutImplementation, SCALE_OUT_KEYS, scaleOutFormOf } from "./scale-out/index.js";
import { type ConstObject, describeValue, FileRefValue, isConstObject, nodeOfProperty, type StepValue } from "./values.js";

const DEFINITION_KEYS = new Set<string>(["name", "kind", "description", "image", "inputs", "outputs", "command", "args", "script", ...RUN_OPTION_KEYS]);
const SCRIPT_LANGUAGES: readonly ScriptLanguage[] = ["python", "bash", "sh", "node"];

export function buildComponent(ctx: FrontendContext, ev: Evaluator, step: StepValue, defaultImage: string | undefined): Component | undefined {
  const def = step.definition;
  const at = (key: string) => nodeOfProperty(def, key, step.node);
  if (typeof def.name !== "string" || def.name === "") return ctx.fail("badDefinition", at("name"), "a step needs a `name` string");
  const name = def.name;
  const kind = readKind(ctx, step);
  const form = scaleOutFormOf(step);
  // The plain set for the common definition: building a set per step cost a Set of twenty keys each.
  const allowed = form ? new Set([...DEFINITION_KEYS, ...SCALE_OUT_KEYS[form]]) : DEFINITION_KEYS;
  for (const key of Object.keys(def)) {
    if (key === "distributed" && !form) ctx.report("badScaleOut", at(key), "`distributed` is for trainers: use trainer({ ..., distributed }) (a TrainJob of Kubeflow Trainer)");
    else if (!allowed.has(key)) ctx.report("badDefinition", at(key), `unknown step option \`${key}\`${didYouMean(key, allowed)}`);
  }
  if (form) checkReplacedOptions(ctx, step, form);
  if (def.description !== undefined && typeof def.description !== "string") ctx.report("badDefinition", at("description"), `\`description\` must be a string, got ${describeValue(def.description)}`);
  const inputs = readSpecs(ctx, def.inputs, "inputs", at("inputs")).map(([n, s]) => toComponentInput(ctx, n, s));
  const outputs = readSpecs(ctx, def.outputs, "outputs", at("outputs")).map(([n, s]) => toComponentOutput(ctx, n, s));
  checkKindRules(ctx, step, name, kind, outputs);
  const image = typeof def.image === "string" ? def.image : defaultImage;
  if (def.image !== undefined && typeof def.image !== "string") ctx.report("badDefinition", at("image"), "`image` must be a string");
  else if (image === undefined) ctx.report("noImage", step.node, name, "", "");
  else if (typeof def.image === "string") checkImage(ctx, def.image, at("image"));
  const implementation = ctx.attempt(() => (form ? readScaleOutImplementation(ctx, ev, step, form, inputs, outputs) : readImplementation(ctx, ev, step, inputs, outputs)));
  if (!implementation || image === undefined) return undefined;
  return {
    name,
    kind,
    ...(typeof def.description === "string" ? { description: def.description } : {}),
    image,
    implementation,
    inputs,
    outputs,
    ...readRunSettings(ctx, def, step.node),
    span: ctx.spanText(step.node),
  };
}

/** An image written in a step or in `defaults` (SLU1405 at the value): see imageProblem. */
export function checkImage(ctx: FrontendContext, image: string, at: import("ts-morph").ts.Node): void {
  const problem = imageProblem(image);
  if (problem) ctx.report("noImage", at, "", JSON.stringify(image), problem);
}

const STEP_KINDS = new Set<string>(StepKindSchema.options);

function readKind(ctx: FrontendContext, step: StepValue): StepKind {
  if (STEP_KINDS.has(step.kind)) return step.kind;
  ctx.report("badDefinition", nodeOfProperty(step.definition, "kind", step.node), `unknown step kind ${describeValue(step.kind)} (use ${StepKindSchema.options.join(", ")})`);
  return "custom";
}

/** A kind carries checks: a trainer produces a model, an evaluator metrics. */
function checkKindRules(ctx: FrontendContext, step: StepValue, name: string, kind: StepKind, outputs: ComponentOutput[]): void {
  const has = (k: string) => outputs.some((o) => (o.type.category === "artifact" || o.type.category === "artifactList") && o.type.kind === k);
  if (kind === "trainer" && !has("model")) ctx.report("trainerWithoutModel", step.node, name);
  if (kind === "evaluator" && !has("metrics")) ctx.report("evaluatorWithoutMetrics", step.node, name);
}

function readImplementation(ctx: FrontendContext, ev: Evaluator, step: StepValue, inputs: ComponentInput[], outputs: ComponentOutput[]): Implementation {
  const def = step.definition;
  const at = (key: string) => nodeOfProperty(def, key, step.node);
  if (def.script !== undefined) {
    if (def.command !== undefined || def.args !== undefined)
      return ctx.fail("badScript", at("script"), "a script step gets its inputs and outputs as --<name> flags: remove `command` and `args`, or drop `script`");
    return { script: readScript(ctx, def.script, at("script"), inputs, outputs) };
  }
  const command = def.command === undefined ? [] : readArgs(ctx, ev, def.command, "command", inputs, outputs, at("command"));
  const args = def.args === undefined ? [] : readArgs(ctx, ev, def.args, "args", inputs, outputs, at("args"));
  return { container: { command, args } };
}

function readScript(ctx: FrontendContext, script: ConstObject[string], at: import("ts-morph").ts.Node, inputs: ComponentInput[], outputs: ComponentOutput[]): NonNullable<Extract<Implementation, { script: unknown }>["script"]> {
  const entries = isConstObject(script) ? Object.entries(script) : [];
  const [entry] = entries;
  if (!entry || entries.length !== 1 || !SCRIPT_LANGUAGES.includes(entry[0] as ScriptLanguage))
    return ctx.fail("badScript", at, `\`script\` must be exactly one of { python | bash | sh | node: source or file("./x") }`);
  const [language, source] = entry as [ScriptLanguage, unknown];
  const args = scriptArgs(inputs, outputs);
  if (typeof source === "string") return { language, source, args };
  if (!(source instanceof FileRefValue)) return ctx.fail("badScript", at, `the ${language} script must be a string or file("./x")`);
  const abs = resolve(dirname(source.fromFile), source.path);
  const text = ctx.readText(abs);
  if (text === undefined) return ctx.fail("fileNotFound", source.node, source.path);
  return { language, source: text, sourceFile: ctx.relative(abs), args };
}

/**
 * The one convention script steps get their values by, on every target and locally: for each
 * input in declaration order `--<name> <value or local path>`, then for each output
 * `--<name> <path to write>`. Flags are portable: KFP substitutes placeholders only in args.
 */
export function scriptArgs(inputs: ComponentInput[], outputs: ComponentOutput[]): Arg[] {
  const args: Arg[] = [];
  for (const i of inputs) {
    const artifact = i.type.category === "artifact" || i.type.category === "artifactList";
    args.push(`--${i.name}`, artifact ? { inputPath: i.name } : { inputValue: i.name });
  }
  for (const o of outputs) args.push(`--${o.name}`, { outputPath: o.name });
  return args;
}
