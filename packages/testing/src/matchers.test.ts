// The matchers as a user meets them: a sample project (test/sample-project) copied to a fresh
// folder outside any repository and tested by a real jest in a child process. It passes and
// writes its snapshots; a changed step fails with a diff; `jest -u` rewrites the files; the same
// project in another folder gives byte-identical snapshots.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { listFiles } from "../../cli/src/index.js";
import { folderName } from "./snapshot-store.js";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "../../..");
const require = createRequire(join(repo, "package.json"));
const jestBin = join(repo, "node_modules/jest/bin/jest.js");

/** A copy of the sample project in a new folder, with @sluice/testing and @sluice/core linked in. */
function sampleProject(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(here, "../test/sample-project"), dir, { recursive: true });
  mkdirSync(join(dir, "node_modules/@sluice"), { recursive: true });
  symlinkSync(join(repo, "packages/testing"), join(dir, "node_modules/@sluice/testing"));
  symlinkSync(join(repo, "packages/core"), join(dir, "node_modules/@sluice/core"));
  const config = join(dir, "jest.config.mjs");
  writeFileSync(config, readFileSync(config, "utf8").replace("SWC_JEST", require.resolve("@swc/jest")));
  return dir;
}

function jest(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ["--experimental-vm-modules", jestBin, "--rootDir", dir, "--config", join(dir, "jest.config.mjs"), "--no-cache", ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CI: "", NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

const snapshots = (dir: string) => join(dir, "__pipelines__");
const read = (dir: string) => Object.fromEntries(listFiles(snapshots(dir)).map((p) => [p, readFileSync(join(snapshots(dir), p), "utf8")]));

describe("toMatchPipelineSnapshot in a user's project", () => {
  const a = sampleProject("sluice-testing-a-");

  it("passes and writes the native files beside the test on the first run", () => {
    const r = jest(a, "--ci=false");
    expect(r.output).toContain("Tests:       3 passed");
    expect(r.code).toBe(0);
    expect(listFiles(snapshots(a))).toEqual([
      "sample-train-compiles-to-an-Argo-WorkflowTemplate/sample-train.argo.yaml",
      "sample-train-compiles-to-every-target/sample-train.argo.yaml",
      "sample-train-compiles-to-every-target/sample-train.ir.yaml",
      "sample-train-compiles-to-every-target/sample-train.kubeflow.yaml",
      "sample-train-compiles-to-every-target/sample_train.py",
    ]);
    expect(read(a)["sample-train-compiles-to-an-Argo-WorkflowTemplate/sample-train.argo.yaml"]).toContain("kind: WorkflowTemplate");
    // No git state in a snapshot: it would change with every commit.
    expect(read(a)["sample-train-compiles-to-every-target/sample-train.ir.yaml"]).not.toMatch(/^\s+git:/m);
  });

  it("passes again on CI, where no snapshot may be written", () => {
    const r = jest(a, "--ci");
    expect(r.code).toBe(0);
  });

  it("is byte-identical when the same project sits in another folder", () => {
    const b = sampleProject("sluice-testing-elsewhere-with-a-longer-path-");
    expect(jest(b, "--ci=false").code).toBe(0);
    expect(read(b)).toEqual(read(a));
  });

  it("fails with a unified diff of the native file when a step changes", () => {
    const steps = join(a, "steps.ts");
    writeFileSync(steps, readFileSync(steps, "utf8").replace('"ghcr.io/acme/ml:1.0",\n  command: ["python", "-m", "acme.train"]', '"ghcr.io/acme/ml:2.0",\n  command: ["python", "-m", "acme.train"]'));
    const r = jest(a, "--ci");
    expect(r.code).toBe(1);
    expect(r.output).toContain("the pipeline no longer matches its snapshot __pipelines__/sample-train-compiles-to-every-target/");
    expect(r.output).toContain("__pipelines__/sample-train-compiles-to-every-target/sample-train.argo.yaml differs:");
    expect(r.output).toMatch(/^\s*-\s+image: ghcr\.io\/acme\/ml:1\.0$/m);
    expect(r.output).toMatch(/^\s*\+\s+image: ghcr\.io\/acme\/ml:2\.0$/m);
    expect(r.output).toContain("jest -u");
    expect(r.output).toContain("Tests:       2 failed, 1 passed");
  });

  it("is rewritten by jest -u, after which it passes", () => {
    const before = read(a);
    const r = jest(a, "--ci", "-u");
    expect(r.code).toBe(0);
    const after = read(a);
    expect(after["sample-train-compiles-to-every-target/sample-train.argo.yaml"]).toContain("ghcr.io/acme/ml:2.0");
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(jest(a, "--ci").code).toBe(0);
  });

  it("fails on CI when a snapshot was never written", () => {
    const c = sampleProject("sluice-testing-c-");
    const r = jest(c, "--ci");
    expect(r.code).toBe(1);
    expect(r.output).toContain("no snapshot __pipelines__/sample-train-compiles-to-every-target/ yet");
  });
});

describe("folderName", () => {
  it("keeps a readable name and makes it safe for any file system", () => {
    expect(folderName("churn › compiles to argo")).toBe("churn-compiles-to-argo");
    expect(folderName("../../etc")).toBe("etc");
    const long = folderName("x".repeat(200));
    expect(long).toHaveLength(80);
    expect(long).not.toBe(folderName("x".repeat(199)));
  });
});
