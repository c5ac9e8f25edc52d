// The whole-compile benchmark (`pnpm run bench:whole`): front end, back end and YAML together,
// for each shape, size and target (ir, argo, kubeflow, airflow, all), and the peer comparison
// with kfp on the chain shape. For each row it measures:
//   parse  ts.createSourceFile on the file (the floor no TypeScript front end can beat)
//   warm   compilePipeline in this process (what `sluice compile` does in memory), CPU and wall
//   cold   a fresh `sluice compile FILE --target T` process under /usr/bin/time: wall, CPU, peak RSS
// and, for the chain at --kfp-sizes, pairs alternating kfp and Sluice on the same pipeline:
//   cold   `kfp dsl compile --py twin.py` against `sluice compile --target kubeflow`, both under /usr/bin/time
//   warm   kfp's `Compiler().compile` in one Python process (bench/kfp-warm.py) against Sluice's
//          in-process compile to Kubeflow YAML, medians of --runs each
// with a check, every run, that the two PipelineSpecs are equal apart from sdkVersion
// (bench/kfp-spec-equal.py). Medians with [min..max]; the load average is recorded per row.
// Writes its section of bench/RESULTS.md (between the `whole` markers) and
// bench/results-whole.json unless --no-write. See bench/README.md for the affordable subset.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { SHAPES, writePipeline } from "./generate.mjs";
import { kfpChain } from "./kfp-twin.mjs";
import { writeResultsSection } from "./results-file.mjs";
import { cpuMs, median, round } from "./stats.mjs";

const root = new URL("..", import.meta.url).pathname;
// pnpm passes the `--` of `pnpm run bench -- --sizes 100` through to the script.
const argv = process.argv.slice(2)[0] === "--" ? process.argv.slice(3) : process.argv.slice(2);
const { values: opts } = parseArgs({
  args: argv,
  options: {
    sizes: { type: "string", default: "10,100,1000,5000" },
    shapes: { type: "string", default: SHAPES.join(",") },
    targets: { type: "string", default: "ir,argo,kubeflow,airflow,all" },
    runs: { type: "string", default: "5" },
    // Counted warm runs at 100 steps and below (see `warm`).
    "small-runs": { type: "string", default: "21" },
    "cli-runs": { type: "string", default: "3" },
    "kfp-sizes": { type: "string", default: "10,100,1000" },
    "kfp-pairs": { type: "string", default: "5" },
    // Sizes where only peak memory is compared: one cold kfp compile (minutes at 1000 steps, as kfp
    // grows quadratically) and --cli-runs cold Sluice compiles, no warm pairs.
    "kfp-rss-sizes": { type: "string", default: "" },
    "no-write": { type: "boolean", default: false },
  },
});
const sizes = opts.sizes.split(",").map(Number);
const shapes = opts.shapes.split(",");
const targetNames = opts.targets.split(",");
const runs = Number(opts.runs);
const smallRuns = Number(opts["small-runs"]);
const cliRuns = Number(opts["cli-runs"]);
const kfpSizes = opts["kfp-sizes"] ? opts["kfp-sizes"].split(",").map(Number) : [];
const kfpPairs = Number(opts["kfp-pairs"]);
const kfpRssSizes = opts["kfp-rss-sizes"] ? opts["kfp-rss-sizes"].split(",").map(Number) : [];

const load = (p) => import(pathToFileURL(join(root, p)).href);
const { compilePipeline, selectTargets, parseBackendOptions } = await load("packages/cli/dist/index.js");
const { tsApi: ts } = await load("packages/core/dist/frontend/typescript.js");
const cliBin = join(root, "packages/cli/dist/bin.js");
const tmp = join(root, "bench/tmp", `whole-${process.pid}`);
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

const load1 = () => loadavg()[0];
const spread = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** The same request the CLI builds for `--target T --no-git`, back-end options at their defaults. */
async function requestFor(file, target) {
  const selection = await selectTargets(target);
  const backends = selection.backends.map((backend) => ({ backend, options: parseBackendOptions(backend, {}).options }));
  return { file, projectRoot: root, ir: selection.ir, backends };
}

/**
 * Warm: three uncounted compiles, then the counted ones, each between two parses of the same
 * text (their mean is the run's parse), so that compile and parse see the same load and the same
 * state of the heap. Up to 100 steps a compile takes milliseconds and one run in a few catches a
 * collection of the young generation, so those sizes count at least --small-runs runs.
 */
