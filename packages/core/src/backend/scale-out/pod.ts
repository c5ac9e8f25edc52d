// Kubernetes pod pieces the three engines take in the same shape (EnvVar, Volume, VolumeMount,
// ResourceRequirements, Toleration), built once from the IR's run settings. User keys (env
// names, node selector and label keys) go through setOwn so that any key stays a key.
import type { RunSettings } from "../../ir/index.js";
import { setOwn } from "../../records/own-keys.js";
import { DEFAULT_GPU_NODE_LABEL, nodeSelectorWithGpu } from "../gpu-node-selector.js";
import { dns1123Label } from "../../names/dns.js";
import { escapeKubernetesExpansion } from "../kubernetes-expansion.js";

type Obj = Record<string, unknown>;

/** The container env; Kubernetes expands `$(VAR)` in a value, so its `$` are doubled (expansion.ts). */
export function podEnv(settings: RunSettings): Obj[] | undefined {
  const env = (settings.env ?? []).map((e) => ("secret" in e ? { name: e.name, valueFrom: { secretKeyRef: { name: e.secret.name, key: e.secret.key } } } : { name: e.name, value: escapeKubernetesExpansion(e.value) }));
  return env.length ? env : undefined;
}

export function podVolumes(settings: RunSettings): { volumes?: Obj[]; mounts?: Obj[] } {
  const volumes: Obj[] = [];
  const mounts: Obj[] = [];
  for (const v of settings.volumes ?? []) {
    const name = dns1123Label(v.name, 63);
    const s = v.source;
    if ("pvc" in s) volumes.push({ name, persistentVolumeClaim: { claimName: s.pvc } });
    else if ("emptyDir" in s) volumes.push({ name, emptyDir: s.emptyDir.sizeLimit ? { sizeLimit: s.emptyDir.sizeLimit } : {} });
    else if ("configMap" in s) volumes.push({ name, configMap: { name: s.configMap } });
    else volumes.push({ name, secret: { secretName: s.secret } });
    mounts.push({ name, mountPath: v.mountPath, ...(v.readOnly ? { readOnly: true } : {}) });
  }
  return volumes.length ? { volumes, mounts } : {};
}

/**
 * requests from cpu/memory, limits from cpuLimit/memoryLimit, the GPU count in both (the
 * engines' own examples write it so). `limitsFollowRequests`: Ray sizes each node from the
 * container's limits (KubeRay's guidance is limits = requests), so a missing limit takes the request.
 */
export function podResources(r: RunSettings["resources"], limitsFollowRequests = false): Obj | undefined {
  if (!r) return undefined;
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  if (r.cpu) requests.cpu = r.cpu;
  if (r.memory) requests.memory = r.memory;
  const cpuLimit = r.cpuLimit ?? (limitsFollowRequests ? r.cpu : undefined);
  const memoryLimit = r.memoryLimit ?? (limitsFollowRequests ? r.memory : undefined);
  if (cpuLimit) limits.cpu = cpuLimit;
  if (memoryLimit) limits.memory = memoryLimit;
  if (r.gpu) {
    setOwn(limits, r.gpu.resource, String(r.gpu.count));
    setOwn(requests, r.gpu.resource, String(r.gpu.count));
  }
  const out: Obj = {};
  if (Object.keys(requests).length) out.requests = requests;
  if (Object.keys(limits).length) out.limits = limits;
  return Object.keys(out).length ? out : undefined;
}

export function podNodeSelector(settings: RunSettings, gpuNodeLabel: string | undefined): Record<string, string> | undefined {
  return nodeSelectorWithGpu(settings, gpuNodeLabel ?? DEFAULT_GPU_NODE_LABEL);
}

export function podTolerations(settings: RunSettings): Obj[] | undefined {
  return settings.tolerations?.length ? settings.tolerations.map((t) => ({ ...t })) : undefined;
}

/** Only the fields that have a value, in the order given: byte-stable output. */
export function compact(o: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}
