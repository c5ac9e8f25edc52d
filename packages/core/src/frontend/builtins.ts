// What the DSL functions of @sluice/core mean to the compiler. At run time they build inert
// descriptions (packages/core/src/dsl); here we compute the same descriptions from syntax.
import type { ts } from "ts-morph";
import { isArrowFunction, isFunctionExpression, isParenthesizedExpression } from "./syntax.js";
import type { ArtifactKind, JsonValue, ScalarType, StepKind, ValueType } from "../ir/index.js";
import type { Evaluator, LocalLookup } from "./evaluate.js";
import type { ModuleInfo } from "./modules.js";
import { type ConstValue, describeValue, FileRefValue, isConstObject, isJson, nodeOfProperty, PipelineValue, SecretValue, StepValue, TypeSpecValue } from "./values.js";
import { didYouMean } from "./suggest.js";

const KIND_HELPERS: readonly StepKind[] = ["loader", "preprocessor", "featurizer", "tokenizer", "splitter", "trainer", "tuner", "evaluator", "validator", "deployer", "monitor"];
const SCALARS: readonly ScalarType[] = ["string", "int", "float", "bool", "json"];
const ARTIFACT_KINDS: readonly ArtifactKind[] = ["dataset", "model", "metrics", "html", "markdown", "artifact"];
const SCALE_OUT_HELPERS = ["sparkJob", "rayJob"] as const;
const CORE_EXPORTS = new Set<string>(["pipeline", "step", "param", "artifact", "secret", "file", ...KIND_HELPERS, ...SCALE_OUT_HELPERS]);

const KIND_HELPER_SET = new Set<string>(KIND_HELPERS);

export function isCoreExport(name: string): boolean {
  return CORE_EXPORTS.has(name);
}

export function callBuiltin(ev: Evaluator, name: string, call: ts.CallExpression, module: ModuleInfo, locals?: LocalLookup): ConstValue {
  const arg = (i: number) => {
    const a = call.arguments[i];
    return a === undefined ? undefined : ev.evaluate(a, module, locals);
  };
  if (name === "step" || KIND_HELPER_SET.has(name)) {
    const definition = arg(0);
    if (!isConstObject(definition)) return ev.notConstant(call.arguments[0] ?? call, "a step definition that is not an object literal");
    const kind = name === "step" ? definition.kind ?? "custom" : name;
    return new StepValue(definition, kind as StepKind, call);
  }
  if ((SCALE_OUT_HELPERS as readonly string[]).includes(name)) {
    const definition = arg(0);
    if (!isConstObject(definition)) return ev.notConstant(call.arguments[0] ?? call, "a step definition that is not an object literal");
    return new StepValue(definition, (definition.kind ?? "custom") as StepKind, call, name as "sparkJob" | "rayJob");
  }
  if (name === "pipeline") return pipelineValue(ev, call, module, locals);
  if (name === "secret") {
    const [secretName, key] = [arg(0), arg(1)];
    if (typeof secretName !== "string" || typeof key !== "string") return ev.notConstant(call, "a secret() whose name and key are not strings");
    return new SecretValue(secretName, key);
  }
  if (name === "file") {
    const path = arg(0);
    if (typeof path !== "string") return ev.notConstant(call, "a file() whose path is not a string");
    return new FileRefValue(path, call, module.file.path);
  }
  const dot = name.indexOf(".");
  const ns = dot < 0 ? name : name.slice(0, dot);
  const member = dot < 0 ? undefined : name.slice(dot + 1);
  if (ns === "param" && member && SCALARS.includes(member as ScalarType)) return typeSpec(ev, call, { category: "param", type: member as ScalarType }, arg(0));
  if (ns === "artifact" && member && ARTIFACT_KINDS.includes(member as ArtifactKind)) return typeSpec(ev, call, { category: "artifact", kind: member as ArtifactKind }, arg(0));
  if (name === "param.list") {
    const item = arg(0);
    if (!(item instanceof TypeSpecValue) || item.type.category !== "param") return ev.notConstant(call.arguments[0] ?? call, "a list item type that is not param.string/int/float/bool/json()");
    return typeSpec(ev, call, { category: "paramList", items: item.type.type }, arg(1));
  }
  if (name === "artifact.list") {
    const item = arg(0);
    if (!(item instanceof TypeSpecValue) || item.type.category !== "artifact") return ev.notConstant(call.arguments[0] ?? call, "a list item type that is not artifact.*()");
    return typeSpec(ev, call, { category: "artifactList", kind: item.type.kind }, arg(1));
  }
  return ev.notConstant(call, `the call \`${name}(...)\``);
}

function pipelineValue(ev: Evaluator, call: ts.CallExpression, module: ModuleInfo, locals?: LocalLookup): PipelineValue {
  const config = call.arguments[0] ? ev.evaluate(call.arguments[0], module, locals) : undefined;
  if (!isConstObject(config)) return ev.notConstant(call.arguments[0] ?? call, "a pipeline config that is not an object literal");
  let body = call.arguments[1];
  while (body && isParenthesizedExpression(body)) body = body.expression;
  if (!body || !(isArrowFunction(body) || isFunctionExpression(body)))
    return ev.ctx.fail("badDefinition", call.arguments[1] ?? call, "the second argument of pipeline() must be an arrow function: the pipeline body");
  return new PipelineValue(config, body, call, module);
}

const TYPE_OPTIONS = ["default", "description", "enum", "optional"];

function typeSpec(ev: Evaluator, call: ts.CallExpression, type: ValueType, options: ConstValue | undefined): TypeSpecValue {
  if (options === undefined) return new TypeSpecValue(type, {}, call);
  if (!isConstObject(options)) return ev.notConstant(call.arguments[0] ?? call, "type options that are not an object literal");
  const out: TypeSpecValue["options"] = {};
  const fallback = call.arguments[call.arguments.length - 1] ?? call;
  const bad = (key: string, text: string): never => ev.ctx.fail("badDefinition", nodeOfProperty(options, key, fallback), text);
  for (const [key, value] of Object.entries(options)) {
    if (key === "default") isJson(value) ? (out.default = value as JsonValue) : bad(key, `\`default\` must be a JSON value (finite numbers, strings, booleans, arrays, objects), got ${describeValue(value)}`);
    else if (key === "description") typeof value === "string" ? (out.description = value) : bad(key, `\`description\` must be a string, got ${describeValue(value)}`);
    else if (key === "enum") Array.isArray(value) && isJson(value) ? (out.enum = value as JsonValue[]) : bad(key, `\`enum\` must be an array of values, got ${describeValue(value)}`);
    else if (key === "optional") typeof value === "boolean" ? (out.optional = value) : bad(key, `\`optional\` must be true or false, got ${describeValue(value)}`);
    else bad(key, `unknown type option \`${key}\`${didYouMean(key, TYPE_OPTIONS)} (use ${TYPE_OPTIONS.join(", ")})`);
  }
  return new TypeSpecValue(type, out, call);
}
