// `sluice graph` on the command line: formats, output, and its usage errors.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sampleProject, sluice } from "./helpers.js";

describe("sluice graph", () => {
  const dir = sampleProject();

  it("prints Mermaid by default, and DOT when asked", () => {
    const mermaid = sluice(["graph", "pipeline.ts"], dir);
    expect(mermaid.code).toBe(0);
    expect(mermaid.stdout).toMatch(/^flowchart TD\n/);
    expect(mermaid.stdout).toContain('subgraph g0["for each lr in params.rates"]');
    const dot = sluice(["graph", "pipeline.ts", "--format", "dot"], dir);
    expect(dot.stdout).toMatch(/^digraph "sample-train" \{/);
  });

  it("writes SVG and PNG, choosing the format from the file name", () => {
    expect(sluice(["graph", "pipeline.ts", "--out", "img/dag.svg"], dir).stdout).toBe("wrote img/dag.svg\n");
    expect(readFileSync(join(dir, "img/dag.svg"), "utf8")).toContain("<svg");
    expect(sluice(["graph", "pipeline.ts", "--out", "img/dag.png"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "img/dag.png")).subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  it("refuses an unknown format (SLU9602) and a PNG to the terminal (SLU9604), exit 2", () => {
    const bad = sluice(["graph", "pipeline.ts", "--format", "jpeg"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("error SLU9602");
    const png = sluice(["graph", "pipeline.ts", "--format", "png"], dir);
    expect(png.code).toBe(2);
    expect(png.stderr).toContain("error SLU9604");
  });

  it("exits 1 with the diagnostics, writing nothing, when the pipeline has errors", () => {
    const r = sluice(["graph", "broken.ts", "--out", "broken.svg"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error SLU1201");
    expect(existsSync(join(dir, "broken.svg"))).toBe(false);
  });
});
