// `sluice run` and `sluice runs` from the command line: params checked before anything runs,
// secrets, engines, caching, and every `runs` subcommand in text and JSON.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RUN_CODES } from "../packages/runner/src/index.js";
import { sluiceHere as sluice } from "./run/cli.js";
import { tempDir } from "./run/helpers.js";

const faults = "tests/run/pipelines/faults.ts";
const passing = "fixtures/data-passing-params/pipeline.ts";

function jsonDiagnostics(stdout: string): { code: string; span?: { file: string; line: number; column: number } }[] {
  return (JSON.parse(stdout.trim().split("\n").pop()!) as { diagnostics: { code: string; span?: { file: string; line: number; column: number } }[] }).diagnostics;
}

describe("sluice run: params are checked against the IR before anything runs", () => {
  it.each([
    [["--param", "bogus=1"], RUN_CODES.unknownParam, 26],
    [["--param", "code=seven"], RUN_CODES.badParamValue, 26],
    [["--param", "code=1.5"], RUN_CODES.badParamValue, 26],
    [["--param", "nonsense"], RUN_CODES.badParamSyntax, undefined],
  ])("%j is %s, located, exit 2, and no run is recorded", async (args, code, line) => {
    const st = tempDir("st");
    const r = (await sluice(["run", faults, "--export", "failing", "--store", st, "--format", "json", ...(args as string[])]));
    expect(r.status).toBe(2);
    const d = jsonDiagnostics(r.stdout);
    expect(d.map((x) => x.code)).toEqual([code]);
    if (line !== undefined) expect(d[0]!.span).toMatchObject({ file: faults, line });
    expect(existsSync(join(st, "runs.db"))).toBe(false);
  });

  it("a required param left out is SLU9012 at its declaration", async () => {
    const r = (await sluice(["run", faults, "--export", "timeout", "--store", tempDir("st"), "--format", "json"]));
    expect(r.status).toBe(2);
    expect(jsonDiagnostics(r.stdout)).toMatchObject([{ code: RUN_CODES.missingParam, span: { file: faults, line: 41 } }]);
  });

  it("text format prints the diagnostic with a code frame, no stack trace", async () => {
    const r = (await sluice(["run", faults, "--export", "failing", "--store", tempDir("st"), "--param", "code=x"]));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${faults}:26:`);
    expect(r.stderr).toContain("error SLU9011");
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it("a pipeline with compile errors exits 1 and runs nothing", async () => {
    const r = (await sluice(["run", "fixtures/errors/SLU1201-unknown-input/pipeline.ts", "--store", tempDir("st")]));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("SLU1201");
  });
});

describe("sluice run: engines and secrets", () => {
  it("--engine docker without a docker engine is a clear error (SLU9014), nothing runs", async () => {
    const st = tempDir("st");
    const r = (await sluice(["run", passing, "--engine", "docker", "--store", st, "--format", "json"]));
    expect(r.status).toBe(2);
    const d = jsonDiagnostics(r.stdout);
    expect(d[0]!.code).toBe(RUN_CODES.engineUnavailable);
    expect(existsSync(join(st, "runs.db"))).toBe(false);
  });

  it("an unknown --engine is SLU9018", async () => {
    const r = (await sluice(["run", passing, "--engine", "lxc", "--store", tempDir("st"), "--format", "json"]));
    expect(r.status).toBe(2);
    expect(jsonDiagnostics(r.stdout)[0]!.code).toBe(RUN_CODES.badOption);
  });

  it("a secret found nowhere is SLU9016 before anything runs", async () => {
    const r = (await sluice(["run", faults, "--export", "secrets", "--store", tempDir("st"), "--format", "json"]));
    expect(r.status).toBe(2);
    expect(jsonDiagnostics(r.stdout)).toMatchObject([{ code: RUN_CODES.missingSecret, span: { file: faults } }]);
  });

  it("secrets come from the env file (or the environment) and never reach the store", async () => {
    const st = tempDir("st");
    writeFileSync(join(st, "secrets.env"), "# local secrets\nAPI_TOKEN=s3cr3t-value\n");
    const r = (await sluice(["run", faults, "--export", "secrets", "--store", st]));
    expect(r.status).toBe(0);
    const fromEnv = (await sluice(["run", faults, "--export", "secrets", "--store", tempDir("st2")], { API_TOKEN: "s3cr3t-value" }));
    expect(fromEnv.status).toBe(0);
    const digest = createHash("sha256").update("s3cr3t-value").digest("hex");
    const log = (await sluice(["runs", "logs", "1", "--store", st])).stdout;
    expect(log).toContain(digest);
    expect(log).toContain("leaked: ***");
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
    const everything = files(st).filter((f) => !f.endsWith("secrets.env")).map((f) => readFileSync(f).toString("latin1")).join("");
    expect(everything).toContain("use-secret");
    expect(everything).not.toContain("s3cr3t-value");
  });
});

describe("sluice run: artifact params", () => {
  it("stores a local file given as an artifact param and passes it in; a missing path is SLU9017", async () => {
    const st = tempDir("st");
    const data = join(tempDir("d"), "rows.csv");
    writeFileSync(data, "a\nb\nc\n");
    expect((await sluice(["run", faults, "--export", "artifactParam", "--store", st, "--param", `data=${data}`])).status).toBe(0);
    const show = JSON.parse((await sluice(["runs", "show", "1", "--store", st, "--format", "json"])).stdout) as { tasks: { outputs: Record<string, unknown>; artifacts: { role: string; sha256: string }[] }[] };
    expect(show.tasks[0]!.outputs).toEqual({ lines: 3 });
    expect(show.tasks[0]!.artifacts[0]!.sha256).toBe("sha256:" + createHash("sha256").update("a\nb\nc\n").digest("hex"));
    const lineage = JSON.parse((await sluice(["runs", "lineage", show.tasks[0]!.artifacts[0]!.sha256, "--store", st, "--format", "json"])).stdout) as { producedBy?: unknown };
    expect(lineage.producedBy).toBeUndefined();
    const missing = (await sluice(["run", faults, "--export", "artifactParam", "--store", tempDir("st"), "--param", "data=/no/such/file", "--format", "json"]));
    expect(missing.status).toBe(2);
    expect(jsonDiagnostics(missing.stdout)[0]!.code).toBe(RUN_CODES.artifactParamNotFound);
  });
});

describe("sluice run: caching", () => {
  it("reuses a matching successful execution (cached from run N), and --no-cache runs again", async () => {
    const st = tempDir("st");
    expect((await sluice(["run", passing, "--store", st])).status).toBe(0);
    const second = (await sluice(["run", passing, "--store", st, "--format", "json"]));
    expect(second.status).toBe(0);
    const events = second.stdout.trim().split("\n").map((l) => JSON.parse(l) as { event: string; state?: string; cachedFromRun?: number });
    expect(events.filter((e) => e.event === "task").map((e) => [e.state, e.cachedFromRun])).toEqual([
      ["cached", 1],
      ["cached", 1],
      ["cached", 1],
    ]);
    const third = (await sluice(["run", passing, "--store", st, "--no-cache"]));
    expect(third.stdout).toMatch(/^run 3 succeeded: 3 tasks \(3 ran, 0 cached\)/);
    const changed = (await sluice(["run", passing, "--store", st, "--param", "text=two words"]));
    // count sees new input, so does everything downstream of its new output; nothing else.
    expect(changed.stdout).toMatch(/^run 4 succeeded: 3 tasks \(3 ran, 0 cached\)/);
  });
});

describe("sluice runs", () => {
  const st = tempDir("runs");
  beforeAll(async () => {
    expect((await sluice(["run", passing, "--store", st])).status).toBe(0);
    expect((await sluice(["run", passing, "--store", st, "--param", "text=a b c d e f"])).status).toBe(0);
    expect((await sluice(["run", "fixtures/argo-artifact-passing/pipeline.ts", "--store", st])).status).toBe(0);
  });

  it("list shows runs newest first, filtered by pipeline, in text and JSON", async () => {
    const text = (await sluice(["runs", "list", "--store", st]));
    expect(text.status).toBe(0);
    expect(text.stdout.split("\n")[0]).toMatch(/^run\s+pipeline\s+status/);
    const json = JSON.parse((await sluice(["runs", "list", "--store", st, "--pipeline", "data-passing-params", "--format", "json"])).stdout) as { runs: { id: number }[]; total: number };
    expect(json.runs.map((r) => r.id)).toEqual([2, 1]);
    expect(json.total).toBe(2);
  });

  it("show gives params, metrics (numeric outputs) and tasks", async () => {
    const show = JSON.parse((await sluice(["runs", "show", "2", "--store", st, "--format", "json"])).stdout) as { run: { params: unknown }; metrics: Record<string, number>; tasks: { path: string }[] };
    expect(show.run.params).toEqual({ text: "a b c d e f" });
    expect(show.metrics).toEqual({ "count.words": 6, "double.result": 12 });
    expect(show.tasks.map((t) => t.path)).toEqual(["count", "double", "report"]);
  });

  it("compare puts params and metrics side by side and marks the differing ones", async () => {
    const cmp = JSON.parse((await sluice(["runs", "compare", "1", "2", "--store", st, "--format", "json"])).stdout) as { params: { name: string; values: unknown[]; differs: boolean }[]; metrics: { name: string; values: unknown[]; differs: boolean }[]; changedSteps: unknown[] };
    expect(cmp.params).toEqual([{ name: "text", values: ["the quick brown fox", "a b c d e f"], differs: true }]);
    expect(cmp.metrics).toEqual([
      { name: "count.words", values: [4, 6], differs: true },
      { name: "double.result", values: [8, 12], differs: true },
    ]);
    expect(cmp.changedSteps).toEqual([{ from: 1, to: 2, added: [], removed: [], changed: [] }]);
    const text = (await sluice(["runs", "compare", "1", "2", "--store", st])).stdout;
    expect(text).toMatch(/≠ count\.words\s+4\s+6/);
  });

  it("lineage traces an artifact to the task, run and params that made it", async () => {
    const show = JSON.parse((await sluice(["runs", "show", "3", "--store", st, "--format", "json"])).stdout) as { tasks: { path: string; artifacts: { role: string; sha256: string }[] }[] };
    const sha = show.tasks[0]!.artifacts.find((a) => a.role === "out")!.sha256;
    const lin = JSON.parse((await sluice(["runs", "lineage", sha.slice(0, 20), "--store", st, "--format", "json"])).stdout) as { sha256: string; producedBy: { run: number; task: string }; consumedBy: { task: string }[] };
    expect(lin.sha256).toBe(sha);
    expect(lin.producedBy).toMatchObject({ run: 3, task: "generate-artifact" });
    expect(lin.consumedBy.map((c) => c.task)).toEqual(["consume-artifact"]);
    const runLin = JSON.parse((await sluice(["runs", "lineage", "3", "--store", st, "--format", "json"])).stdout) as { artifacts: { task: string; consumedBy: string[] }[] };
    expect(runLin.artifacts).toMatchObject([{ task: "generate-artifact", consumedBy: ["consume-artifact"] }]);
  });

  it("logs prints a task's log; an unknown run or task is SLU9015", async () => {
    expect((await sluice(["runs", "logs", "3", "consume-artifact", "--store", st])).stdout.trim()).toBe("hello world");
    const bad = (await sluice(["runs", "show", "99", "--store", st, "--format", "json"]));
    expect(bad.status).toBe(2);
    expect(jsonDiagnostics(bad.stdout)[0]!.code).toBe(RUN_CODES.unknownRun);
    expect((await sluice(["runs", "logs", "3", "nope", "--store", st])).status).toBe(2);
  });

  it("a command-line mistake in a runs subcommand is exit 2, SLU9008 in JSON", async () => {
    expect((await sluice(["runs", "show", "--store", st])).status).toBe(2);
    const bogus = (await sluice(["runs", "list", "--bogus", "--store", st, "--format", "json"]));
    expect(bogus.status).toBe(2);
    // The CLI's own report for command-line errors: one pretty-printed JSON object.
    expect((JSON.parse(bogus.stdout) as { diagnostics: { code: string }[] }).diagnostics[0]!.code).toBe("SLU9008");
  });

  it("gc drops artifact objects nobody references and keeps the rest", async () => {
    const objects = () => readdirSync(join(st, "sha256")).flatMap((p) => readdirSync(join(st, "sha256", p)));
    const before = objects().length;
    const stray = join(st, "sha256", "00");
    mkdirSync(stray, { recursive: true });
    writeFileSync(join(stray, "f".repeat(62)), "orphan");
    const r = JSON.parse((await sluice(["runs", "gc", "--store", st, "--format", "json"])).stdout) as { removedObjects: number };
    expect(r.removedObjects).toBe(1);
    expect(objects().length).toBe(before);
  });
});
