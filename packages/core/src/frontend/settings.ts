// Run settings (retry, timeout, cache, resources, env, volumes, scheduling hints) as written in a
// step definition, pipeline defaults or call options, turned into the IR's RunSettings.
// Each problem is reported at the property it was written in; the rest still converts.
import type { ts } from "ts-morph";
import type { EnvVar, Resources, Retry, RunSettings, Toleration, Volume } from "../ir/index.js";
import type { FrontendContext } from "./context.js";
import { type ConstObject, type ConstValue, describeValue, isConstObject, nodeOfProperty, SecretValue } from "./values.js";
import { didYouMean } from "./suggest.js";
import { durationSeconds, isCount, isEnvVarName, isQuantity, MAX_COUNT } from "./values-check.js";

export const RUN_OPTION_KEYS = ["retry", "timeout", "cache", "resources", "env", "volumes", "nodeSelector", "tolerations", "labels", "annotations"] as const;

const DEFAULT_GPU_RESOURCE = "nvidia.com/gpu";

export function readRunSettings(ctx: FrontendContext, obj: ConstObject, fallback: ts.Node): RunSettings {
  const r = new SettingsReader(ctx, obj, fallback);
  const out: RunSettings = {};
  if (obj.retry !== undefined) out.retry = r.retry(obj.retry);
  if (obj.timeout !== undefined) out.timeoutSeconds = r.duration("timeout", obj.timeout);
  if (obj.cache !== undefined) out.cache = r.boolean("cache", obj.cache);
  if (obj.resources !== undefined) out.resources = r.resources(obj.resources);
  if (obj.env !== undefined) out.env = r.env(obj.env);
  if (obj.volumes !== undefined) out.volumes = r.volumes(obj.volumes);
  if (obj.nodeSelector !== undefined) out.nodeSelector = r.stringRecord("nodeSelector", obj.nodeSelector);
  if (obj.tolerations !== undefined) out.tolerations = r.tolerations(obj.tolerations);
  if (obj.labels !== undefined) out.labels = r.stringRecord("labels", obj.labels);
  if (obj.annotations !== undefined) out.annotations = r.stringRecord("annotations", obj.annotations);
  return dropUndefined(out);
}

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

class SettingsReader {
  constructor(
    private readonly ctx: FrontendContext,
    private readonly obj: ConstObject,
    private readonly fallback: ts.Node,
  ) {}

  private at(key: string): ts.Node {
    return nodeOfProperty(this.obj, key, this.fallback);
  }

  private bad(key: string, text: string): undefined {
    this.ctx.report("invalidValue", this.at(key), text);
    return undefined;
  }

  boolean(key: string, v: ConstValue): boolean | undefined {
    return typeof v === "boolean" ? v : this.bad(key, `\`${key}\` must be true or false, got ${describeValue(v)}`);
  }

  duration(key: string, v: ConstValue): number | undefined {
    const s = durationSeconds(v);
    const limit = typeof v === "number" && v > MAX_COUNT ? ` (more than ${MAX_COUNT} seconds, about 68 years, the most every target stores)` : "";
    if (s === undefined) this.ctx.report("invalidDuration", this.at(key), `${describeValue(v)}${limit}`);
    return s;
  }

  retry(v: ConstValue): Retry | undefined {
    if (!isConstObject(v) || !isCount(v.limit, 0)) return this.bad("retry", `\`retry\` must be { limit: a whole number from 0 to ${MAX_COUNT}, backoff? }`);
    for (const key of Object.keys(v)) if (key !== "limit" && key !== "backoff") this.bad("retry", `unknown retry option \`${key}\`${didYouMean(key, ["limit", "backoff"])} (use limit, backoff)`);
    const out: Retry = { limit: v.limit };
    const b = v.backoff;
    if (b === undefined) return out;
    if (!isConstObject(b)) {
      const d = this.duration("retry", b);
      return d === undefined ? out : { ...out, backoff: { durationSeconds: d } };
    }
    for (const key of Object.keys(b)) if (!["duration", "factor", "maxDuration"].includes(key)) this.bad("retry", `unknown backoff option \`${key}\`${didYouMean(key, ["duration", "factor", "maxDuration"])} (use duration, factor, maxDuration)`);
    const d = this.duration("retry", b.duration ?? null);
    if (d === undefined) return out;
    const backoff: NonNullable<Retry["backoff"]> = { durationSeconds: d };
    if (b.factor !== undefined) {
      if (typeof b.factor === "number" && b.factor > 0 && Number.isFinite(b.factor)) backoff.factor = b.factor;
      else this.bad("retry", "`retry.backoff.factor` must be a positive number");
    }
    if (b.maxDuration !== undefined) backoff.maxDurationSeconds = this.duration("retry", b.maxDuration);
    return { ...out, backoff: dropUndefined(backoff) };
  }

