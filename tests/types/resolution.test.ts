// One module resolution for the compiler, `--typecheck` and the editor-view tests: a relative
// import the front end reads must type-check, and one it cannot read must fail both ways.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzePipelineFile, typecheckPipelineFile } from "../../packages/core/src/frontend/index.js";
import { repoRoot, typeErrors } from "./typecheck.js";

const file = join(repoRoot, "tests/types/accept/relative-imports.ts");

describe("module resolution agrees between the compiler and TypeScript", () => {
  it("the front end compiles every import spelling of accept/relative-imports.ts", () => {
    const { ir, diagnostics } = analyzePipelineFile(file, { projectRoot: repoRoot });
    expect(diagnostics).toEqual([]);
    expect(ir?.spec.components.map((c) => c.name)).toEqual(["echo", "shout"]);
  });

  it("--typecheck accepts the same file", () => {
    expect(typecheckPipelineFile(file, { projectRoot: repoRoot }).diagnostics).toEqual([]);
  });

  it("the editor-view check (tests/types) accepts it too", () => {
    expect(typeErrors([file]).get(file)).toEqual([]);
  });

  it("an import of a missing file fails in both", () => {
    const dir = mkdtempSync(join(tmpdir(), "sluice-resolution-"));
    try {
      const missing = join(dir, "pipeline.ts");
      writeFileSync(missing, 'import { pipeline } from "@sluice/core";\nimport { X } from "./nowhere";\nexport default pipeline({ name: X }, () => {});\n');
      expect(analyzePipelineFile(missing, { projectRoot: dir }).diagnostics.map((d) => d.code)).toContain("SLU1009");
      expect(typecheckPipelineFile(missing, { projectRoot: dir }).diagnostics.map((d) => d.message.slice(0, 6))).toContain("TS2307");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
