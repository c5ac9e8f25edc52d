import { z } from "zod";

/**
 * One piece of a command-line argument. A step reads an input parameter's value
 * (`inputValue`), the local path of an input artifact (`inputPath`), or the path it must write an
 * output to (`outputPath`, for parameter and artifact outputs alike).
 */
export const ArgRef = z.union([
  z.object({ inputValue: z.string() }).strict(),
  z.object({ inputPath: z.string() }).strict(),
  z.object({ outputPath: z.string() }).strict(),
]);
export type ArgRef = z.infer<typeof ArgRef>;

/** A command or args element: plain text, one reference, or text and references joined. */
export const Arg = z.union([z.string(), ArgRef, z.object({ concat: z.array(z.union([z.string(), ArgRef])).min(1) }).strict()]);
export type Arg = z.infer<typeof Arg>;
