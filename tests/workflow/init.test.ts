// `sluice init [DIR]`: the new project's files, its first compile, and the refusal to overwrite.
// (conformance/packaging/run.sh installs such a project from tarballs and runs its tools.)
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listFiles } from "../../packages/cli/src/index.js";
import { folderName, SNAPSHOT_FOLDER } from "../../packages/testing/src/index.js";
import { sluice } from "./helpers.js";

describe("sluice init", () => {
  const parent = mkdtempSync(join(tmpdir(), "sluice-init-"));
  const init = sluice(["init", "My Pipelines"], parent);
  const dir = join(parent, "My Pipelines");

  it("creates a project with a pipeline, its snapshot test, CI, a README and the first compile", () => {
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("created my-pipelines in My Pipelines/");
    const snapshot = `pipelines/${SNAPSHOT_FOLDER}/${folderName("pipeline compiles to every target")}`;
    expect(listFiles(dir)).toEqual([
      ".github/workflows/sluice.yml",
      ".gitignore",
      "README.md",
      "deploy/my-pipelines.argo.yaml",
      "deploy/my-pipelines.ir.yaml",
      "deploy/my-pipelines.kubeflow.yaml",
      "deploy/my_pipelines.py",
      "jest.config.js",
      "package.json",
      `${snapshot}/my-pipelines.argo.yaml`,
      `${snapshot}/my-pipelines.ir.yaml`,
      `${snapshot}/my-pipelines.kubeflow.yaml`,
      `${snapshot}/my_pipelines.py`,
      "pipelines/pipeline.test.ts",
      "pipelines/pipeline.ts",
      "tsconfig.json",
    ]);
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    expect(pkg.name).toBe("my-pipelines");
    expect(pkg.dependencies["@sluice/core"]).toBe("^0.1.0");
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(["@sluice/cli", "@sluice/testing", "jest", "typescript"]));
    expect(readFileSync(join(dir, ".github/workflows/sluice.yml"), "utf8")).toContain("sluice diff pipelines/pipeline.ts --against deploy");
    expect(readFileSync(join(dir, "README.md"), "utf8")).toMatch(/^# my-pipelines\n/);
  });

  it("leaves deploy/ exactly what sluice diff expects", () => {
    const r = sluice(["diff", "pipelines/pipeline.ts", "--against", "deploy"], dir);
    expect(r.stdout).toBe("deploy/ is up to date (4 files)\n");
    expect(r.code).toBe(0);
  });

  it("refuses a folder that is not empty (SLU9603, exit 2) and writes nothing", () => {
    const busy = join(parent, "busy");
    mkdirSync(busy);
    writeFileSync(join(busy, "notes.txt"), "mine\n");
    const r = sluice(["init", "busy"], parent);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error SLU9603");
    expect(readdirSync(busy)).toEqual(["notes.txt"]);
  });

  it("depends on local tarballs with --sluice-from, and says which one is missing", () => {
    const tarballs = join(parent, "tarballs");
    mkdirSync(tarballs);
    for (const p of ["core", "cli", "testing", "compiler-argo", "compiler-kubeflow", "compiler-airflow", "runner", "submit"]) writeFileSync(join(tarballs, `sluice-${p}-0.1.0.tgz`), "");
    const missing = sluice(["init", "local", "--sluice-from", "tarballs"], parent);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("error SLU9605: no tarball of @sluice/graph");
    writeFileSync(join(tarballs, "sluice-graph-0.1.0.tgz"), "");
    expect(sluice(["init", "local", "--sluice-from", "tarballs"], parent).code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(parent, "local/package.json"), "utf8"));
    expect(pkg.dependencies["@sluice/core"]).toBe(`file:${join(tarballs, "sluice-core-0.1.0.tgz")}`);
    expect(pkg.devDependencies["@sluice/graph"]).toBe(`file:${join(tarballs, "sluice-graph-0.1.0.tgz")}`);
  });
});
