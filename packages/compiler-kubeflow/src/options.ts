import { z } from "zod";

/**
 * Options of the kubeflow target (`--kubeflow-<key>` on the command line).
 * - pipelineRoot: `defaultPipelineRoot`, where KFP stores artifacts (else the cluster default).
 * - cacheDefault: whether tasks without an explicit `cache` setting are cached; kfp's default is on.
 * - gatherImage: the image (with python3) of the task that hands a list of artifacts to a step as
 *   one folder (build-gather.ts).
 */
export const KubeflowOptions = z
  .object({
    pipelineRoot: z.string().optional(),
    cacheDefault: z.boolean().default(true),
    gatherImage: z.string().default("python:3.12-slim"),
  })
  .strict();
export type KubeflowOptions = z.output<typeof KubeflowOptions>;
