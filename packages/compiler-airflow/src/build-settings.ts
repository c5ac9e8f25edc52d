import { dns1123Label, type Component, type Defaults, type RunSettings, escapeKubernetesExpansion, nodeSelectorWithGpu } from "@sluice/core/backend";
import type { BuildContext } from "./build-context.js";
import { AirflowCodes, warningAt } from "./diagnostics.js";
import type { Kwarg, PyValue } from "./view-model.js";

const str = (value: string): PyValue => ({ kind: "str", value });
const user = (value: string): PyValue => ({ kind: "userText", value });
const code = (value: string): PyValue => ({ kind: "code", value });
const call = (fn: string, kwargs: Kwarg[]): PyValue => ({ kind: "call", fn, args: [], kwargs });
const timedelta = (seconds: number): PyValue => {
  return { kind: "code", value: `timedelta(seconds=${seconds})` };
};

/** Retries and timeout, the same for pods and local processes. */
export function retryKwargs(ctx: BuildContext, s: RunSettings, span: string): Kwarg[] {
  const out: Kwarg[] = [];
  if (s.retry) {
    out.push(["retries", { kind: "json", value: s.retry.limit }]);
    const b = s.retry.backoff;
    if (b) {
      ctx.imports.add("from datetime import timedelta");
      out.push(["retry_delay", timedelta(b.durationSeconds)]);
      // Airflow's exponential backoff doubles the delay; any other factor cannot be expressed.
      if (b.factor !== undefined && b.factor !== 1) {
        out.push(["retry_exponential_backoff", code("True")]);
        if (b.factor !== 2) {
          ctx.diagnostics.push(warningAt(AirflowCodes.backoffFactor, `Airflow's exponential retry backoff doubles the delay; factor ${b.factor} becomes 2`, span));
        }
      }
      if (b.maxDurationSeconds !== undefined) out.push(["max_retry_delay", timedelta(b.maxDurationSeconds)]);
    }
  }
  if (s.timeoutSeconds !== undefined) {
    ctx.imports.add("from datetime import timedelta");
    out.push(["execution_timeout", timedelta(s.timeoutSeconds)]);
  }
  if (s.cache) {
    ctx.diagnostics.push(warningAt(AirflowCodes.cacheIgnored, "Airflow has no step cache: `cache: true` has no effect on this target", span));
  }
  return out;
}

/** The labels Sluice puts on every pod and custom resource it creates: where it came from. */
export function sluiceLabels(ctx: BuildContext, component: Component): Record<string, string> {
  const labels: Record<string, string> = {
    // A label value is at most 63 characters of [A-Za-z0-9._-]: the pipeline name as a DNS-1123 label.
    "sluice.dev/pipeline": dns1123Label(ctx.ir.metadata.name),
    "sluice.dev/step-kind": component.kind,
    // Label values are at most 63 characters: the full hash goes to an annotation.
    "sluice.dev/ir-hash": ctx.ir.metadata.hash.replace("sha256:", "").slice(0, 16),
  };
  if (ctx.ir.metadata.git) labels["sluice.dev/git-commit"] = ctx.ir.metadata.git.commit.slice(0, 40);
  return labels;
}

export function sluiceAnnotations(ctx: BuildContext): Record<string, string> {
  return { "sluice.dev/ir-hash": ctx.ir.metadata.hash };
}