async function warm(file, target, steps) {
  const request = await requestFor(file, target);
  const text = readFileSync(file, "utf8");
  const parse = () => ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
  const one = () => {
    const c0 = cpuNow();
    const w0 = performance.now();
    const outcome = compilePipeline(request);
    const cpu = cpuNow() - c0;
    const wall = performance.now() - w0;
    if (outcome.files.length === 0) throw new Error(`${file} --target ${target}: ${outcome.diagnostics.map((d) => d.code).join(", ")}`);
    return { cpu, wall, bytes: outcome.files.reduce((n, f) => n + f.contents.length, 0) };
  };
  for (let i = 0; i < 3; i++) one();
  const samples = [];
  const count = steps <= 100 ? Math.max(runs, smallRuns) : runs;
  for (let r = 0; r < count; r++) {
    const before = cpuMs(parse);
    const s = one();
    const parseCpu = (before + cpuMs(parse)) / 2;
    samples.push({ ...s, parseCpu, ratio: s.cpu / parseCpu });
  }
  return {
    cpuMs: spread(samples.map((s) => s.cpu)),
    wallMs: spread(samples.map((s) => s.wall)),
    parseCpuMs: median(samples.map((s) => s.parseCpu)),
    perParse: spread(samples.map((s) => s.ratio)),
    outputKb: samples[0].bytes / 1024,
  };
}

/** One process under /usr/bin/time: wall seconds, user+system CPU, peak RSS. */
function timed(command, args, env = process.env) {
  const child = spawnSync("/usr/bin/time", ["-f", "SLUICE_TIME %e %U %S %M", command, ...args], { encoding: "utf8", cwd: root, env });
  const line = child.stderr.split("\n").find((l) => l.startsWith("SLUICE_TIME "));
  if (child.status !== 0 || !line) throw new Error(`${command} ${args.join(" ")} failed (${child.status}): ${(child.stderr || child.stdout).trim().split("\n").slice(-3).join(" | ")}`);
  const [, wall, user, sys, rss] = line.split(" ").map(Number);
  return { wallMs: wall * 1000, cpuMs: (user + sys) * 1000, rssMb: rss / 1024 };
}

const sluiceCold = (file, target, out) => timed(process.execPath, [cliBin, "compile", file, "--target", target, "--no-git", "--out", out]);

function cold(file, target) {
  const samples = [];
  for (let r = 0; r < cliRuns; r++) samples.push(sluiceCold(file, target, join(tmp, `cold-${r}`)));
  return { wallMs: spread(samples.map((s) => s.wallMs)), cpuMs: spread(samples.map((s) => s.cpuMs)), rssMb: spread(samples.map((s) => s.rssMb)) };
}

/** The kfp venv of conformance/kubeflow, built once per machine (scripts/lib/cache.sh). */
function kfpVenv() {
  const child = spawnSync("bash", ["-c", "source scripts/lib/cache.sh && sluice_venv kfp conformance/kubeflow/requirements.txt \"$(sluice_python)\""], { encoding: "utf8", cwd: root });
  if (child.status !== 0) throw new Error(`cannot build the kfp venv: ${child.stderr.trim()}`);
  return child.stdout.trim().split("\n").pop();
}

/** The chain of n steps compiled by Sluice once, and kfp's twin of it written beside it. */
function twinOf(n) {
  const file = writePipeline(join(tmp, "kfp"), "chain", n);
  const sluiceOut = join(tmp, `kfp-sluice-${n}`);
  sluiceCold(file, "kubeflow", sluiceOut);
  const sluiceYaml = join(sluiceOut, `bench-chain-${n}.kubeflow.yaml`);
  const irHash = /sluice\.dev\/ir-hash: (sha256:[0-9a-f]+)/.exec(readFileSync(sluiceYaml, "utf8"))[1];
  const twin = join(tmp, "kfp", `kfp_chain_${n}.py`);
  writeFileSync(twin, kfpChain(n, irHash));
  return { file, sluiceOut, sluiceYaml, twin, kfpYaml: join(tmp, `kfp-${n}.yaml`) };
}

