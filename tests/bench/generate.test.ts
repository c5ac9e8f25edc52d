// The benchmark measures what it claims only if its generated pipelines compile to the shape
// they are named after. This checks that (no timing here: timing lives in bench/run.mjs).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
// @ts-expect-error: a plain .mjs script without type declarations
import { SHAPES, writePipeline } from "../../bench/generate.mjs";
import { analyzePipelineFile } from "../../packages/core/src/frontend/index.js";
import { allNodes } from "../../packages/core/src/ir/walk.js";

const root = resolve(import.meta.dirname, "../..");
// Inside the repository, so that "@sluice/core" resolves as it does for users.
const dir = mkdtempSync(join(root, "bench", "test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function compile(shape: string, steps: number) {
  const { ir, diagnostics } = analyzePipelineFile(writePipeline(dir, shape, steps), { projectRoot: root });
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return ir!;
}

describe("bench/generate.mjs", () => {
  it.each((SHAPES as string[]).flatMap((shape) => [10, 23].map((n) => [shape, n] as const)))("%s of %i steps compiles to that many tasks and components", (shape, n) => {
    const ir = compile(shape, n);
    expect(allNodes(ir.spec.root).filter((node) => node.type === "task")).toHaveLength(n);
    expect(ir.spec.components).toHaveLength(n);
  });

  it("makes a chain: each task reads the one before", () => {
    const tasks = allNodes(compile("chain", 5).spec.root).filter((node) => node.type === "task");
    expect(tasks[3]!.type === "task" && tasks[3]!.inputs.x).toEqual({ taskOutput: { task: "s3", output: "y" } });
  });

  it("makes a fan-out: every other task reads the first, at top level", () => {
    const ir = compile("fanout", 10);
    expect(ir.spec.root).toHaveLength(10);
    expect(ir.spec.root.slice(1).every((node) => node.type === "task" && "taskOutput" in node.inputs.x!)).toBe(true);
  });

  it("makes nested conditions three deep", () => {
    const depth = (nodes: typeof ir.spec.root): number =>
      Math.max(0, ...nodes.map((n) => (n.type === "condition" ? 1 + Math.max(...n.branches.map((b) => depth(b.nodes))) : 0)));
    const ir = compile("nested", 10);
    expect(depth(ir.spec.root)).toBe(3);
  });
});
