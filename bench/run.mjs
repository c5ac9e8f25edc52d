// The compile-to-IR benchmark (`pnpm run bench`). For each shape and size it measures:
//   parse     ts.createSourceFile on the file: the floor no TypeScript front end can beat
//   analyze   analyzePipelineFile in this process, warm, median of --runs (a fresh copy of the
//             file per run, so no cache keyed by path can help)
//   memory    peak RSS of a fresh process that compiles the file once (bench/measure.mjs)
//   cli       wall time of a cold `sluice compile FILE --target ir` process, median of --cli-runs
// and writes bench/RESULTS.md (unless --no-write). Options: --sizes 10,100 --shapes chain --runs 5.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { SHAPES, writePipeline } from "./generate.mjs";
import { writeResults } from "./report.mjs";
import { median, timeMs } from "./stats.mjs";

const root = new URL("..", import.meta.url).pathname;
const { values: opts } = parseArgs({
  options: {
    sizes: { type: "string", default: "10,100,1000,2000,5000" },
    shapes: { type: "string", default: SHAPES.join(",") },
    runs: { type: "string", default: "5" },
    "cli-runs": { type: "string", default: "3" },
    "no-write": { type: "boolean", default: false },
  },
});
const sizes = opts.sizes.split(",").map(Number);
const shapes = opts.shapes.split(",");
const runs = Number(opts.runs);
const cliRuns = Number(opts["cli-runs"]);

// Parse with the TypeScript the front end itself uses (ts-morph's bundled copy).
const { ts } = createRequire(join(root, "packages/core/package.json"))("ts-morph");
const { analyzePipelineFile } = await import(pathToFileURL(join(root, "packages/core/dist/frontend/index.js")).href);
const cliBin = join(root, "packages/cli/dist/bin.js");
// One scratch folder per run, so that two runs at once (a shared machine) do not delete each
// other's files.
const tmp = join(root, "bench/tmp", String(process.pid));
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

function measureParse(path) {
  const text = readFileSync(path, "utf8");
  const once = () => ts.createSourceFile(path, text, ts.ScriptTarget.Latest);
  // Parsing is cheap, so it gets more warm-up and more runs: the floor should be the real floor.
  for (let i = 0; i < 5; i++) once();
  return median(Array.from({ length: Math.max(runs, 20) }, () => timeMs(once)));
}

function measureAnalyze(shape, n) {
  const copies = Array.from({ length: runs + 1 }, (_, r) => writePipeline(join(tmp, "copies"), shape, n, `.r${r}`));
  const times = [];
  const errors = new Set();
  let ok = true;
  for (const copy of copies) {
    let result;
    times.push(timeMs(() => (result = analyzePipelineFile(copy, { projectRoot: root }))));
    // Every run must produce the IR: a fast failure must not pass for a fast compile.
    if (result.ir === undefined) ok = false;
    for (const d of result.diagnostics) if (d.severity === "error") errors.add(d.code);
  }
  return { ms: median(times.slice(1)), ok, errors: [...errors] }; // the first run is the warm-up
}

function measureMemory(path) {
  const child = spawnSync(process.execPath, [join(root, "bench/measure.mjs"), "analyze", path], { encoding: "utf8" });
  if (child.status !== 0) return { error: child.stderr.trim().split("\n")[0] };
  return JSON.parse(child.stdout);
}

function measureCli(path, label) {
  const times = [];
  for (let r = 0; r < cliRuns; r++) {
    const out = join(tmp, `out-${label}-${r}`);
    const start = process.hrtime.bigint();
    const child = spawnSync(process.execPath, [cliBin, "compile", path, "--target", "ir", "--no-git", "--out", out], { encoding: "utf8", cwd: root });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (child.status !== 0) return { ms: median(times), exit: child.status, error: (child.stderr || child.stdout).trim().split("\n")[0] };
  }
  return { ms: median(times), exit: 0 };
}

/** What any cold CLI run pays before compiling: starting Node and loading ts-morph (TypeScript). */
function measureColdFloor() {
  const tsMorph = createRequire(join(root, "packages/core/package.json")).resolve("ts-morph");
  const times = [];
  for (let r = 0; r < cliRuns; r++) {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, ["-e", `require(${JSON.stringify(tsMorph)})`]);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

const loadAtStart = loadavg()[0];
const startedAt = Date.now();
const baseline = JSON.parse(spawnSync(process.execPath, [join(root, "bench/measure.mjs"), "baseline"], { encoding: "utf8" }).stdout);
const coldFloorMs = measureColdFloor();
const rows = [];
for (const shape of shapes) {
  for (const n of sizes) {
    const path = writePipeline(tmp, shape, n);
    const row = { shape, steps: n, kb: statSync(path).size / 1024, parseMs: measureParse(path) };
    row.analyze = measureAnalyze(shape, n);
    row.memory = measureMemory(path);
    row.cli = measureCli(path, `${shape}-${n}`);
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}

const command = `pnpm run bench${process.argv.length > 2 ? " -- " + process.argv.slice(2).join(" ") : ""}`;
if (!opts["no-write"]) {
  const file = writeResults(join(root, "bench/RESULTS.md"), { rows, baseline, command, runs, cliRuns, tsVersion: ts.version, coldFloorMs, load: [loadAtStart, loadavg()[0]], minutes: (Date.now() - startedAt) / 60000 });
  console.log(`wrote ${file}`);
}
rmSync(tmp, { recursive: true, force: true });
