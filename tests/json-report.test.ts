// `--format json` prints exactly one JSON report on stdout on every exit path, internal errors
// included (issue 14): editors and scripts parse stdout whatever happened.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../packages/cli/src/index.js";

const hello = `import { pipeline, step } from "@sluice/core";
const hello = step({ name: "hello", image: "alpine:3.20", command: ["echo", "hi"] });
export default pipeline({ name: "json-report" }, () => {
  hello({});
});
`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "sluice-json-"));
  writeFileSync(join(dir, "pipeline.ts"), hello);
  // A back-end plugin with a bug: the CLI must report it as an internal error (exit 70).
  writeFileSync(join(dir, "broken-backend.mjs"), `export default { name: "broken", options: undefined, compile() { throw new Error("plugin bug"); } };\n`);
  return dir;
}

function oneReport(stdout: string): { ok: boolean; diagnostics: { code: string }[] } {
  const report = JSON.parse(stdout) as { ok: boolean; diagnostics: { code: string }[] };
  expect(stdout.trimEnd().split("\n").at(-1)).toBe("}"); // nothing after the one object
  return report;
}

describe("--format json: one report on every exit path", () => {
  const dir = project();
  it.each([
    ["success", ["compile", "pipeline.ts", "--out", "out", "--no-git"], 0, []],
    ["missing file", ["compile", "missing.ts"], 2, ["SLU9002"]],
    ["unknown option", ["compile", "pipeline.ts", "--bogus"], 2, ["SLU9008"]],
    ["unknown command", ["bogus"], 2, ["SLU9008"]],
    ["bad target", ["compile", "pipeline.ts", "--target", "nope"], 2, ["SLU9003"]],
    ["write failure", ["compile", "pipeline.ts", "--out", "/proc/sluice-json", "--no-git"], 1, ["SLU9006"]],
    ["internal error", ["compile", "pipeline.ts", "--target", join(dir, "broken-backend.mjs"), "--no-git"], 70, ["SLU0005"]],
  ] as const)("%s", async (_what, args, code, codes) => {
    const r = await runCli([...args, "--format", "json"], { cwd: dir });
    expect(r.code).toBe(code);
    expect(r.stderr).toBe("");
    const report = oneReport(r.stdout);
    expect(report.ok).toBe(code === 0);
    expect(report.diagnostics.map((d) => d.code)).toEqual(codes);
  });
});
