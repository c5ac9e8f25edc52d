// A user's mistake never becomes an exception: whatever is left of a good pipeline after cutting
// pieces out of it (unbalanced braces, half-written calls, dangling imports), the front end
// answers with diagnostics, or with IR the schema accepts.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { Pipeline } from "../ir/pipeline.js";
import { analyzePipelineFile } from "./index.js";

const fixtures = new URL("../../../../fixtures/", import.meta.url).pathname;

describe.each(["churn-full", "nested-pipeline-import", "condition-else-chain", "call-options"])("front end on damaged copies of fixtures/%s", (name) => {
  const dir = mkdtempSync(join(tmpdir(), `sluice-robust-${name}-`));
  cpSync(join(fixtures, name), dir, { recursive: true });
  const file = join(dir, "pipeline.ts");
  const text = readFileSync(file, "utf8");

  it("never throws, and any IR it returns is valid", () => {
    fc.assert(
      fc.property(fc.nat(text.length), fc.nat(40), (start, length) => {
        writeFileSync(file, text.slice(0, start) + text.slice(start + length));
        const result = analyzePipelineFile(file, { projectRoot: dir });
        if (result.ir) expect(Pipeline.safeParse(result.ir).success).toBe(true);
        else expect(result.diagnostics.length).toBeGreaterThan(0);
        for (const d of result.diagnostics) expect(d.code).toMatch(/^SLU1\d{3}$/);
      }),
      { numRuns: 60 },
    );
  });
});