/** Peak memory only: one cold kfp compile against --cli-runs cold Sluice compiles, specs checked equal. */
function peerRss(n, venv) {
  const { file, sluiceOut, sluiceYaml, twin, kfpYaml } = twinOf(n);
  const loadBefore = load1();
  const k = timed(join(venv, "bin/kfp"), ["dsl", "compile", "--py", twin, "--output", kfpYaml]);
  const sluice = Array.from({ length: cliRuns }, () => sluiceCold(file, "kubeflow", sluiceOut));
  const equal = spawnSync(join(venv, "bin/python"), [join(root, "bench/kfp-spec-equal.py"), kfpYaml, sluiceYaml], { encoding: "utf8" });
  const sluiceRssMb = median(sluice.map((s) => s.rssMb));
  return { steps: n, specsEqual: equal.status === 0, difference: equal.stdout.trim(), kfp: k, sluiceRssMb, sluiceRss: spread(sluice.map((s) => s.rssMb)), ratio: sluiceRssMb / k.rssMb, sluiceCpuMs: median(sluice.map((s) => s.cpuMs)), load: [loadBefore, load1()] };
}

async function peer(n, venv) {
  const { file, sluiceOut, sluiceYaml, twin, kfpYaml } = twinOf(n);
  const pairs = [];
  for (let p = 0; p < kfpPairs; p++) {
    // Alternating, so that both sides of a pair see the same minute of the machine's load.
    const k = timed(join(venv, "bin/kfp"), ["dsl", "compile", "--py", twin, "--output", kfpYaml]);
    const s = sluiceCold(file, "kubeflow", sluiceOut);
    const kw = JSON.parse(spawnSync(join(venv, "bin/python"), [join(root, "bench/kfp-warm.py"), twin, String(runs), join(tmp, `kfp-warm-${n}.yaml`)], { encoding: "utf8" }).stdout);
    const sw = await warm(file, "kubeflow", n);
    pairs.push({ load: load1(), cold: { kfp: k, sluice: s, wall: s.wallMs / k.wallMs, cpu: s.cpuMs / k.cpuMs }, warm: { kfpCpuMs: kw.cpuMs, sluiceCpuMs: sw.cpuMs.median, cpu: sw.cpuMs.median / kw.cpuMs } });
  }
  const equal = spawnSync(join(venv, "bin/python"), [join(root, "bench/kfp-spec-equal.py"), kfpYaml, sluiceYaml], { encoding: "utf8" });
  return {
    steps: n,
    specsEqual: equal.status === 0,
    difference: equal.stdout.trim(),
    coldWall: spread(pairs.map((p) => p.cold.wall)),
    coldCpu: spread(pairs.map((p) => p.cold.cpu)),
    warmCpu: spread(pairs.map((p) => p.warm.cpu)),
    kfpColdWallMs: median(pairs.map((p) => p.cold.kfp.wallMs)),
    sluiceColdWallMs: median(pairs.map((p) => p.cold.sluice.wallMs)),
    kfpRssMb: median(pairs.map((p) => p.cold.kfp.rssMb)),
    sluiceRssMb: median(pairs.map((p) => p.cold.sluice.rssMb)),
    kfpWarmCpuMs: median(pairs.map((p) => p.warm.kfpCpuMs)),
    sluiceWarmCpuMs: median(pairs.map((p) => p.warm.sluiceCpuMs)),
    load: pairs.map((p) => p.load),
  };
}

