/**
 * The Kubernetes part of an executor (kfp-kubernetes' KubernetesExecutorConfig): secrets as env,
 * volumes, node selector, tolerations, pod labels and annotations, image pull secrets, timeout.
 * Shaped exactly as kfp-kubernetes 2.17 writes it (deprecated name fields included, because the
 * KFP backend still reads them when the `...Parameter` form is absent).
 *
 * Every executor carries the pod label `sluice.dev/step-kind` and the annotations
 * `sluice.dev/ir-hash` (and `sluice.dev/git-commit` when known), so a pod links back to the code.
 */
import type { Component, Diagnostic, Pipeline, RunSettings } from "@sluice/core/backend";
import { errorAt, nodeSelectorWithGpu } from "@sluice/core/backend";
import { Codes } from "./codes.js";
import { sortedRecord } from "./sorted-record.js";
import type { KubernetesExecutorConfig, ParameterSource } from "./types.js";

const constant = (value: string): ParameterSource => ({ runtimeValue: { constant: value } });

export function buildPlatformConfig(ir: Pipeline, component: Component, settings: RunSettings, span: string, diagnostics: Diagnostic[], gpuNodeLabel: string): KubernetesExecutorConfig {
  const config: KubernetesExecutorConfig = {};
  if (settings.timeoutSeconds !== undefined) config.activeDeadlineSeconds = String(settings.timeoutSeconds);

  const volumes = settings.volumes ?? [];
  const configMaps = volumes.flatMap((v) => ("configMap" in v.source ? [{ configMapName: v.source.configMap, configMapNameParameter: constant(v.source.configMap), mountPath: v.mountPath, optional: false }] : []));
  if (configMaps.length) config.configMapAsVolume = configMaps;
  const emptyDirs = volumes.flatMap((v) => ("emptyDir" in v.source ? [{ mountPath: v.mountPath, ...(v.source.emptyDir.sizeLimit ? { sizeLimit: v.source.emptyDir.sizeLimit } : {}), volumeName: v.name }] : []));
  if (emptyDirs.length) config.emptyDirMounts = emptyDirs;

  const pullSecrets = ir.spec.defaults.imagePullSecrets ?? [];
  if (pullSecrets.length) config.imagePullSecret = pullSecrets.map((s) => ({ secretName: s, secretNameParameter: constant(s) }));
  // A GPU model is a node selector, as kfp-kubernetes' add_node_selector writes it.
  const nodeSelector = nodeSelectorWithGpu(settings, gpuNodeLabel);
  if (nodeSelector) config.nodeSelector = { labels: sortedRecord(nodeSelector) };
  config.podMetadata = podMetadata(ir, component, settings);

  const pvcs = volumes.flatMap((v) => ("pvc" in v.source ? [{ v, pvc: v.source.pvc }] : []));
  for (const { v } of pvcs) {
    if (v.readOnly) diagnostics.push({ ...errorAt(Codes.readOnlyPvc, `volume "${v.name}": kfp-kubernetes mounts PVCs read-write; readOnly is not expressible`, span), severity: "warning" });
  }
  if (pvcs.length) config.pvcMount = pvcs.map(({ v, pvc }) => ({ constant: pvc, mountPath: v.mountPath, pvcNameParameter: constant(pvc) }));

  const secretEnv = secretsAsEnv(settings);
  if (secretEnv.length) config.secretAsEnv = secretEnv;
  const secretVolumes = volumes.flatMap((v) => ("secret" in v.source ? [{ mountPath: v.mountPath, optional: false, secretName: v.source.secret, secretNameParameter: constant(v.source.secret) }] : []));
  if (secretVolumes.length) config.secretAsVolume = secretVolumes;

  if (settings.tolerations?.length) {
    config.tolerations = settings.tolerations.map((t) => ({
      ...(t.effect ? { effect: t.effect } : {}),
      ...(t.key !== undefined ? { key: t.key } : {}),
      ...(t.operator ? { operator: t.operator } : {}),
      ...(t.tolerationSeconds !== undefined ? { tolerationSeconds: String(t.tolerationSeconds) } : {}),
      ...(t.value !== undefined ? { value: t.value } : {}),
    }));
  }
  return config;
}

/** Secret env vars grouped by secret, in first-use order, as kfp-kubernetes' use_secret_as_env does. */
function secretsAsEnv(settings: RunSettings): NonNullable<KubernetesExecutorConfig["secretAsEnv"]> {
  const bySecret = new Map<string, { envVar: string; secretKey: string }[]>();
  for (const e of settings.env ?? []) {
    if (!("secret" in e)) continue;
    const list = bySecret.get(e.secret.name) ?? [];
    list.push({ envVar: e.name, secretKey: e.secret.key });
    bySecret.set(e.secret.name, list);
  }
  return [...bySecret].map(([name, keyToEnv]) => ({ keyToEnv, optional: false, secretName: name, secretNameParameter: constant(name) }));
}

function podMetadata(ir: Pipeline, component: Component, settings: RunSettings): NonNullable<KubernetesExecutorConfig["podMetadata"]> {
  const labels = sortedRecord({ ...(settings.labels ?? {}), "sluice.dev/step-kind": component.kind });
  const annotations: Record<string, string> = { ...(settings.annotations ?? {}), "sluice.dev/ir-hash": ir.metadata.hash };
  if (ir.metadata.git) annotations["sluice.dev/git-commit"] = ir.metadata.git.commit;
  return { annotations: sortedRecord(annotations), labels };
}
