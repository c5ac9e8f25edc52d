import { type Component, type RunSettings, shortHash } from "@sluice/core/backend";
import type { BuildContext } from "./context.js";
import { Codes } from "./codes.js";
import { templateName, volumeName } from "./names.js";
import type { RoutedTemplate } from "./route-strings.js";
import type { EnvVar, Memoize, ResourceRequirements, RetryStrategy, Template, Toleration, Volume, VolumeMount } from "./types.js";
import { warningAt } from "./diagnostics.js";

/** requests from cpu/memory, limits from cpuLimit/memoryLimit and the GPU count. */
export function buildResources(r: RunSettings["resources"]): ResourceRequirements | undefined {
  if (!r) return undefined;
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  if (r.cpu) requests.cpu = r.cpu;
  if (r.memory) requests.memory = r.memory;
  if (r.cpuLimit) limits.cpu = r.cpuLimit;
  if (r.memoryLimit) limits.memory = r.memoryLimit;
  // Extended resources such as nvidia.com/gpu are set as limits; Kubernetes copies them to requests.
  if (r.gpu) limits[r.gpu.resource] = String(r.gpu.count);
  // The GPU model (gpu.type) becomes a node selector (build-container.ts), not a resource.
  const out: ResourceRequirements = {};
  if (Object.keys(requests).length) out.requests = requests;
  if (Object.keys(limits).length) out.limits = limits;
  return Object.keys(out).length ? out : undefined;
}

/** Plain values go through the string router (Kubernetes `$` escaping, `{{` via ConfigMap). */
export function buildEnv(env: RunSettings["env"], routed: RoutedTemplate): EnvVar[] {
  return (env ?? []).map((e) => ("secret" in e ? { name: e.name, valueFrom: { secretKeyRef: { name: e.secret.name, key: e.secret.key } } } : routed.envVar(e.name, e.value)));
}

export function buildVolumes(vols: RunSettings["volumes"]): { volumes: Volume[]; mounts: VolumeMount[] } {
  const volumes: Volume[] = [];
  const mounts: VolumeMount[] = [];
  for (const v of vols ?? []) {
    const name = volumeName(v.name);
    const s = v.source;
    if ("pvc" in s) volumes.push({ name, persistentVolumeClaim: { claimName: s.pvc } });
    else if ("emptyDir" in s) volumes.push({ name, emptyDir: s.emptyDir.sizeLimit ? { sizeLimit: s.emptyDir.sizeLimit } : {} });
    else if ("configMap" in s) volumes.push({ name, configMap: { name: s.configMap } });
    else volumes.push({ name, secret: { secretName: s.secret } });
    mounts.push({ name, mountPath: v.mountPath, ...(v.readOnly ? { readOnly: true } : {}) });
  }
  return { volumes, mounts };
}

/**
 * `limit` is an IntOrString: the JSON schema types it as a string and the CRD accepts both, so
 * it is written as a string. Argo's backoff `cap` is the per-retry ceiling the IR calls
 * maxDurationSeconds. A limit of 0 means no retries: no retryStrategy at all.
 */
export function buildRetry(ctx: BuildContext, retry: RunSettings["retry"], span: string): RetryStrategy | undefined {
  if (!retry || retry.limit === 0) return undefined;
  const out: RetryStrategy = { limit: String(retry.limit) };
  const b = retry.backoff;
  if (b) {
    out.backoff = { duration: `${b.durationSeconds}s` };
    if (b.factor !== undefined) {
      if (!Number.isInteger(b.factor)) {
        ctx.report(warningAt(Codes.fractionalBackoffFactor, `Argo's backoff factor is a whole number: ${b.factor} is written as ${Math.ceil(b.factor)}`, span));
      }
      out.backoff.factor = String(Math.ceil(b.factor));
    }
    if (b.maxDurationSeconds !== undefined) out.backoff.cap = `${b.maxDurationSeconds}s`;
  }
  return out;
}

export function buildTolerations(t: RunSettings["tolerations"]): Toleration[] | undefined {
  return t?.length ? t.map((x) => ({ ...x })) : undefined;
}

/**
 * Memoization, stored in a ConfigMap. The key names the template and a hash of its content (so
 * a changed image or command misses the cache), then a sha256 of the parameter inputs computed
 * by Argo's expression language, so any input value gives a valid ConfigMap key.
 */
export function buildMemoize(ctx: BuildContext, component: Component, template: Template, span: string): Memoize {
  const params = (template.inputs?.parameters ?? []).map((p) => `inputs.parameters['${p.name}']`);
  if (component.inputs.some((i) => i.type.category === "artifact" || i.type.category === "artifactList")) {
    ctx.report(warningAt(Codes.cacheKeyWithoutArtifacts, `the Argo cache key of "${component.name}" covers its parameter inputs only, not its artifacts`, span));
  }
  const head = `${template.name}.${shortHash(JSON.stringify(template))}`;
  const key = params.length ? `${head}.{{=sprig.sha256sum(toJson([${params.join(", ")}]))}}` : head;
  const name = ctx.options.cacheConfigMap ?? `${templateName(ctx.ir.metadata.name)}-cache`;
  return { key, cache: { configMap: { name } }, maxAge: "" };
}
