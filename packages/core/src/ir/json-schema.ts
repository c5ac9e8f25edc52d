import { z } from "zod";
import { Pipeline } from "./pipeline.js";

/** The published JSON Schema of the IR (schemas/ir.schema.json), derived from the zod schemas. */
export function irJsonSchema(): string {
  const schema = z.toJSONSchema(Pipeline, { target: "draft-2020-12", cycles: "ref", reused: "inline", io: "input" });
  return JSON.stringify({ ...schema, $id: "https://sluice.dev/schemas/ir/v1alpha1.json", title: "Sluice pipeline IR" }, null, 2) + "\n";
}
