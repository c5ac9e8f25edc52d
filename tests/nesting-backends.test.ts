// The back ends recurse over what the front end lets through: at each front-end nesting limit
// (packages/core/src/frontend/limits.ts) every target compiles in process without an exception,
// or refuses with a located error of its own (Airflow's 250-character task ids, SLU4009, stop
// nested pipelines first). The outputs of these shapes were checked by the real consumers when the
// limits were set (docs/frontend.md, "Limits"): Argo's lint, the kfp SDK, Python's parser.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../packages/cli/src/index.js";
import { CONDITION_LIMIT, DEPTH_LIMITS } from "../packages/core/src/frontend/limits.js";

const HEAD = `import { param, pipeline, step } from "@sluice/core";\nconst a = step({ name: "a", image: "alpine:3.20", command: ["echo"] });\n`;
const top = (body: string) => `${HEAD}export default pipeline({ name: "p", params: { n: param.int({ default: 1 }) } }, ({ params }) => {\n${body}\n});\n`;

function condition(levels: number): string {
  let c = "params.n > 0";
  for (let i = 0; i < Math.floor((levels - 1) / 2); i++) c = `!(params.n > ${i} && ${c})`;
  return levels % 2 === 0 ? `params.n > 0 && (${c})` : c;
}

function nestedPipelines(n: number): string {
  const defs = [`const p1 = pipeline({ name: "p1" }, () => { a({}); });\n`];
  for (let i = 2; i <= n; i++) defs.push(`const p${i} = pipeline({ name: "p${i}" }, () => { p${i - 1}({}); });\n`);
  return `${HEAD}${defs.join("")}export default pipeline({ name: "top" }, () => { p${n}({}); });\n`;
}

async function compile(text: string, target: string) {
  const dir = mkdtempSync(join(tmpdir(), "sluice-nesting-"));
  writeFileSync(join(dir, "pipeline.ts"), text);
  return runCli(["compile", "pipeline.ts", "--target", target, "--out", "out", "--no-git", "--format", "json"], { cwd: dir });
}

const codes = (stdout: string) => (JSON.parse(stdout) as { diagnostics: { code: string; span?: unknown }[] }).diagnostics.filter((d) => d.code.startsWith("SLU")).map((d) => d.code);

describe("every back end at the front end's nesting limits", () => {
  it.each([
    ["blocks", top(`${"if (params.n > 0)\n".repeat(DEPTH_LIMITS.blocks - 1)}a({});`)],
    ["a condition", top(`if (${condition(CONDITION_LIMIT)}) { a({}); }`)],
  ])("%s at the limit: every target writes its file", async (_name, text) => {
    const r = await compile(text, "all");
    expect([r.code, codes(r.stdout)]).toEqual([0, []]);
  });

  it.each(["argo", "kubeflow"])("nested pipeline calls at the limit: %s writes its file", async (target) => {
    const r = await compile(nestedPipelines(DEPTH_LIMITS.pipelines), target);
    expect([r.code, codes(r.stdout)]).toEqual([0, []]);
  });

  it("nested pipeline calls at the limit: Airflow refuses with a located SLU4009 (its ids), no exception", async () => {
    const r = await compile(nestedPipelines(DEPTH_LIMITS.pipelines), "airflow");
    const report = JSON.parse(r.stdout) as { diagnostics: { code: string; span?: { file: string } }[] };
    expect(r.code).toBe(1);
    expect(report.diagnostics.length).toBeGreaterThan(0);
    expect(report.diagnostics.every((d) => d.code === "SLU4009" && d.span?.file === "pipeline.ts")).toBe(true);
  });
});
