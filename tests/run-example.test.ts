// examples/local-experiment end to end through the CLI: its steps really generate data, train and
// evaluate a model in plain Python. Two runs with different params compare side by side; a third
// with the first one's params is fully cached; the model's hash follows the params.
import { sluiceHere as sluice } from "./run/cli.js";
import { tempDir } from "./run/helpers.js";

const example = "examples/local-experiment/pipeline.ts";

interface Shown {
  run: { status: string; params: Record<string, unknown> };
  metrics: Record<string, number>;
  tasks: { path: string; status: string; cachedFromRun: number | null; artifacts: { role: string; name: string; sha256: string }[] }[];
}

async function show(st: string, id: number): Promise<Shown> {
  return JSON.parse((await sluice(["runs", "show", String(id), "--store", st, "--format", "json"])).stdout) as Shown;
}

function modelHash(s: Shown): string {
  return s.tasks.find((t) => t.path === "train")!.artifacts.find((a) => a.role === "out" && a.name === "model")!.sha256;
}

describe("examples/local-experiment, run locally", () => {
  const st = tempDir("example");

  it("trains and evaluates, twice with different params, and compares the runs", async () => {
    expect((await sluice(["run", example, "--store", st])).status).toBe(0);
    expect((await sluice(["run", example, "--store", st, "--param", "lr=0.05", "--param", "epochs=20"])).status).toBe(0);
    const one = (await show(st, 1));
    const two = (await show(st, 2));
    for (const s of [one, two]) {
      expect(s.run.status).toBe("succeeded");
      expect(s.metrics["evaluate.accuracy"]).toBeGreaterThan(0.5);
      expect(Object.keys(s.metrics).sort()).toEqual(["evaluate.accuracy", "evaluate.logloss", "evaluate.precision", "evaluate.recall", "generate.count", "train.loss"]);
    }
    // The data steps did not change, so run 2 reused them; the model did.
    expect(two.tasks.filter((t) => t.cachedFromRun === 1).map((t) => t.path)).toEqual(["generate", "split"]);
    expect(modelHash(two)).not.toBe(modelHash(one));

    const cmp = JSON.parse((await sluice(["runs", "compare", "1", "2", "--store", st, "--format", "json"])).stdout) as { params: { name: string; values: unknown[]; differs: boolean }[]; metrics: { name: string; values: unknown[]; differs: boolean }[] };
    expect(cmp.params.filter((p) => p.differs)).toEqual([
      { name: "epochs", values: [60, 20], differs: true },
      { name: "lr", values: [0.5, 0.05], differs: true },
    ]);
    const loss = cmp.metrics.find((m) => m.name === "train.loss")!;
    expect(loss.values).toEqual([one.metrics["train.loss"], two.metrics["train.loss"]]);
    expect(loss.differs).toBe(true);
    const text = (await sluice(["runs", "compare", "1", "2", "--store", st])).stdout;
    expect(text).toMatch(/≠ lr\s+0\.5\s+0\.05/);
    expect(text).toMatch(/evaluate\.accuracy/);
  });

  it("a third run with the first run's params is fully cached, with the same model hash", async () => {
    const r = (await sluice(["run", example, "--store", st]));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^run 3 succeeded: 6 tasks \(0 ran, 5 cached, 1 skipped\)/);
    const three = (await show(st, 3));
    expect(three.tasks.filter((t) => t.status === "succeeded").every((t) => t.cachedFromRun === 1)).toBe(true);
    expect(modelHash(three)).toBe(modelHash((await show(st, 1))));
    expect((await show(st, 3)).metrics).toEqual((await show(st, 1)).metrics);
  });

  it("run again without the cache, the steps make byte-identical artifacts (the hash is the data's version)", async () => {
    expect((await sluice(["run", example, "--store", st, "--no-cache"])).stdout).toMatch(/^run 4 succeeded: 6 tasks \(5 ran, 0 cached, 1 skipped\)/);
    expect(modelHash((await show(st, 4)))).toBe(modelHash((await show(st, 1))));
    const lineage = JSON.parse((await sluice(["runs", "lineage", modelHash((await show(st, 1))), "--store", st, "--format", "json"])).stdout) as { producedBy: { run: number; task: string; params: unknown }; from: { kind: string }[] };
    expect(lineage.producedBy).toMatchObject({ run: 1, task: "train", params: { lr: 0.5, epochs: 60 } });
    expect(lineage.from.map((f) => f.kind)).toEqual(["dataset"]);
  });
});
