// The compile-to-IR benchmark (`pnpm run bench`). For each shape and size it measures:
//   parse     ts.createSourceFile on the file: the floor no TypeScript front end can beat
//   compile   analyzePipelineFile warm, paired with parse runs (CPU times), each row in a process
//             of its own (this script with --row SHAPE:N) after the same warm-up
//   fresh     the first compile in a new process, and that process's peak RSS (bench/measure.mjs)
//   cli       a cold `sluice compile FILE --target ir` process: wall time and CPU time
// and writes bench/RESULTS.md (unless --no-write). Options: --sizes 10,100 --shapes chain --runs 5.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { rowInChild } from "./child.mjs";
import { SHAPES, writePipeline } from "./generate.mjs";
import { writeResults } from "./report.mjs";
import { cpuSpan, median, pairedRatio, recordCollections } from "./stats.mjs";

const root = new URL("..", import.meta.url).pathname;
// pnpm passes the `--` of `pnpm run bench -- --sizes 100` through to the script.
const argv = process.argv.slice(2)[0] === "--" ? process.argv.slice(3) : process.argv.slice(2);
const { values: opts } = parseArgs({
  args: argv,
  options: {
    sizes: { type: "string", default: "10,100,1000,2000,5000" },
    shapes: { type: "string", default: SHAPES.join(",") },
    runs: { type: "string", default: "5" },
    "small-runs": { type: "string", default: "61" },
    "cli-runs": { type: "string", default: "3" },
    "no-write": { type: "boolean", default: false },
    // Internal: measure one row in process and print it (see measureRowInChild).
    row: { type: "string" },
  },
});
const sizes = opts.sizes.split(",").map(Number);
const shapes = opts.shapes.split(",");
const runs = Number(opts.runs);
const smallRuns = Number(opts["small-runs"]);
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

/**
 * Parse and compile, paired: each run parses the file (the floor), compiles a fresh copy of it,
 * and parses again, so both see the same load on a shared machine. Times are CPU times. The
 * ratio is the total compile time over the total parse time of the counted runs (pairedRatio):
 * a run's young-generation collection lands in its compile or in one of its parses, so per-run
 * ratios fall in three humps, and only a total charges each side for the collections that fell
 * in it. The per-run median and quartiles are kept beside it, with how many runs had a
 * collection in the compile, in a parse only, or none. The first three runs are a warm-up and are
 * not counted. Up to 100 steps a run takes milliseconds, so those sizes count at least
 * --small-runs runs (bench/whole.mjs does the same with fewer).
 */
const WARM_UP = 3;
async function measureInProcess(shape, n) {
  const counted = n <= 100 ? Math.max(runs, smallRuns) : runs;
  const copies = Array.from({ length: counted + WARM_UP }, (_, r) => writePipeline(join(tmp, "copies"), shape, n, `.r${r}`));
  const text = readFileSync(copies[0], "utf8");
  const parse = () => ts.createSourceFile(copies[0], text, ts.ScriptTarget.Latest);
  const collections = recordCollections();
  const samples = [];
  const errors = new Set();
  let ok = true;
  for (const copy of copies) {
    let result;
    const before = cpuSpan(parse);
    const compile = cpuSpan(() => (result = analyzePipelineFile(copy, { projectRoot: root })));
    const after = cpuSpan(parse);
    samples.push({ parseMs: (before.ms + after.ms) / 2, compileMs: compile.ms, compile, parses: [before, after] });
    // Every run must produce the IR: a fast failure must not pass for a fast compile.
    if (result.ir === undefined) ok = false;
    for (const d of result.diagnostics) if (d.severity === "error") errors.add(d.code);
  }
  const starts = await collections.stop();
  const kept = samples.slice(WARM_UP);
  const during = (span) => starts.some((t) => t >= span.start && t < span.end);
  const inCompile = kept.filter((s) => during(s.compile)).length;
  const inParseOnly = kept.filter((s) => !during(s.compile) && s.parses.some(during)).length;
  const { ratio, perRun } = pairedRatio(kept);
  return {
    ok,
    errors: [...errors],
    runs: kept.length,
    parseMs: median(kept.map((s) => s.parseMs)),
    compileMs: median(kept.map((s) => s.compileMs)),
    ratio,
    perRun,
    collections: { inCompile, inParseOnly, none: kept.length - inCompile - inParseOnly },
  };
}

function measureMemory(path) {
  const child = spawnSync(process.execPath, [join(root, "bench/measure.mjs"), "analyze", path], { encoding: "utf8" });
  if (child.status !== 0) return { error: child.stderr.trim().split("\n")[0] };
  return JSON.parse(child.stdout);
}

