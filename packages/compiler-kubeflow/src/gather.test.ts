// The gather task's Python, run for real on a fake executor input: each artifact the launcher
// downloaded lands in <folder>/<index>, files and folders alike, in iteration order. The
// launcher's mount points (/s3/, /minio/, /gcs/) are moved into a temporary folder for the test.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildPipeline } from "./build-pipeline.js";
import { KubeflowOptions } from "./options.js";
import { component, pipelineOf, task } from "./testing/ir.js";

const python = ["python3", "python"].find((p) => spawnSync(p, ["--version"]).status === 0);

function gatherSource(): string {
  const consumer = component("pick", { inputs: [{ name: "ms", type: { category: "artifactList", kind: "model" } }], implementation: { container: { command: ["ls"], args: [{ inputPath: "ms" }] } } });
  const ir = pipelineOf([consumer], [task("p", "pick", { inputs: { ms: { param: "models" } } })], { params: [{ name: "models", type: { category: "artifactList", kind: "model" }, span: "p.ts:1:1" }] });
  const { spec } = buildPipeline(ir, KubeflowOptions.parse({}));
  return spec.deploymentSpec.executors["exec-sluice-gather-model"]!.container.command![2]!;
}

(python ? describe : describe.skip)("gather task", () => {
  it("copies every listed artifact into one folder, one entry per item, in order", () => {
    const root = mkdtempSync(join(tmpdir(), "sluice-gather-"));
    const source = gatherSource().replace(/"\/(gcs|s3|minio)\/"/g, (_m, mount: string) => JSON.stringify(join(root, mount) + "/"));
    mkdirSync(join(root, "s3/bucket/run/a"), { recursive: true });
    writeFileSync(join(root, "s3/bucket/run/a/model.bin"), "A");
    mkdirSync(join(root, "minio/bucket/run"), { recursive: true });
    writeFileSync(join(root, "minio/bucket/run/b"), "B");
    const executorInput = { inputs: { artifacts: { items: { artifacts: [{ uri: "s3://bucket/run/a" }, { uri: "minio://bucket/run/b" }] } } } };
    const folder = join(root, "out/folder");
    const run = spawnSync(python!, ["-c", source, JSON.stringify(executorInput), folder], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(readdirSync(folder).sort()).toEqual(["0", "1"]);
    expect(readFileSync(join(folder, "0/model.bin"), "utf8")).toBe("A");
    expect(readFileSync(join(folder, "1"), "utf8")).toBe("B");
  });
});
