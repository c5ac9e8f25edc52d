import { type ArgRef, type Component, type CustomResource, type ScaleOutMeta, argResolver, buildScaleOutResource, kubernetesExpandedFields, serializeYaml, shortHash } from "@sluice/core/backend";
import { exprString } from "./build-when.js";
import { argoWouldScan } from "./route-strings.js";

/** How one reference of a scale-out form reads: fixed text, or an Argo expression evaluated at run time. */
export type ManifestRef = { text: string } | { expr: string };

export interface RenderedManifest {
  /** The `resource.manifest` text: YAML, with each run-time string as `{{=toJson(…)}}`. */
  manifest: string;
  /** The object as created: the builder's, with `generateName` for `name`. */
  resource: Omit<CustomResource, "metadata"> & { metadata: Record<string, unknown> };
  /** User strings Argo would rewrite (`{{`), which no route keeps out of the manifest. */
  unroutable: string[];
}

// Markers stand for a reference while the shared builder runs (private-use characters, which no
// shell or YAML treats as plain, so the Ray entrypoint quotes any word holding one).
const MARK = /\uE000(\d+)\uE001/g;

/**
 * The builder's object as the manifest of an Argo resource template.
 *
 * Argo substitutes `{{…}}` in the manifest text and then parses it as YAML, so a run-time value
 * pasted in as `{{inputs.parameters.x}}` would be read as YAML: a `"`, `: ` or line break in the
 * value would change or break the object. Every string that holds a reference is therefore
 * written as one expression, `{{=toJson('text' + inputs.parameters['x'])}}`, which Argo replaces
 * with a JSON string literal: valid YAML for any value. Words of a shell line (a RayJob's
 * entrypoint, `shellFields`) get the value single-quote-escaped as the builder quoted the word.
 * Fields Kubernetes expands in the engine's pods (`kubernetesExpandedFields`: the builder has
 * doubled every `$` of their fixed text) get the value's `$` doubled too.
 * Literal text with `{{` is refused (`unroutable`): Argo has no escape for it, and an
 * expression's result would be scanned again.
 */
export function renderManifest(component: Component, meta: ScaleOutMeta, refOf: (ref: ArgRef) => ManifestRef, shellFields: readonly string[]): RenderedManifest {
  const exprs: string[] = [];
  const resolve = argResolver((ref) => {
    const r = refOf(ref);
    if ("text" in r) return r.text;
    exprs.push(r.expr);
    return `\uE000${exprs.length - 1}\uE001`;
  });
  const built = buildScaleOutResource(component, resolve, meta);
  if (!built) throw new Error(`internal: step "${component.name}" is not a scale-out step`);
  // generateName: every run, retry and loop iteration creates its own object.
  const { name, ...rest } = built.metadata;
  const resource: RenderedManifest["resource"] = { ...built, metadata: { generateName: `${name}-`, ...rest } };

  const expanded = kubernetesExpandedFields(component);
  const unroutable: string[] = [];
  const sentinel = `sluice-expr-${shortHash(JSON.stringify(resource))}-`;
  const expressions: string[] = [];
  const rewrite = (text: string, path: string): string => {
    if (!text.includes("\uE000")) {
      if (argoWouldScan(text)) unroutable.push(text);
      return text;
    }
    const pieces: string[] = [];
    let at = 0;
    for (const m of text.matchAll(MARK)) {
      const literal = text.slice(at, m.index);
      if (argoWouldScan(literal)) unroutable.push(literal);
      if (literal) pieces.push(exprString(literal));
      const e = exprs[Number(m[1])]!;
      const quoted = shellFields.includes(path) ? `replace(${e}, "'", "'\\\\''")` : e;
      pieces.push(expanded.includes(path) ? `replace(${quoted}, "$", "$$")` : quoted);
      at = m.index + m[0].length;
    }
    const tail = text.slice(at);
    if (argoWouldScan(tail)) unroutable.push(tail);
    if (tail) pieces.push(exprString(tail));
    expressions.push(`{{=toJson(${pieces.join(" + ")})}}`);
    return `${sentinel}${expressions.length - 1}`;
  };
  const marked = mapStrings(resource, "", rewrite);
  let manifest = serializeYaml(marked);
  manifest = manifest.replace(new RegExp(`(["']?)${sentinel}(\\d+)\\1`, "g"), (_m, _q, i: string) => expressions[Number(i)]!);
  return { manifest, resource, unroutable };
}

/** A copy of `value` with every string leaf and key passed through `f` (with its dotted path). */
function mapStrings(value: unknown, path: string, f: (text: string, path: string) => string): unknown {
  if (typeof value === "string") return f(value, path);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, path, f));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = f(k, `${path}#key`);
    Object.defineProperty(out, key, { value: mapStrings(v, path ? `${path}.${k}` : k, f), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
