// The local engine and run store benchmark (`node bench/engine.mjs`, after `pnpm run build`):
//   overhead   100 no-op tasks (`true`) as a chain and as a fan-out, run by the engine, against
//              the same 100 processes spawned bare (sequentially / 8 at a time); per task: the
//              engine process's own CPU time, and the wall time beyond the bare spawns (paired)
//   queries    `runs list` and `runs compare` over a store of 10,000 runs: in process, and as a
//              cold `sluice runs …` command (wall, which includes starting Node)
//   size       the store after one 1,000-task run (each task writes one output param)
// Writes bench/ENGINE-RESULTS.md (unless --no-write). Options: --runs 5.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { computeIrHash } from "../packages/core/dist/backend-api.js";
import { compareRuns, listRuns, runPipeline, RunStore } from "../packages/runner/dist/index.js";
import { median } from "./stats.mjs";

const root = new URL("..", import.meta.url).pathname;
const { values: opts } = parseArgs({ options: { runs: { type: "string", default: "5" }, "no-write": { type: "boolean", default: false } } });
const runs = Number(opts.runs);
const JOBS = 8;

function ir(name, root, components) {
  const doc = {
    apiVersion: "sluice.dev/v1alpha1",
    kind: "Pipeline",
    metadata: { name, source: { file: "bench/engine.mjs", export: "default" }, hash: "" },
    spec: { params: [], outputs: [], defaults: {}, components, subPipelines: [], root },
  };
  doc.metadata.hash = computeIrHash(doc);
  return doc;
}

const noop = { name: "noop", kind: "custom", image: "busybox", implementation: { container: { command: ["true"], args: [] } }, inputs: [], outputs: [], cache: false, span: "bench:1:1" };
const writer = {
  name: "writer",
  kind: "custom",
  image: "busybox",
  implementation: { container: { command: ["sh", "-c", 'echo "$0" > "$1"'], args: [{ inputValue: "i" }, { outputPath: "out" }] } },
  inputs: [{ name: "i", type: { category: "param", type: "int" } }],
  outputs: [{ name: "out", type: { category: "param", type: "int" } }],
  cache: false,
  span: "bench:1:1",
};
const chainIr = (n) => ir("chain", Array.from({ length: n }, (_, i) => ({ type: "task", id: `t${i}`, component: "noop", inputs: {}, after: i ? [`t${i - 1}`] : [], span: "bench:1:1" })), [noop]);
const fanIr = (n, comp = noop) =>
  ir(
    "fanout",
    [{ type: "loop", id: "each", itemName: "i", items: { literal: Array.from({ length: n }, (_, i) => i) }, span: "bench:1:1", nodes: [{ type: "task", id: "t", component: comp.name, inputs: comp === writer ? { i: { loopItem: "each" } } : {}, after: [], span: "bench:1:1" }] }],
    [comp],
  );

async function bare(n, parallel) {
  const start = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < n) {
      next++;
      await new Promise((resolve) => spawn("true", [], { stdio: "ignore", detached: true }).on("exit", resolve));
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return performance.now() - start;
}

async function engine(doc) {
  const store = new RunStore(mkdtempSync(join(tmpdir(), "sluice-bench-")));
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const r = await runPipeline(doc, { params: {}, store, jobs: JOBS, cache: false });
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  store.close();
  if (r.status !== "succeeded") throw new Error(`bench run ${r.status}`);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

const N = 100;
const overhead = {};
for (const [shape, doc, parallel] of [["chain", chainIr(N), 1], ["fan-out", fanIr(N), JOBS]]) {
  const rows = [];
  for (let i = 0; i < runs; i++) {
    const base = await bare(N, parallel);
    const e = await engine(doc);
    rows.push({ cpuPerTask: e.cpu / N, wallBeyondPerTask: (e.wall - base) / N, wall: e.wall, base });
  }
  overhead[shape] = { cpuPerTask: median(rows.map((r) => r.cpuPerTask)), wallBeyondPerTask: median(rows.map((r) => r.wallBeyondPerTask)), engineWall: median(rows.map((r) => r.wall)), bareWall: median(rows.map((r) => r.base)) };
  console.log(shape, overhead[shape]);
}

// 10,000 recorded runs, written straight through the store's own API.
const bigDir = mkdtempSync(join(tmpdir(), "sluice-bench-10k-"));
const big = new RunStore(bigDir);
const small = ir("tracked", [{ type: "task", id: "train", component: "noop", inputs: {}, after: [], span: "bench:1:1" }], [noop]);
const fill = big.db.transaction(() => {
  for (let i = 0; i < 10000; i++) {
    const id = big.createRun(small, { lr: i / 10000, epochs: 10 + (i % 7), tag: `run-${i}` }, "local");
    big.saveTask(id, { path: "train", nodeId: "train", component: "noop", kind: "trainer", status: "succeeded", attempts: 1, exitCode: 0, inputs: { lr: i / 10000 }, outputs: { loss: 1 / (i + 1) } });
    big.saveMetrics(id, "train", [{ name: "loss", value: 1 / (i + 1), source: "param" }, { name: "accuracy", value: (i % 100) / 100, source: "param" }]);
    big.finishRun(id, "succeeded");
  }
});
fill();
const times = (f) => {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    f();
    out.push(performance.now() - s);
  }
  return median(out);
};
const queries = {
  listInProcess: times(() => listRuns(big, { limit: 50 })),
  listPipelineInProcess: times(() => listRuns(big, { pipeline: "tracked", limit: 50 })),
  compareInProcess: times(() => compareRuns(big, [1, 5000, 10000])),
};
big.close();
const cli = (args) => {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    const r = spawnSync(process.execPath, [join(root, "packages/cli/dist/bin.js"), ...args, "--store", bigDir, "--format", "json"], { encoding: "utf8" });
    out.push(performance.now() - s);
    if (r.status !== 0) throw new Error(r.stdout + r.stderr);
  }
  return median(out);
};
const nodeStart = (() => {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    spawnSync(process.execPath, ["-e", "0"]);
    out.push(performance.now() - s);
  }
  return median(out);
})();
queries.versionCli = (() => {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    spawnSync(process.execPath, [join(root, "packages/cli/dist/bin.js"), "--version"]);
    out.push(performance.now() - s);
  }
  return median(out);
})();
queries.listCli = cli(["runs", "list"]);
queries.compareCli = cli(["runs", "compare", "1", "5000", "10000"]);
queries.nodeStart = nodeStart;
console.log(queries);

