// Test support: what a pod's process finally receives, by simulating the two programs that
// rewrite strings on the way: Argo's `{{…}}` substitution of input parameters, and the kubelet's
// `$(VAR)` expansion of command, args and env values.
import { type Arg, type Component, type Pipeline, type TaskNode, allNodes } from "@sluice/core/backend";
import { readDocuments } from "./specs.js";

type Obj = Record<string, any>;

/**
 * Kubernetes' expansion of `$(NAME)` in command, args and env values, as the kubelet does it:
 * `$$` is one `$`; `$(NAME)` of a defined NAME is its value; anything else stays as written.
 */
export function kubeExpand(input: string, vars: ReadonlyMap<string, string>): string {
  let out = "";
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c !== "$" || i + 1 >= input.length) {
      out += c;
      continue;
    }
    const next = input[i + 1];
    if (next === "$") {
      out += "$";
      i++;
    } else if (next === "(") {
      const close = input.indexOf(")", i + 2);
      if (close < 0) {
        out += "$(";
        i++;
        continue;
      }
      const name = input.slice(i + 2, close);
      out += vars.has(name) ? vars.get(name)! : `$(${name})`;
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

/** Every `{{…}}` tag Argo would see in a string. */
export function argoTags(text: string): string[] {
  return [...text.matchAll(/\{\{(.*?)\}\}/gs)].map((m) => m[1]!);
}

export function allStrings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(allStrings);
  if (v && typeof v === "object") return Object.values(v).flatMap(allStrings);
  return [];
}

export interface PodView {
  argv: string[];
  env: Map<string, string>;
  /** Script source as the interpreter reads it. */
  source?: string;
  /** Values Argo inserted for `{{inputs.parameters.x}}`. */
  inserted: string[];
}

/** The process a DAG task (of any DAG template) would start. */
export function simulateTask(manifest: string, taskName: string, runTimeValues: Record<string, string> = {}): PodView {
  const docs = readDocuments(manifest);
  const data: Record<string, string> = docs.find((d) => d.kind === "ConfigMap")?.data ?? {};
  const wf = docs.find((d) => d.apiVersion === "argoproj.io/v1alpha1") as Obj;
  const spec = wf.spec.workflowSpec ?? wf.spec;
  const task = spec.templates.flatMap((t: Obj) => t.dag?.tasks ?? []).find((t: Obj) => t.name === taskName);
  if (!task) throw new Error(`no task ${taskName}`);
  const tmpl = spec.templates.find((t: Obj) => t.name === task.template);
  const params = new Map<string, string>();
  for (const p of tmpl.inputs?.parameters ?? []) if (p.default !== undefined) params.set(p.name, p.default);
  for (const p of task.arguments?.parameters ?? []) params.set(p.name, p.value);
  // Values only known at run time (outputs, submitted params), as Argo would hand them over.
  for (const [k, v] of Object.entries(runTimeValues)) params.set(k, v);
  const inserted: string[] = [];
  const substitute = (s: string) =>
    s.replace(/\{\{inputs\.parameters\.([-\w]+)\}\}/g, (_m, name: string) => {
      const v = params.get(name);
      if (v === undefined) throw new Error(`unresolved input ${name}`);
      inserted.push(v);
      return v;
    });
  const c = tmpl.container ?? tmpl.script;
  // Argo substitutes the pod's annotations like the rest of the template; the downward API
  // hands them to env vars unexpanded.
  const annotations: Record<string, string> = Object.fromEntries(Object.entries(tmpl.metadata?.annotations ?? {}).map(([k, v]) => [k, substitute(v as string)]));
  const env = new Map<string, string>();
  for (const e of c.env ?? []) {
    if (e.value !== undefined) env.set(e.name, kubeExpand(substitute(e.value), env));
    else if (e.valueFrom?.configMapKeyRef) env.set(e.name, data[e.valueFrom.configMapKeyRef.key]!);
    else if (e.valueFrom?.fieldRef) env.set(e.name, annotations[/metadata\.annotations\['(.*)'\]/.exec(e.valueFrom.fieldRef.fieldPath)![1]!]!);
    else env.set(e.name, "<secret>");
  }
  const argv = [...(c.command ?? []), ...(tmpl.script ? ["<script file>"] : []), ...(c.args ?? [])].map((a: string) => kubeExpand(substitute(a), env));
  let source: string | undefined = tmpl.script?.source;
  const mounted = (tmpl.volumes ?? []).find((v: Obj) => v.name === "sluice-script");
  if (mounted) source = data[mounted.configMap.items[0].key];
  return { argv, env, source, inserted };
}

/** The argv the user wrote for a task, from the IR: literal inputs and defaults filled in. */
export function expectedArgv(ir: Pipeline, taskId: string): string[] {
  const task = allNodes(ir.spec.root).find((n) => n.id === taskId) as TaskNode;
  const component = ir.spec.components.find((c) => c.name === task.component) as Component;
  const value = (name: string) => {
    const b = task.inputs[name];
    const v =
      b && "literal" in b
        ? b.literal
        : b && "param" in b
          ? ir.spec.params.find((p) => p.name === b.param)?.default
          : component.inputs.find((i) => i.name === name)?.default;
    return typeof v === "string" ? v : JSON.stringify(v);
  };
  const render = (a: Arg): string =>
    typeof a === "string" ? a : "concat" in a ? a.concat.map((p) => render(p as Arg)).join("") : "inputValue" in a ? value(a.inputValue) : "<path>";
  const impl = component.implementation;
  if ("container" in impl) return [...impl.container.command, ...impl.container.args].map(render);
  return impl.script.args.map(render);
}
