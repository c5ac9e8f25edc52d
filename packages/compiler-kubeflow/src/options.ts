import { z } from "zod";

/**
 * Options of the kubeflow target (`--kubeflow-<key>` on the command line).
 * - pipelineRoot: `defaultPipelineRoot`, where KFP stores artifacts (else the cluster default).
 * - cacheDefault: whether tasks without an explicit `cache` setting are cached; kfp's default is on.
 */
export const KubeflowOptions = z
  .object({
    pipelineRoot: z.string().optional(),
    cacheDefault: z.boolean().default(true),
  })
  .strict();
export type KubeflowOptions = z.output<typeof KubeflowOptions>;
