import type { Binding, Diagnostic, Expr, Node, Pipeline } from "@sluice/core/backend";
import { Codes } from "./codes.js";
import { warningAt } from "./diagnostics.js";
import { argoWouldScan } from "./route-strings.js";
import { literalText } from "./values.js";

/**
 * Pipeline params whose default Argo would rewrite (`{{`).
 *
 * A workflow argument's value is copied into each template's inputs and the template is then run
 * through Argo's substitution, which evaluates any `{{…}}` in it. Such a default cannot travel as
 * a workflow argument, so the param is compiled in as a constant: every use becomes the literal,
 * which then takes the routes every literal takes (the ConfigMap). The cost, reported as a
 * warning: the value cannot be overridden at submit time. (`$(…)` and `$$` are safe in a
 * workflow argument: parameter values reach args through a pod annotation, never expanded.)
 */
export function foldRewrittenParams(ir: Pipeline): { ir: Pipeline; diagnostics: Diagnostic[] } {
  const folded = new Map<string, Binding>();
  const diagnostics: Diagnostic[] = [];
  for (const p of ir.spec.params) {
    if (p.default === undefined || p.type.category === "artifact" || p.type.category === "artifactList") continue;
    const text = literalText(p.default);
    if (!argoWouldScan(text)) continue;
    folded.set(p.name, { literal: p.default });
    diagnostics.push(
      warningAt(Codes.paramCompiledIn, `the default of param "${p.name}" contains "{{", which Argo would evaluate in a workflow argument: it is compiled in as a constant and cannot be overridden at submit time`, p.span),
    );
  }
  if (folded.size === 0) return { ir, diagnostics };
  const binding = (b: Binding): Binding => {
    if ("param" in b) return folded.get(b.param) ?? b;
    if ("template" in b) return { template: b.template.map((x) => (typeof x === "string" ? x : binding(x))) };
    return b;
  };
  const expr = (e: Expr): Expr =>
    "compare" in e ? { compare: { ...e.compare, left: binding(e.compare.left), right: binding(e.compare.right) } } : "and" in e ? { and: e.and.map(expr) } : "or" in e ? { or: e.or.map(expr) } : { not: expr(e.not) };
  const node = (n: Node): Node => {
    switch (n.type) {
      case "task":
      case "subPipeline":
        return { ...n, inputs: Object.fromEntries(Object.entries(n.inputs).map(([k, b]) => [k, binding(b)])) };
      case "condition":
        return { ...n, branches: n.branches.map((br) => ({ ...br, ...(br.when ? { when: expr(br.when) } : {}), nodes: br.nodes.map(node) })) };
      case "loop":
        return { ...n, items: binding(n.items), nodes: n.nodes.map(node) };
      case "exitHandler":
        return { ...n, nodes: n.nodes.map(node), exit: n.exit.map(node) };
    }
  };
  const spec = {
    ...ir.spec,
    params: ir.spec.params.filter((p) => !folded.has(p.name)),
    outputs: ir.spec.outputs.map((o) => ({ ...o, from: binding(o.from) })),
    root: ir.spec.root.map(node),
  };
  return { ir: { ...ir, spec }, diagnostics };
}
