import type { RunSettings } from "../ir/index.js";

/**
 * The node label a GPU model (`resources.gpu.type`) is matched against when no back-end option
 * says otherwise. NVIDIA's GPU feature discovery (part of the GPU operator, on any cluster) sets
 * `nvidia.com/gpu.product` to the model (`NVIDIA-A100-SXM4-40GB`); GKE sets
 * `cloud.google.com/gke-accelerator` (`nvidia-tesla-t4`) and EKS users often label their own.
 * No target has a field for the model itself, so every target selects the node by this label.
 */
export const DEFAULT_GPU_NODE_LABEL = "nvidia.com/gpu.product";

/**
 * The node selector a step runs with: its own `nodeSelector`, plus `labelKey: gpu.type` when a
 * GPU model is asked for. A key the user set explicitly wins over the derived one (an explicit
 * selector is the more specific wish). Undefined when there is nothing to select on.
 */
export function nodeSelectorWithGpu(settings: RunSettings, labelKey: string): Record<string, string> | undefined {
  const own = settings.nodeSelector ?? {};
  const type = settings.resources?.gpu?.type;
  const out: Record<string, string> = Object.create(null);
  if (type !== undefined && !Object.prototype.hasOwnProperty.call(own, labelKey)) out[labelKey] = type;
  for (const [k, v] of Object.entries(own)) out[k] = v;
  return Object.keys(out).length ? { ...out } : undefined;
}
