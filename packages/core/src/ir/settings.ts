import { z } from "zod";

/** Retry policy; `backoff` grows as durationSeconds * factor^n, capped at maxDurationSeconds. */
export const Retry = z
  .object({
    limit: z.number().int().min(0),
    backoff: z
      .object({
        durationSeconds: z.number().int().positive(),
        factor: z.number().positive().optional(),
        maxDurationSeconds: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Retry = z.infer<typeof Retry>;

/** Kubernetes resource quantities, already checked by the front end. */
export const Resources = z
  .object({
    cpu: z.string().optional(),
    memory: z.string().optional(),
    cpuLimit: z.string().optional(),
    memoryLimit: z.string().optional(),
    gpu: z
      .object({
        count: z.number().int().positive(),
        /** Extended resource name, e.g. nvidia.com/gpu. */
        resource: z.string(),
        /** Accelerator model, e.g. NVIDIA-A100-SXM4-40GB: a node selector on every target (docs/cli.md, GPU models). */
        type: z.string().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Resources = z.infer<typeof Resources>;

export const EnvVar = z.union([
  z.object({ name: z.string(), value: z.string() }).strict(),
  z.object({ name: z.string(), secret: z.object({ name: z.string(), key: z.string() }).strict() }).strict(),
]);
export type EnvVar = z.infer<typeof EnvVar>;

export const Volume = z
  .object({
    name: z.string(),
    mountPath: z.string(),
    readOnly: z.boolean().optional(),
    source: z.union([
      z.object({ pvc: z.string() }).strict(),
      z.object({ emptyDir: z.object({ sizeLimit: z.string().optional() }).strict() }).strict(),
      z.object({ configMap: z.string() }).strict(),
      z.object({ secret: z.string() }).strict(),
    ]),
  })
  .strict();
export type Volume = z.infer<typeof Volume>;

export const Toleration = z
  .object({
    key: z.string().optional(),
    operator: z.enum(["Equal", "Exists"]).optional(),
    value: z.string().optional(),
    effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]).optional(),
    tolerationSeconds: z.number().int().optional(),
  })
  .strict();
export type Toleration = z.infer<typeof Toleration>;

/**
 * Settings that pipeline defaults, a component and a single task call may each set.
 * Precedence, lowest first: spec.defaults, component, task overrides. Back ends merge them with
 * `effectiveSettings()` so that they all agree on the rule.
 */
export const RunSettings = z
  .object({
    retry: Retry.optional(),
    timeoutSeconds: z.number().int().positive().optional(),
    cache: z.boolean().optional(),
    resources: Resources.optional(),
    env: z.array(EnvVar).optional(),
    volumes: z.array(Volume).optional(),
    nodeSelector: z.record(z.string(), z.string()).optional(),
    tolerations: z.array(Toleration).optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  })
  .strict();
export type RunSettings = z.infer<typeof RunSettings>;
