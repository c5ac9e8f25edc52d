import { readFileSync } from "node:fs";
import { loadIr } from "./serialize.js";
import { irJsonSchema } from "./json-schema.js";
import { computeIrHash } from "./hash.js";

const example = readFileSync(new URL("../../../../docs/ir-example.yaml", import.meta.url), "utf8");

describe("IR schema", () => {
  it("accepts the documented example with every construct", () => {
    const { ir, diagnostics } = loadIr(example);
    expect(diagnostics).toEqual([]);
    expect(ir?.spec.components.map((c) => c.name)).toEqual(["preprocess", "train", "evaluate", "deploy", "notify", "cleanup", "features", "finetune", "infer"]);
  });

  it("rejects unknown fields, so typos in hand-edited IR do not pass silently", () => {
    const { diagnostics } = loadIr(example.replace("itemName: lr", "itemName: lr\n          parallelizm: 2"));
    expect(diagnostics.map((d) => d.code)).toContain("SLU0003");
  });

  it("keeps the committed JSON Schema in step with the zod schemas", () => {
    const committed = readFileSync(new URL("../../../../schemas/ir.schema.json", import.meta.url), "utf8");
    expect(committed).toBe(irJsonSchema());
  });

  it("hashes content, not spans or git state", () => {
    const { ir } = loadIr(example);
    const moved = loadIr(example.replaceAll("pipeline.ts:7", "pipeline.ts:9"));
    expect(computeIrHash(ir!)).toBe(computeIrHash(moved.ir!));
    const changed = loadIr(example.replace("default: 0.9", "default: 0.8"));
    expect(computeIrHash(changed.ir!)).not.toBe(computeIrHash(ir!));
  });
});
