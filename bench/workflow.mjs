// The workflow benchmark: `sluice graph` on 1,000-task pipelines (aim: under 5 s) and the
// `sluice compile --watch` recompile on a 100-step pipeline (aim: printed under 150 ms after the
// save). Writes bench/WORKFLOW-RESULTS.md unless --no-write. A benchmark, not a test.
//   pnpm run build && node bench/workflow.mjs [--runs 5] [--no-write] [--watch-only]
// --watch-only skips the graph section (it prints, and writes nothing, since the file holds both).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { writePipeline } from "./generate.mjs";
import { median, round } from "./stats.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "packages/cli/dist/bin.js");
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] || 5) || 5;
const watchOnly = args.includes("--watch-only");
const write = !args.includes("--no-write") && !watchOnly;
const work = mkdtempSync(join(tmpdir(), "sluice-bench-workflow-"));

/** One cold `sluice graph` in a fresh process: wall time, and the process's own CPU time, in ms. */
function coldGraph(file, format) {
  const usage = join(work, "usage.json");
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--import", pathToFileURL(join(root, "bench/cpu-at-exit.mjs")).href, bin, "graph", file, "--format", format, "--out", join(work, `graph.${format}`)], {
    encoding: "utf8",
    env: { ...process.env, SLUICE_BENCH_USAGE: usage },
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`sluice graph failed: ${r.stderr}`);
  return { wall, cpu: JSON.parse(readFileSync(usage, "utf8")).cpuMs };
}

/** In process: the front end, then the picture alone (model, DOT, Graphviz layout to SVG). */
async function warmGraph(file) {
  const { analyzePipelineFile } = await import("../packages/core/dist/frontend/index.js");
  const { buildGraph, renderDot, dotToSvg } = await import("../packages/graph/dist/index.js");
  const ir = analyzePipelineFile(file, { projectRoot: work }).ir;
  const start = process.hrtime.bigint();
  const svg = await dotToSvg(renderDot(buildGraph(ir)));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, nodes: (svg.match(/class="node"/g) ?? []).length };
}

/**
 * Save-to-printed latency of `--watch`, run in this process (the same runWatch the CLI calls) so
 * that the CPU time between the save and the printed line can be read as well as the wall time.
 * Each save changes a default, so every target's file changes and is written.
 */
async function watchLatency(file, saves) {
  const { runWatch } = await import("../packages/cli/dist/commands/watch.js");
  const stop = new AbortController();
  let output = "";
  let waiter;
  const io = { cwd: work, env: {}, color: false, stderr: (t) => (output += t), stdout: (t) => ((output += t), waiter?.()) };
  const done = runWatch(io, file, { target: "all", format: "text", git: false }, join(work, "watch-out"), stop.signal);
  const waitFor = (re, from) => new Promise((resolve) => {
    const check = () => {
      const m = re.exec(output.slice(from));
      if (m) {
        waiter = undefined;
        resolve(m);
      }
    };
    waiter = check;
    check();
  });
  await waitFor(/watching \d+ files/, 0);
  const rows = [];
  const source = readFileSync(file, "utf8");
  for (let i = 0; i < saves; i++) {
    const from = output.length;
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    writeFileSync(file, source.replace("s3://bench/seed", `s3://bench/seed-${i}`));
    const m = await waitFor(/compiled in (\d+) ms\n/, from);
    const used = process.cpuUsage(cpu);
    rows.push({ printedMs: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: (used.user + used.system) / 1000, compileMs: Number(m[1]) });
  }
  stop.abort();
  await done;
  return rows;
}

const lines = [];
const log = (s = "") => (console.log(s), lines.push(s));
log("# Workflow benchmark");
log("");
log(`Written by \`node bench/workflow.mjs --runs ${runs}\` (after \`pnpm run build\`); do not edit. Node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} at the start. Medians of ${runs} runs. Wall time is what a user waits for on an idle machine; on a shared, loaded one it grows with the neighbours, so CPU time (this work only) is shown too and the aims are judged on it when the load average is above the core count (see bench/README.md).`);
const loaded = loadavg()[0] > cpus().length;
log("");
log("## `sluice graph` on 1,000 tasks (aim: under 5 s)");
log("");
log("| shape | cold CLI svg, wall | cold CLI svg, CPU | cold CLI png, wall | cold CLI png, CPU | in process IR to SVG, wall | nodes drawn | aim |");
log("|---|---|---|---|---|---|---|---|");
for (const shape of watchOnly ? [] : ["chain", "fanout", "nested"]) {
  const file = writePipeline(work, shape, 1000);
  const svg = [];
  const png = [];
  const warm = [];
  let nodes = 0;
  for (let i = 0; i < runs; i++) {
    svg.push(coldGraph(file, "svg"));
    png.push(coldGraph(file, "png"));
    const w = await warmGraph(file);
    warm.push(w.ms);
    nodes = w.nodes;
  }
  const s = (rows, k) => round(median(rows.map((r) => r[k])) / 1000, 2);
  const judged = loaded ? "cpu" : "wall";
  const worst = Math.max(median(svg.map((r) => r[judged])), median(png.map((r) => r[judged])));
  log(`| ${shape} | ${s(svg, "wall")} s | ${s(svg, "cpu")} s | ${s(png, "wall")} s | ${s(png, "cpu")} s | ${round(median(warm) / 1000, 2)} s | ${nodes} | ${worst < 5000 ? "met" : "not met"} (${judged}) |`);
}
log("");
log("## `sluice compile --watch`, 100-step chain, every target (aim: under 150 ms)");
log("");
const file = writePipeline(work, "chain", 100, "-watch");
const { DEBOUNCE_MS: debounce = 40 } = await import("../packages/cli/dist/commands/watch.js");
const rows = await watchLatency(file, Math.max(runs * 2, 10));
const printed = median(rows.map((r) => r.printedMs));
log("| figure | median | min | max |");
log("|---|---|---|---|");
log(`| save to "compiled in" printed (fs event, ${debounce} ms debounce, compile, write) | ${round(printed)} ms | ${round(Math.min(...rows.map((r) => r.printedMs)))} ms | ${round(Math.max(...rows.map((r) => r.printedMs)))} ms |`);
log(`| CPU time between the save and the printed line | ${round(median(rows.map((r) => r.cpuMs)))} ms | ${round(Math.min(...rows.map((r) => r.cpuMs)))} ms | ${round(Math.max(...rows.map((r) => r.cpuMs)))} ms |`);
log(`| the recompile itself, wall, as printed | ${round(median(rows.map((r) => r.compileMs)))} ms | ${Math.min(...rows.map((r) => r.compileMs))} ms | ${Math.max(...rows.map((r) => r.compileMs))} ms |`);
log("");
const judgedMs = loaded ? median(rows.map((r) => r.cpuMs)) + debounce : printed;
log(`Aim ${judgedMs < 150 ? "met" : "not met"} (${loaded ? `CPU time plus the ${debounce} ms debounce, the machine being loaded` : "wall time"}): ${rows.length} saves, ${round(judgedMs)} ms.`);
if (write) writeFileSync(join(root, "bench/WORKFLOW-RESULTS.md"), lines.join("\n") + "\n");