  resources(v: ConstValue): Resources | undefined {
    if (!isConstObject(v)) return this.bad("resources", "`resources` must be an object");
    const out: Resources = {};
    for (const key of ["cpu", "memory", "cpuLimit", "memoryLimit"] as const) {
      const q = v[key];
      if (q === undefined) continue;
      // A bare number is a count of CPUs; memory has no unit-less form worth guessing (bytes?), so
      // it must be a string, as the DSL types it.
      const text = typeof q === "number" && (key === "cpu" || key === "cpuLimit") && Number.isFinite(q) ? String(q) : q;
      if (typeof text === "string" && isQuantity(text)) out[key] = text;
      else this.ctx.report("invalidQuantity", nodeOfProperty(v, key, this.at("resources")), describeValue(q).replace(/^"|"$/g, ""), `resources.${key}`);
    }
    if (v.gpu !== undefined) out.gpu = this.gpu(v.gpu, nodeOfProperty(v, "gpu", this.at("resources")));
    for (const key of Object.keys(v)) if (!["cpu", "memory", "cpuLimit", "memoryLimit", "gpu"].includes(key)) this.bad("resources", `unknown resource \`${key}\`${didYouMean(key, ["cpu", "memory", "cpuLimit", "memoryLimit", "gpu"])} (use cpu, memory, cpuLimit, memoryLimit, gpu)`);
    return dropUndefined(out);
  }

