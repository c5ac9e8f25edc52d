// Every construct of the support matrix, run locally with real processes: each test checks the
// values each task received (as the store recorded them and as the process printed or wrote them).
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { computeIrHash } from "@sluice/core/backend";
import { compareRuns } from "../packages/runner/src/index.js";
import { compile, received, run, statuses, tempDir } from "./run/helpers.js";

describe("local runs: every construct with its real meaning", () => {
  it("passes parameter outputs downstream (data-passing-params)", async () => {
    const ran = await run(compile("fixtures/data-passing-params/pipeline.ts"), tempDir("st"));
    expect(ran.result.status).toBe("succeeded");
    expect(received(ran)).toEqual({ count: { text: "the quick brown fox" }, double: { value: 4 }, report: { words: 4, doubled: 8 } });
    expect(ran.log("report").trim()).toBe("words=4 doubled=8");
    ran.store.close();
  });

  it("passes an artifact as a local file, the same bytes by content hash (argo-artifact-passing)", async () => {
    const ran = await run(compile("fixtures/argo-artifact-passing/pipeline.ts"), tempDir("st"));
    expect(ran.result.status).toBe("succeeded");
    const made = ran.tasks.get("generate-artifact")!.artifacts.find((a) => a.role === "out")!;
    const read = ran.tasks.get("consume-artifact")!.artifacts.find((a) => a.role === "in")!;
    expect(read.sha256).toBe(made.sha256);
    expect(ran.log("consume-artifact").trim()).toBe("hello world");
    ran.store.close();
  });

  it("runs script steps with the interpreter they name, flags per the convention (script-inline, script-file)", async () => {
    const inline = await run(compile("fixtures/script-inline/pipeline.ts"), tempDir("st"), ["who=Ada"]);
    expect(received(inline)).toEqual({ greet: { name: "Ada", times: 2 }, shout: { text: "hello Ada hello Ada" } });
    expect(inline.log("shout").trim()).toBe("HELLO ADA HELLO ADA");
    inline.store.close();
    // fetch.sh downloads with wget; here a wget on PATH serves the data (no network in tests).
    const bin = tempDir("bin");
    writeFileSync(join(bin, "wget"), '#!/bin/sh\nprintf "a\\n\\nabcd\\nxy\\nlong line\\n" > "$3"\n', { mode: 0o755 });
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    const file = await run(compile("fixtures/script-file/pipeline.ts"), tempDir("st")).finally(() => (process.env.PATH = path));
    expect(statuses(file)).toEqual({ fetch: "succeeded", clean: "succeeded" });
    expect(file.tasks.get("clean")!.inputs.minLength).toBe(3);
    expect(file.tasks.get("clean")!.outputs.kept).toBe(2);
    file.store.close();
  });

  it("takes the branch the data says, else-if and else included (airflow-local-condition)", async () => {
    const ir = compile("fixtures/airflow-local-condition/pipeline.ts");
    for (const [score, taken] of [["0.95", "high"], ["0.7", "mid"], ["0.1", "low"]] as const) {
      const out = tempDir("out");
      const ran = await run(ir, tempDir("st"), [`score=${score}`, `outDir=${out}`]);
      expect(ran.result.status).toBe("succeeded");
      const st = statuses(ran);
      expect(st[taken]).toBe("succeeded");
      for (const other of ["high", "mid", "low"].filter((b) => b !== taken)) expect(st[other]).toBe("skipped");
      expect(readdirSync(out)).toEqual([`branch-${taken}.txt`]);
      expect(ran.tasks.get(taken)!.inputs).toEqual({ outDir: out, branch: taken });
      ran.store.close();
    }
  });

  it("evaluates &&, ||, ! and comparisons with params (condition-else-chain)", async () => {
    const ir = compile("fixtures/condition-else-chain/pipeline.ts");
    const forced = await run(ir, tempDir("st"), ["threshold=2", "force=true"]);
    const st = statuses(forced);
    expect(st["say-2"]).toBe("succeeded");
    expect(forced.log("say-2")).toMatch(/^good enough: 0\.\d+/);
    expect([st.say, st["say-3"], st["say-4"]]).toEqual(["skipped", "skipped", "skipped"]);
    forced.store.close();
    const dev = await run(ir, tempDir("st"), ["threshold=2"]);
    expect(statuses(dev)["say-3"]).toBe("succeeded");
    dev.store.close();
    const low = await run(ir, tempDir("st"), ["threshold=2", "env=\"staging\""].map((p) => p.replace('"staging"', "staging")));
    expect(statuses(low)["say-4"]).toBe("succeeded");
    expect(low.log("say-4").trim()).toBe("too low");
    low.store.close();
  });

  it("loops over a list output, literals and a list param; the fan-in sees every item in order (airflow-local-loop)", async () => {
    const out = tempDir("out");
    const ran = await run(compile("fixtures/airflow-local-loop/pipeline.ts"), tempDir("st"), [`outDir=${out}`, 'words=["gamma","delta"]']);
    expect(ran.result.status).toBe("succeeded");
    const got = received(ran);
    expect([0, 1, 2].map((i) => got[`square[${i}]`]!.x)).toEqual([1, 2, 3]);
    expect(got.total!.values).toEqual([1, 4, 9]);
    expect(readFileSync(join(out, "total.txt"), "utf8")).toBe("14");
    expect([got["greet[0]"]!.word, got["greet[1]"]!.word]).toEqual(["alpha", "beta"]);
    // A step reads another step of the same iteration.
    expect([got["record[0]"], got["record[1]"]].map((r) => [r!.word, r!.len])).toEqual([["alpha", 5], ["beta", 4]]);
    expect([got["greet-param[0]"]!.word, got["greet-param[1]"]!.word]).toEqual(["gamma", "delta"]);
    ran.store.close();
  });

  it("collects a fan-in from a branch (only the iterations that took it) and from an inner loop (one flat list) (airflow-local-fan-in-nested)", async () => {
    const out = tempDir("out");
    const ran = await run(compile("fixtures/airflow-local-fan-in-nested/pipeline.ts"), tempDir("st"), [`outDir=${out}`, 'sizes=["small","large"]']);
    expect(ran.result.status).toBe("succeeded");
    expect(statuses(ran)).toMatchObject({ "big[0]": "skipped", "big[1]": "succeeded", "big[2]": "succeeded" });
    const got = received(ran);
    expect(got["gather-branch"]!.values).toEqual([50, 90]);
    expect(got["gather-pairs"]!.values).toEqual(["news-small", "news-large", "books-small", "books-large"]);
    expect(JSON.parse(readFileSync(join(out, "pairs.json"), "utf8"))).toEqual(["news-small", "news-large", "books-small", "books-large"]);
    ran.store.close();
  });

  it("reads fields of object items, from a list output and from literals (kfp-pipeline-with-loops)", async () => {
    const ran = await run(compile("fixtures/kfp-pipeline-with-loops/pipeline.ts"), tempDir("st"));
    const got = received(ran);
    expect([got["print-text[0]"]!.msg, got["print-text[1]"]!.msg]).toEqual(["a", "b"]);
    expect([got["print-text-2[0]"]!.msg, got["print-text-2[1]"]!.msg]).toEqual(["1", "10"]);
    expect([got["print-text-3[0]"]!.msg, got["print-text-3[1]"]!.msg]).toEqual(["2", "20"]);
    expect(got["print-struct[1]"]!.struct).toEqual({ A_a: "10", B_b: "20" });
    expect([got["print-text-5[0]"]!.msg, got["print-text-5[1]"]!.msg]).toEqual(["2", "20"]);
    expect(ran.log("print-struct-2[0]").trim()).toBe('{"A_a":"1","B_b":"2"}');
    ran.store.close();
  });

  it("collects a fan-in of artifacts as one folder with one entry per item, in item order (fan-in-artifacts-kfp)", async () => {
    const ran = await run(compile("fixtures/fan-in-artifacts-kfp/pipeline.ts"), tempDir("st"), ["rates=[0.5,0.25,0.125]"]);
    expect(ran.result.status).toBe("succeeded");
    const models = ran.tasks.get("compare")!.artifacts.filter((a) => a.role === "in").map((a) => a.sha256);
    const made = [0, 1, 2].map((i) => ran.tasks.get(`train[${i}]`)!.artifacts.find((a) => a.role === "out")!.sha256);
    expect(models).toEqual(made);
    const listing = ran.store.cas.objectPath(ran.tasks.get("compare")!.artifacts.find((a) => a.role === "out")!.sha256);
    expect(readFileSync(listing, "utf8")).toMatch(/^.*:\n0\n1\n2\n/);
    ran.store.close();
  });

  it("runs nested pipelines with their own params and returns their outputs (airflow-local-params, kfp-pipeline-in-pipeline)", async () => {
    const out = tempDir("out");
    const ran = await run(compile("fixtures/airflow-local-params/pipeline.ts"), tempDir("st"), [`outDir=${out}`, "seed=5"]);
    expect(ran.result.status).toBe("succeeded");
    expect(readFileSync(join(out, "consumed.txt"), "utf8")).toBe("15 rows:5");
    expect(readFileSync(join(out, "consumed-nested.txt"), "utf8")).toBe("6 rows:2");
    expect(ran.tasks.get("triple/produce")!.inputs).toEqual({ seed: 2 });
    ran.store.close();
    const nested = await run(compile("fixtures/kfp-pipeline-in-pipeline/pipeline.ts"), tempDir("st"));
    expect(received(nested)["inner-pipeline/print-op2"]).toEqual({ msg: "world" });
    expect(nested.log("inner-pipeline/print-op2").trim()).toBe("world");
    nested.store.close();
  });

  it("runs the exit handler after a failure and still fails the run (airflow-local-exit-handler, exit-handler)", async () => {
    const out = tempDir("out");
    const ran = await run(compile("fixtures/airflow-local-exit-handler/pipeline.ts"), tempDir("st"), [`outDir=${out}`]);
    expect(ran.result.status).toBe("failed");
    expect(statuses(ran)).toEqual({ fail: "failed", cleanup: "succeeded" });
    expect(ran.tasks.get("fail")!.exitCode).toBe(3);
    expect(readFileSync(join(out, "cleanup.txt"), "utf8")).toBe("cleaned");
    ran.store.close();
    const second = await run(compile("fixtures/exit-handler/pipeline.ts"), tempDir("st"), ["fail=true"]);
    expect(statuses(second)).toEqual({ work: "succeeded", "work-2": "failed", cleanup: "succeeded" });
    expect(second.result.failures[0]!.logTail).toBe("failing");
    second.store.close();
  });

  it("gives each task its env, merged by key over the step's (kfp-pipeline-with-env)", async () => {
    const ran = await run(compile("fixtures/kfp-pipeline-with-env/pipeline.ts"), tempDir("st"));
    expect(ran.log("print-env-op").trim()).toBe("val1");
    expect(ran.log("print-env").split("\n").filter((l) => !l.startsWith("+"))).toEqual(["val0", "val2", "val3", ""]);
    ran.store.close();
  });

  it("waits for after edges and runs independent tasks (kfp-pipeline-with-after, argo-dag-diamond)", async () => {
    const ran = await run(compile("fixtures/kfp-pipeline-with-after/pipeline.ts"), tempDir("st"));
    expect(ran.result.status).toBe("succeeded");
    const order = ran.events.filter((e) => e.event === "task" && e.state === "succeeded").map((e) => (e as { task: string }).task);
    const ir = compile("fixtures/kfp-pipeline-with-after/pipeline.ts");
    for (const n of ir.spec.root) if (n.type === "task") for (const a of n.after) expect(order.indexOf(a)).toBeLessThan(order.indexOf(n.id));
    ran.store.close();
    const diamond = await run(compile("fixtures/argo-dag-diamond/pipeline.ts"), tempDir("st"));
    expect(diamond.result.status).toBe("succeeded");
    diamond.store.close();
  });

  it("runs a file's other exports with --export (several-exports), loops over a list param (loop-param)", async () => {
    const ir = compile("fixtures/several-exports/pipeline.ts", "weekly");
    expect(ir.metadata.name).toBe("sync-weekly");
    const ran = await run(ir, tempDir("st"));
    expect(ran.result.status).toBe("succeeded");
    ran.store.close();
    const loop = await run(compile("fixtures/loop-param/pipeline.ts"), tempDir("st"));
    expect(loop.result.status).toBe("succeeded");
    expect([...loop.tasks.keys()].filter((k) => k.includes("["))).not.toHaveLength(0);
    loop.store.close();
  });
});

