import { z } from "zod";
import type { Backend } from "@sluice/core/backend";

/** Placeholder until the Airflow back end lands: reports that the target is not built yet. */
export const backend: Backend<Record<string, never>> = {
  name: "airflow",
  description: "Airflow (not implemented yet)",
  options: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  compile: () => ({ files: [], diagnostics: [{ code: "SLU9001", severity: "error", message: "the airflow back end is not implemented yet" }] }),
};
export default backend;