function measureCli(path, label) {
  const walls = [];
  const cpus = [];
  for (let r = 0; r < cliRuns; r++) {
    const out = join(tmp, `out-${label}-${r}`);
    const usageFile = join(tmp, `usage-${label}-${r}.json`);
    const args = ["--import", pathToFileURL(join(root, "bench/cpu-at-exit.mjs")).href, cliBin, "compile", path, "--target", "ir", "--no-git", "--out", out];
    const start = process.hrtime.bigint();
    const child = spawnSync(process.execPath, args, { encoding: "utf8", cwd: root, env: { ...process.env, SLUICE_BENCH_USAGE: usageFile } });
    walls.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (child.status !== 0) return { ms: median(walls), exit: child.status, error: (child.stderr || child.stdout).trim().split("\n")[0] };
    cpus.push(JSON.parse(readFileSync(usageFile, "utf8")).cpuMs);
  }
  return { ms: median(walls), cpuMs: median(cpus), exit: 0 };
}

/** What any cold CLI run pays before compiling: starting Node and loading ts-morph (TypeScript). */
function measureColdFloor() {
  const tsMorph = createRequire(join(root, "packages/core/package.json")).resolve("ts-morph");
  const walls = [];
  const cpus = [];
  for (let r = 0; r < cliRuns; r++) {
    const usageFile = join(tmp, `usage-floor-${r}.json`);
    const start = process.hrtime.bigint();
    const args = ["--import", pathToFileURL(join(root, "bench/cpu-at-exit.mjs")).href, "-e", `require(${JSON.stringify(tsMorph)})`];
    spawnSync(process.execPath, args, { env: { ...process.env, SLUICE_BENCH_USAGE: usageFile } });
    walls.push(Number(process.hrtime.bigint() - start) / 1e6);
    cpus.push(JSON.parse(readFileSync(usageFile, "utf8")).cpuMs);
  }
  return { ms: median(walls), cpuMs: median(cpus) };
}

// Warm the JIT on both sides before the row, so that the row measured is not also the first
// code run (it showed as a 10-step file costing more than a 100-step one). TypeScript's parser
// takes a few dozen files before it runs at its steady speed, and so does the front end: ten of
// each shape, parsed and compiled.
function warmUp() {
  for (const shape of SHAPES) {
    for (let i = 0; i < 10; i++) {
      const file = writePipeline(join(tmp, "warm"), shape, 100, `.w${i}`);
      ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
      analyzePipelineFile(file, { projectRoot: root });
    }
  }
}

/**
 * The warm figures of one row, measured in a new process (this script with --row) after the same
 * warm-up. In one process for all rows, a row inherited the heap the rows before it left: the
 * 100-step fanout, measured after the 5000-step chain, came out at 3.1x and 3.5x the parse in two
 * of four runs and at 2.3-2.7x in the others, while alone it stays near 2.3x (bench/README.md,
 * fourth round). Each row in its own process is measured as a user's warm process would run it.
 */
function measureRowInChild(shape, n) {
  const got = rowInChild(fileURLToPath(import.meta.url), ["--row", `${shape}:${n}`, "--runs", String(runs), "--small-runs", String(smallRuns)], root);
  return got.error === undefined ? got.value : { ok: false, errors: [], runs: 0, error: got.error };
}

if (opts.row !== undefined) {
  const [shape, n] = opts.row.split(":");
  warmUp();
  const measured = await measureInProcess(shape, Number(n));
  rmSync(tmp, { recursive: true, force: true });
  process.stdout.write(JSON.stringify(measured) + "\n");
  process.exit(0);
}

const loadAtStart = loadavg()[0];
const startedAt = Date.now();
const baseline = JSON.parse(spawnSync(process.execPath, [join(root, "bench/measure.mjs"), "baseline"], { encoding: "utf8" }).stdout);
const coldFloor = measureColdFloor();
const rows = [];
for (const shape of shapes) {
  for (const n of sizes) {
    const path = writePipeline(tmp, shape, n);
    const row = { shape, steps: n, kb: statSync(path).size / 1024 };
    row.inProcess = measureRowInChild(shape, n);
    row.memory = measureMemory(path);
    row.cli = measureCli(path, `${shape}-${n}`);
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}

const command = `pnpm run bench${argv.length > 0 ? " -- " + argv.join(" ") : ""}`;
const machine = {
  date: new Date(startedAt).toISOString().slice(0, 10),
  cores: availableParallelism(),
  cpu: cpus()[0]?.model ?? "unknown CPU",
  memoryGiB: totalmem() / 2 ** 30,
  node: process.version,
};
const figures = { machine, rows, baseline, command, runs, smallRuns, cliRuns, tsVersion: ts.version, coldFloor, load: [loadAtStart, loadavg()[0]], minutes: (Date.now() - startedAt) / 60000 };
if (!opts["no-write"]) {
  // The raw figures are kept beside the report, so the report can be rewritten without measuring.
  writeFileSync(join(root, "bench/results.json"), JSON.stringify(figures, null, 2) + "\n");
  console.log(`wrote ${writeResults(join(root, "bench/RESULTS.md"), figures)}`);
}
rmSync(tmp, { recursive: true, force: true });