describe("local runs: parallelism", () => {
  it("never runs more tasks at once than the pipeline's parallelism, whatever --jobs says", async () => {
    const ran = await run(compile("tests/run/pipelines/faults.ts", "limited"), tempDir("st"), [], { jobs: 8 });
    expect(ran.result.status).toBe("succeeded");
    let running = 0;
    let most = 0;
    for (const e of ran.events) {
      if (e.event !== "task") continue;
      if (e.state === "running") running++;
      if (e.state === "succeeded" || e.state === "failed") running--;
      most = Math.max(most, running);
    }
    expect(most).toBe(2);
    expect(ran.tasks.size).toBe(5);
    ran.store.close();
  });
});

describe("local runs: comparing code versions", () => {
  it("runs compare names the steps that changed between two IR hashes", async () => {
    const st = tempDir("st");
    const ir = compile("fixtures/data-passing-params/pipeline.ts");
    const first = await run(ir, st);
    first.store.close();
    // The same pipeline with one step's command edited, as a later commit would have it.
    const edited = structuredClone(ir);
    const report = edited.spec.components.find((c) => c.name === "report")!;
    if ("container" in report.implementation) report.implementation.container.command = ["printf", "%s\\n"];
    edited.metadata.hash = computeIrHash(edited);
    const second = await run(edited, st);
    expect(second.tasks.get("count")!.cachedFromRun).toBe(1);
    expect(second.tasks.get("report")!.cachedFromRun).toBeNull();
    expect(compareRuns(second.store, [1, 2]).changedSteps).toEqual([{ from: 1, to: 2, added: [], removed: [], changed: ["report"] }]);
    second.store.close();
  });
});

describe("local runs: outputs", () => {
  it("refuses a parameter output that does not parse as its type, naming the output", async () => {
    const ran = await run(compile("tests/run/pipelines/faults.ts", "badOutput"), tempDir("st"));
    expect(ran.result.status).toBe("failed");
    expect(ran.result.failures[0]!.reason).toMatch(/output "n" is declared int/);
    ran.store.close();
  });

  it("keeps the scratch folder of a failed task and removes a successful one's", async () => {
    const st = tempDir("st");
    const ran = await run(compile("fixtures/airflow-local-exit-handler/pipeline.ts"), st, [`outDir=${tempDir("out")}`]);
    const work = join(st, "work", String(ran.result.runId));
    expect(existsSync(work)).toBe(true);
    expect(readdirSync(work).some((n) => n.includes("fail"))).toBe(true);
    expect(readdirSync(work).some((n) => n.includes("cleanup"))).toBe(false);
    ran.store.close();
  });
});
