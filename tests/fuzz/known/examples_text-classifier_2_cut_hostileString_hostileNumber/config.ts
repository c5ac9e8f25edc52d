// Constants shared by the step definitions. The compiler evaluates them at compile time, across
// files, so they may be used anywhere a step definition needs a value.
export const IMAGE = "ghcr.io/acme/text-classifier:2.3.0";

/** Where GPU steps run: the A100 pool, whose nodes are tainted so only GPU work lands there. */
export const GPU_POOL = {
  nodeSelector: { "cloud.google.com/gke-accelerator": "nvidia-tesla-a100" },
  tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
} as const;

export const HF_TOKEN = { name: "hf-credentials", key: "token" } as const;