// One 1,000-task run: every task writes one output; the store's size after it.
const sizeDir = mkdtempSync(join(tmpdir(), "sluice-bench-1k-"));
const sized = new RunStore(sizeDir);
const big1k = await runPipeline(fanIr(1000, writer), { params: {}, store: sized, jobs: JOBS, cache: false });
sized.db.pragma("wal_checkpoint(TRUNCATE)");
sized.close();
const dirSize = (d) => readdirSync(d, { withFileTypes: true }).reduce((sum, e) => sum + (e.isDirectory() ? dirSize(join(d, e.name)) : statSync(join(d, e.name)).size), 0);
const size = { status: big1k.status, dbBytes: statSync(join(sizeDir, "runs.db")).size, logsBytes: dirSize(join(sizeDir, "logs")), totalBytes: dirSize(sizeDir) };
console.log(size);

const ms = (x) => `${x.toFixed(1)} ms`;
const md = `# Engine and run store benchmark

Written by \`node bench/engine.mjs --runs ${runs}\` (after \`pnpm run build\`) on ${new Date().toISOString().slice(0, 10)};
${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} when it finished (a shared machine:
wall times move with the neighbours' load; CPU time of the engine's own process does not). Medians of ${runs} runs.

## Engine overhead per task (aim: below 20 ms beyond the process itself)

100 no-op tasks (\`true\`), --jobs ${JOBS}. "Beyond the process" is the engine's wall time minus the
wall time of spawning the same 100 processes bare (sequentially for the chain, ${JOBS} at a time for
the fan-out), paired run by run, divided by 100. Each engine task also creates its folders, a log
file, and writes 3 to 4 rows to SQLite.

| shape | engine CPU per task | wall beyond the process, per task | engine wall (100 tasks) | bare spawns wall |
|---|---|---|---|---|
| chain | ${ms(overhead.chain.cpuPerTask)} | ${ms(overhead.chain.wallBeyondPerTask)} | ${ms(overhead.chain.engineWall)} | ${ms(overhead.chain.bareWall)} |
| fan-out | ${ms(overhead["fan-out"].cpuPerTask)} | ${ms(overhead["fan-out"].wallBeyondPerTask)} | ${ms(overhead["fan-out"].engineWall)} | ${ms(overhead["fan-out"].bareWall)} |

Verdict: ${overhead.chain.wallBeyondPerTask < 20 && overhead["fan-out"].wallBeyondPerTask < 20 ? "met" : "not met"} (chain ${ms(overhead.chain.wallBeyondPerTask)}, fan-out ${ms(overhead["fan-out"].wallBeyondPerTask)} per task).

## \`runs list\` and \`runs compare\` over 10,000 runs (aim: under 200 ms)

A store of 10,000 runs (one task and two metrics each), filled through the store's own API.

| query | in process | cold CLI (wall, includes starting Node) |
|---|---|---|
| \`runs list\` (newest 50) | ${ms(queries.listInProcess)} | ${ms(queries.listCli)} |
| \`runs list --pipeline P\` | ${ms(queries.listPipelineInProcess)} | |
| \`runs compare\` 3 runs | ${ms(queries.compareInProcess)} | ${ms(queries.compareCli)} |

Starting Node alone (\`node -e 0\`) takes ${ms(queries.nodeStart)} here, and the CLI's own start
(\`sluice --version\`, which since the lazy loading of issue 12 loads no back end) ${ms(queries.versionCli)}: the cold CLI figure is that
start plus the query. Verdict: ${queries.listInProcess < 200 && queries.compareInProcess < 200 ? "met in process" : "not met in process"}; cold CLI ${queries.listCli < 200 && queries.compareCli < 200 ? "met" : "not met"}.

## Store size for a 1,000-task run (aim: under 50 MB plus the artifacts)

One fan-out of 1,000 tasks, each writing one int output (run ${size.status}).

| runs.db (after a WAL checkpoint) | logs | whole store |
|---|---|---|
| ${(size.dbBytes / 1e6).toFixed(2)} MB | ${(size.logsBytes / 1e6).toFixed(2)} MB | ${(size.totalBytes / 1e6).toFixed(2)} MB |

Verdict: ${size.dbBytes < 50e6 ? "met" : "not met"}.
`;
if (!opts["no-write"]) writeFileSync(join(root, "bench/ENGINE-RESULTS.md"), md);
console.log(md);
