import { z } from "zod";
import type { Backend } from "@sluice/core/backend";

/** Placeholder until the Kubeflow back end lands: reports that the target is not built yet. */
export const backend: Backend<Record<string, never>> = {
  name: "kubeflow",
  description: "Kubeflow (not implemented yet)",
  options: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  compile: () => ({ files: [], diagnostics: [{ code: "SLU9001", severity: "error", message: "the kubeflow back end is not implemented yet" }] }),
};
export default backend;