  private gpu(v: ConstValue, node: ts.Node): Resources["gpu"] {
    const count = isConstObject(v) ? v.count : v;
    if (count === undefined) return this.ctx.report("invalidValue", node, "`resources.gpu` needs a `count`: { count: 1, resource?, type? }"), undefined;
    if (!isCount(count, 1)) {
      this.ctx.report("invalidQuantity", node, describeValue(count).replace(/^"|"$/g, ""), "resources.gpu must be a whole number of GPUs");
      return undefined;
    }
    if (!isConstObject(v)) return { count, resource: DEFAULT_GPU_RESOURCE };
    for (const key of Object.keys(v)) if (!["count", "resource", "type"].includes(key)) this.bad("resources", `unknown gpu option \`${key}\`${didYouMean(key, ["count", "resource", "type"])} (use count, resource, type)`);
    if (v.resource !== undefined && (typeof v.resource !== "string" || v.resource === "")) this.bad("resources", "`resources.gpu.resource` must be a resource name such as \"amd.com/gpu\"");
    if (v.type !== undefined && (typeof v.type !== "string" || v.type === "")) this.bad("resources", "`resources.gpu.type` must be an accelerator type string");
    const resource = typeof v.resource === "string" && v.resource !== "" ? v.resource : DEFAULT_GPU_RESOURCE;
    if (typeof v.type !== "string" || v.type === "") return { count, resource };
    // The model selects the node by a label (docs/cli.md, "GPU models"): it must be a label value.
    if (!/^([A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?)$/.test(v.type)) {
      this.ctx.report("invalidValue", nodeOfProperty(v, "type", node), `resources.gpu.type ${describeValue(v.type)} must be a Kubernetes label value (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit), since it selects the node by its label`);
      return undefined;
    }
    return { count, resource, type: v.type };
  }

  env(v: ConstValue): EnvVar[] | undefined {
    if (!isConstObject(v)) return this.bad("env", "`env` must be an object of NAME: value");
    const out: EnvVar[] = [];
    for (const [name, value] of Object.entries(v)) {
      const at = nodeOfProperty(v, name, this.at("env"));
      if (!isEnvVarName(name)) this.ctx.report("invalidValue", at, `env var name ${describeValue(name)} is not valid: use letters, digits, '_', '-' and '.', not starting with a digit`);
      else if (typeof value === "string") out.push({ name, value });
      else if (value instanceof SecretValue) out.push({ name, secret: { name: value.name, key: value.key } });
      // Numbers and booleans too: a silent String() turned 1e21 into "1e+21"; quote the text you mean.
      else this.ctx.report("invalidValue", at, `env \`${name}\` must be a string or secret(name, key), got ${describeValue(value)}`);
    }
    return out;
  }

  volumes(v: ConstValue): Volume[] | undefined {
    if (!Array.isArray(v)) return this.bad("volumes", "`volumes` must be an array");
    const out: Volume[] = [];
    for (const vol of v) {
      if (!isConstObject(vol) || typeof vol.name !== "string" || typeof vol.mountPath !== "string") {
        this.bad("volumes", "each volume needs a `name` and a `mountPath`");
        continue;
      }
      const problem = volumeProblem(vol);
      if (problem) {
        this.bad("volumes", `volume \`${vol.name}\` ${problem}`);
        continue;
      }
      const source = volumeSource(vol);
      if (!source) {
        this.bad("volumes", `volume \`${vol.name}\` needs exactly one of pvc, emptyDir, configMap, secret`);
        continue;
      }
      out.push({ name: vol.name, mountPath: vol.mountPath, ...(typeof vol.readOnly === "boolean" ? { readOnly: vol.readOnly } : {}), source });
    }
    return out;
  }

  stringRecord(key: string, v: ConstValue): Record<string, string> | undefined {
    if (!isConstObject(v) || !Object.values(v).every((x) => typeof x === "string")) return this.bad(key, `\`${key}\` must be an object of string values`);
    return { ...(v as Record<string, string>) };
  }

  tolerations(v: ConstValue): Toleration[] | undefined {
    if (!Array.isArray(v)) return this.bad("tolerations", "`tolerations` must be an array of { key?, operator?, value?, effect?, tolerationSeconds? }");
    const out: Toleration[] = [];
    for (const t of v) {
      const problem = tolerationProblem(t);
      if (problem) return this.bad("tolerations", `a toleration ${problem}`);
      out.push({ ...(t as Toleration) });
    }
    return out;
  }
}

const VOLUME_KEYS = ["name", "mountPath", "readOnly", "pvc", "emptyDir", "configMap", "secret"];

/** A wrong-typed or unknown volume field, which would otherwise be dropped without a word. */
function volumeProblem(vol: ConstObject): string | undefined {
  for (const key of Object.keys(vol)) if (!VOLUME_KEYS.includes(key)) return `has an unknown field \`${key}\` (use ${VOLUME_KEYS.join(", ")})`;
  if (vol.readOnly !== undefined && typeof vol.readOnly !== "boolean") return "`readOnly` must be true or false";
  for (const key of ["pvc", "configMap", "secret"]) if (vol[key] !== undefined && typeof vol[key] !== "string") return `\`${key}\` must be a name string`;
  const e = vol.emptyDir;
  if (e !== undefined && e !== true && !(isConstObject(e) && Object.keys(e).every((k) => k === "sizeLimit") && (e.sizeLimit === undefined || typeof e.sizeLimit === "string")))
    return "`emptyDir` must be true or { sizeLimit?: a quantity string }";
  return undefined;
}

function volumeSource(vol: ConstObject): Volume["source"] | undefined {
  const sources: Volume["source"][] = [];
  if (typeof vol.pvc === "string") sources.push({ pvc: vol.pvc });
  if (vol.emptyDir === true) sources.push({ emptyDir: {} });
  else if (isConstObject(vol.emptyDir)) sources.push({ emptyDir: typeof vol.emptyDir.sizeLimit === "string" ? { sizeLimit: vol.emptyDir.sizeLimit } : {} });
  if (typeof vol.configMap === "string") sources.push({ configMap: vol.configMap });
  if (typeof vol.secret === "string") sources.push({ secret: vol.secret });
  return sources.length === 1 ? sources[0] : undefined;
}

const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** What is wrong with one toleration, in Kubernetes' own terms; undefined when it is fine. */
function tolerationProblem(t: ConstValue): string | undefined {
  if (!isConstObject(t)) return "must be an object";
  for (const [key, value] of Object.entries(t)) {
    if ((key === "key" || key === "value") && typeof value !== "string") return `\`${key}\` must be a string`;
    if (key === "operator" && value !== "Equal" && value !== "Exists") return '`operator` must be "Equal" or "Exists"';
    if (key === "effect" && !EFFECTS.includes(value as string)) return `\`effect\` must be one of ${EFFECTS.join(", ")}`;
    if (key === "tolerationSeconds" && !(typeof value === "number" && Number.isSafeInteger(value))) return "`tolerationSeconds` must be a whole number";
    if (!["key", "value", "operator", "effect", "tolerationSeconds"].includes(key)) return `has an unknown field \`${key}\``;
  }
  return undefined;
}
