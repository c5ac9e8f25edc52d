// `sluice compile --watch`: a real file change, recompiled; the test waits on the output, never
// on a timer. Each step starts reading the output where the previous one ended.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RunningCli, sampleProject } from "./helpers.js";

describe("sluice compile --watch", () => {
  const dir = sampleProject();
  const steps = join(dir, "steps.ts");
  const pipelineFile = join(dir, "pipeline.ts");
  const argoFile = join(dir, "out/sample-train.argo.yaml");
  let cli: RunningCli;
  let seen = 0;

  /** Applies a change, then waits for the output that follows it up to `until`. */
  async function change(apply: () => void, until: RegExp): Promise<string> {
    const from = cli.output.length;
    apply();
    const text = await cli.waitFor(until, from);
    seen = cli.output.length;
    return text;
  }

  beforeAll(async () => {
    cli = new RunningCli(["compile", "pipeline.ts", "--watch", "--no-git"], dir);
    await cli.waitFor(/watching 2 files for changes/);
    seen = cli.output.length;
  });
  afterAll(async () => {
    await cli.stop();
  });

  it("compiles and writes everything at the start", () => {
    expect(cli.output).toMatch(/^wrote out\/sample-train\.ir\.yaml\nwrote out\/sample-train\.argo\.yaml\nwrote out\/sample-train\.kubeflow\.yaml\nwrote out\/sample_train\.py\ncompiled in \d+ ms\nwatching 2 files/);
  });

  it("recompiles when an imported file is saved, and writes the new output", async () => {
    const text = await change(() => writeFileSync(steps, readFileSync(steps, "utf8").replace('"acme.train"', '"acme.train_v2"')), /compiled in \d+ ms\n/);
    expect(text).toContain("wrote out/sample-train.argo.yaml\n");
    expect(readFileSync(argoFile, "utf8")).toContain("acme.train_v2");
  });

  it("says so, and writes nothing, when a save does not change the output", async () => {
    const text = await change(() => writeFileSync(pipelineFile, `${readFileSync(pipelineFile, "utf8")}// a comment\n`), /no change in the output \(\d+ ms\)\n/);
    expect(text).not.toContain("wrote");
  });

  it("prints the diagnostics of a broken save and keeps the last good files", async () => {
    const before = readFileSync(argoFile, "utf8");
    const text = await change(() => writeFileSync(steps, readFileSync(steps, "utf8").replace('"acme.train_v2"', '"acme.train_v3",,')), /compile failed \(\d+ ms\)/);
    expect(text).toContain("steps.ts:");
    expect(text).toContain("error SLU1101: an array hole");
    expect(readFileSync(argoFile, "utf8")).toBe(before);
  });

  it("recovers on the next good save", async () => {
    const text = await change(() => writeFileSync(steps, readFileSync(steps, "utf8").replace('"acme.train_v3",,', '"acme.train_v3",')), /compiled in \d+ ms\n/);
    expect(text).toContain("wrote out/sample-train.argo.yaml\n");
    expect(readFileSync(argoFile, "utf8")).toContain("acme.train_v3");
    expect(seen).toBeGreaterThan(0);
  });
});