/** Pod settings of a KubernetesPodOperator: env, secrets, resources, placement, metadata. */
export function podKwargs(ctx: BuildContext, component: Component, s: RunSettings, span: string): Kwarg[] {
  const out: Kwarg[] = [];
  const k8s = () => ctx.imports.add("from kubernetes.client import models as k8s");
  const plainEnv = (s.env ?? []).flatMap((e) => ("value" in e ? [e] : []));
  const secretEnv = (s.env ?? []).flatMap((e) => ("secret" in e ? [e] : []));
  if (plainEnv.length) {
    // Kubernetes expands $(VAR) in env values too; $$ is its escape.
    out.push(["env_vars", { kind: "dict", entries: plainEnv.map((e) => [e.name, user(escapeKubernetesExpansion(e.value))]) }]);
  }
  if (secretEnv.length) {
    ctx.imports.add("from airflow.providers.cncf.kubernetes.secret import Secret");
    out.push(["secrets", { kind: "list", items: secretEnv.map((e) => ({ kind: "call", fn: "Secret", args: [str("env"), str(e.name), str(e.secret.name), str(e.secret.key)], kwargs: [] })) }]);
  }
  const r = s.resources;
  if (r) {
    const requests: [string, PyValue][] = [];
    const limits: [string, PyValue][] = [];
    if (r.cpu) requests.push(["cpu", str(r.cpu)]);
    if (r.memory) requests.push(["memory", str(r.memory)]);
    if (r.cpuLimit) limits.push(["cpu", str(r.cpuLimit)]);
    if (r.memoryLimit) limits.push(["memory", str(r.memoryLimit)]);
    if (r.gpu) limits.push([r.gpu.resource, str(String(r.gpu.count))]);
    k8s();
    const kw: Kwarg[] = [];
    if (requests.length) kw.push(["requests", { kind: "dict", entries: requests }]);
    if (limits.length) kw.push(["limits", { kind: "dict", entries: limits }]);
    out.push(["container_resources", call("k8s.V1ResourceRequirements", kw)]);
  }
  // The GPU model (gpu.type) has no pod field: it selects the node by its label.
  const nodeSelector = nodeSelectorWithGpu(s, ctx.options.gpuNodeLabel);
  if (nodeSelector) {
    out.push(["node_selector", { kind: "dict", entries: Object.entries(nodeSelector).map(([k, v]) => [k, user(v)]) }]);
  }
  if (s.tolerations?.length) {
    k8s();
    out.push(["tolerations", { kind: "list", items: s.tolerations.map((t) => call("k8s.V1Toleration", tolerationKwargs(t))) }]);
  }
  if (s.volumes?.length) {
    k8s();
    out.push(["volumes", { kind: "list", items: s.volumes.map((v) => call("k8s.V1Volume", volumeKwargs(v))) }]);
    out.push([
      "volume_mounts",
      { kind: "list", items: s.volumes.map((v) => call("k8s.V1VolumeMount", [["name", str(v.name)], ["mount_path", str(v.mountPath)], ...(v.readOnly ? ([["read_only", code("True")]] as Kwarg[]) : [])])) },
    ]);
  }
  const labels: [string, PyValue][] = Object.entries(sluiceLabels(ctx, component)).map(([k, v]) => [k, user(v)]);
  for (const [k, v] of Object.entries(s.labels ?? {})) labels.push([k, user(v)]);
  out.push(["labels", { kind: "dict", entries: labels }]);
  const annotations: [string, PyValue][] = Object.entries(sluiceAnnotations(ctx)).map(([k, v]) => [k, user(v)]);
  for (const [k, v] of Object.entries(s.annotations ?? {})) annotations.push([k, user(v)]);
  out.push(["annotations", { kind: "dict", entries: annotations }]);
  const d = ctx.ir.spec.defaults;
  if (d.serviceAccount) out.push(["service_account_name", str(d.serviceAccount)]);
  if (d.imagePullSecrets?.length) {
    k8s();
    out.push(["image_pull_secrets", { kind: "list", items: d.imagePullSecrets.map((n) => call("k8s.V1LocalObjectReference", [["name", str(n)]])) }]);
  }
  if (ctx.options.namespace) out.push(["namespace", str(ctx.options.namespace)]);
  return out;
}

function tolerationKwargs(t: NonNullable<RunSettings["tolerations"]>[number]): Kwarg[] {
  const kw: Kwarg[] = [];
  if (t.key !== undefined) kw.push(["key", str(t.key)]);
  if (t.operator !== undefined) kw.push(["operator", str(t.operator)]);
  if (t.value !== undefined) kw.push(["value", str(t.value)]);
  if (t.effect !== undefined) kw.push(["effect", str(t.effect)]);
  if (t.tolerationSeconds !== undefined) kw.push(["toleration_seconds", { kind: "json", value: t.tolerationSeconds }]);
  return kw;
}

function volumeKwargs(v: NonNullable<RunSettings["volumes"]>[number]): Kwarg[] {
  const src = v.source;
  const kw: Kwarg[] = [["name", str(v.name)]];
  if ("pvc" in src) kw.push(["persistent_volume_claim", call("k8s.V1PersistentVolumeClaimVolumeSource", [["claim_name", str(src.pvc)]])]);
  else if ("emptyDir" in src) kw.push(["empty_dir", call("k8s.V1EmptyDirVolumeSource", src.emptyDir.sizeLimit ? [["size_limit", str(src.emptyDir.sizeLimit)]] : [])]);
  else if ("configMap" in src) kw.push(["config_map", call("k8s.V1ConfigMapVolumeSource", [["name", str(src.configMap)]])]);
  else kw.push(["secret", call("k8s.V1SecretVolumeSource", [["secret_name", str(src.secret)]])]);
  return kw;
}

/** Settings a local process cannot honour, named in one warning per task. */
export function localIgnoredSettings(s: RunSettings, defaults: Defaults): string[] {
  const names: string[] = [];
  if (s.labels && Object.keys(s.labels).length) names.push("labels");
  if (s.annotations && Object.keys(s.annotations).length) names.push("annotations");
  if (defaults.serviceAccount) names.push("serviceAccount");
  if (defaults.imagePullSecrets?.length) names.push("imagePullSecrets");
  if (s.resources) names.push("resources");
  if (s.nodeSelector && Object.keys(s.nodeSelector).length) names.push("nodeSelector");
  if (s.tolerations?.length) names.push("tolerations");
  if (s.volumes?.length) names.push("volumes");
  if (s.env?.some((e) => "secret" in e)) names.push("secret env");
  return names;
}
