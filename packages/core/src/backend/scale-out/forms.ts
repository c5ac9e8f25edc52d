// Which form a component's implementation has: a pod the back end builds itself (container or
// script), or a scale-out form handed to an engine as a custom resource (docs/scale-out.md).
import { type Diagnostic, errorAt } from "../../diagnostics/diagnostic.js";
import { allNodes, type Component, type Implementation, type Pipeline } from "../../ir/index.js";

export type ScaleOutForm = "sparkJob" | "trainJob" | "rayJob";
export type PodImplementation = Extract<Implementation, { container: unknown } | { script: unknown }>;

/** The engine each form needs, as users know it (messages, docs). */
export const SCALE_OUT_ENGINES: Readonly<Record<ScaleOutForm, string>> = {
  sparkJob: "the Kubeflow Spark Operator (SparkApplication)",
  trainJob: "Kubeflow Trainer (TrainJob)",
  rayJob: "KubeRay (RayJob)",
};

export function scaleOutForm(impl: Implementation): ScaleOutForm | undefined {
  if ("sparkJob" in impl) return "sparkJob";
  if ("trainJob" in impl) return "trainJob";
  if ("rayJob" in impl) return "rayJob";
  return undefined;
}

/**
 * The container or script of a component. Back ends that build pods call it after refusing (or
 * handling) the scale-out forms, so reaching a scale-out form here is a bug in the back end.
 */
export function podImplementation(component: Component): PodImplementation {
  const impl = component.implementation;
  if ("container" in impl || "script" in impl) return impl;
  throw new Error(`internal: step "${component.name}" is a ${scaleOutForm(impl)} step; the back end should have handled it before building a pod`);
}

/**
 * One located error per scale-out step, for a back end that does not build that form (yet).
 * The back end returns these alone and builds nothing: a pod that ignored the form would run
 * the engine's image as a plain container and do none of the work.
 */
export function refuseScaleOut(ir: Pipeline, code: string, target: string, supported: readonly ScaleOutForm[] = []): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of scaleOutComponents(ir)) {
    const form = scaleOutForm(c.implementation);
    if (form && !supported.includes(form))
      out.push(errorAt(code, `step "${c.name}" is a ${form} step, which needs ${SCALE_OUT_ENGINES[form]}; the ${target} back end does not build it yet`, c.span, "compile it for a target that supports it (docs/scale-out.md), or write the step as a container that submits the job"));
  }
  return out;
}

/**
 * The scale-out components some task calls (in the body or a nested pipeline), in component
 * order. A component no task calls is compiled by no back end (hand-written IR may hold one).
 */
export function scaleOutComponents(ir: Pipeline): Component[] {
  const called = new Set<string>();
  for (const body of [ir.spec.root, ...ir.spec.subPipelines.map((s) => s.root)]) for (const n of allNodes(body)) if (n.type === "task") called.add(n.component);
  return ir.spec.components.filter((c) => called.has(c.name) && scaleOutForm(c.implementation) !== undefined);
}