const startedAt = new Date();
const rows = [];
for (const shape of shapes) {
  for (const n of sizes) {
    const file = writePipeline(tmp, shape, n);
    for (const target of targetNames) {
      const row = { shape, steps: n, target, kb: statSync(file).size / 1024, loadBefore: load1() };
      row.warm = await warm(file, target, n);
      row.cold = cold(file, target);
      row.loadAfter = load1();
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  }
}
const peers = [];
if (kfpSizes.length > 0) {
  const venv = kfpVenv();
  for (const n of kfpSizes) {
    const row = await peer(n, venv);
    peers.push(row);
    console.log(JSON.stringify(row));
  }
}

const rssPeers = [];
if (kfpRssSizes.length > 0) {
  const venv = kfpVenv();
  for (const n of kfpRssSizes) {
    const row = peerRss(n, venv);
    rssPeers.push(row);
    console.log(JSON.stringify(row));
  }
}

const command = `pnpm run bench:whole${argv.length > 0 ? " -- " + argv.join(" ") : ""}`;
const figures = { date: startedAt.toISOString(), node: process.version, command, runs, smallRuns, cliRuns, kfpPairs, rows, peers, rssPeers };
const s = (x, d = 0) => `${round(x.median, d)} [${round(x.min, d)}..${round(x.max, d)}]`;
const section = `<!-- whole:start (written by bench/whole.mjs; report.mjs keeps it) -->
## The whole compile, and kfp side by side

\`${command}\`, ${figures.date.slice(0, 16).replace("T", " ")} UTC, Node ${process.version}, load average (1 min) recorded per row.
Medians with [min..max]. *warm*: \`compilePipeline\` in process (front end, back ends, YAML), CPU ms,
and as a multiple of TypeScript's own parse of the file (\`ts.createSourceFile\`, one before and one after each
compile, per run); after three uncounted compiles, ${runs} counted runs (${Math.max(runs, smallRuns)} up to 100 steps).
*cold*: a fresh \`sluice compile FILE --target T --no-git\` under \`/usr/bin/time\`.

| shape | steps | target | warm CPU ms | warm / parse | cold wall ms | cold CPU ms | cold peak RSS MB | load |
|---|---|---|---|---|---|---|---|---|
${rows.map((r) => `| ${r.shape} | ${r.steps} | ${r.target} | ${s(r.warm.cpuMs, 1)} | ${s(r.warm.perParse, 2)}x | ${s(r.cold.wallMs)} | ${s(r.cold.cpuMs)} | ${round(r.cold.rssMb.median, 0)} | ${round(r.loadBefore, 1)}-${round(r.loadAfter, 1)} |`).join("\n")}
${peers.length === 0 ? "" : `
### Against kfp ${"2.17.3"} (chain, Sluice / kfp per pair, ${kfpPairs} pairs alternating)

Cold: \`kfp dsl compile --py twin.py\` against \`sluice compile --target kubeflow\`, both under \`/usr/bin/time\`.
Warm: kfp's \`Compiler().compile\` (median of ${runs} in one Python process, after one uncounted)
against Sluice's in-process compile to Kubeflow YAML, CPU time. The twin is written by
\`bench/kfp-twin.mjs\`; \`bench/kfp-spec-equal.py\` compares the two files (numbers by value; left out:
sdkVersion and kfp's deprecated float resource fields).

| steps | specs equal | cold wall ratio | cold CPU ratio | warm CPU ratio | kfp cold wall ms | Sluice cold wall ms | kfp warm CPU ms | Sluice warm CPU ms | peak RSS MB kfp / Sluice | load |
|---|---|---|---|---|---|---|---|---|---|---|
${peers.map((p) => `| ${p.steps} | ${p.specsEqual ? "yes" : `NO: ${p.difference}`} | ${s(p.coldWall, 2)} | ${s(p.coldCpu, 2)} | ${s(p.warmCpu, 2)} | ${round(p.kfpColdWallMs, 0)} | ${round(p.sluiceColdWallMs, 0)} | ${round(p.kfpWarmCpuMs, 1)} | ${round(p.sluiceWarmCpuMs, 1)} | ${round(p.kfpRssMb, 0)} / ${round(p.sluiceRssMb, 0)} | ${p.load.map((l) => round(l, 1)).join(", ")} |`).join("\n")}
`}${rssPeers.length === 0 ? "" : `
### Peak memory against kfp (chain, one cold \`kfp dsl compile\`, ${cliRuns} cold \`sluice compile --target kubeflow\`)

Peak RSS from \`/usr/bin/time\` (%M). Aim: Sluice at most 1.2x kfp at 1000 steps.

| steps | specs equal | kfp peak RSS MB | Sluice peak RSS MB | Sluice / kfp | kfp cold wall s | kfp cold CPU s | Sluice cold CPU ms | load |
|---|---|---|---|---|---|---|---|---|
${rssPeers.map((p) => `| ${p.steps} | ${p.specsEqual ? "yes" : `NO: ${p.difference}`} | ${round(p.kfp.rssMb, 0)} | ${s(p.sluiceRss, 0)} | ${round(p.ratio, 2)}x | ${round(p.kfp.wallMs / 1000, 1)} | ${round(p.kfp.cpuMs / 1000, 1)} | ${round(p.sluiceCpuMs, 0)} | ${p.load.map((l) => round(l, 1)).join("-")} |`).join("\n")}
`}
<!-- whole:end -->
`;
console.log(section);
if (!opts["no-write"]) {
  writeFileSync(join(root, "bench/results-whole.json"), JSON.stringify(figures, null, 2) + "\n");
  writeResultsSection("whole", section);
}
rmSync(tmp, { recursive: true, force: true });
