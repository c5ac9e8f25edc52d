// The back-end growth benchmark (`pnpm run bench:backends`): for each shape and size and each back
// end (Argo, Kubeflow, Airflow, with default options), a process of its own builds the IR once
// with the front end and compiles it, warm, `--runs` times; the figure is the median CPU time. The question it
// answers is whether every back end stays linear in the number of tasks: cost per step at the
// largest size over cost per step at 1000. It writes its own section of bench/RESULTS.md (between
// the `backends` markers, which report.mjs keeps) and bench/results-backends.json, unless --no-write.
// Options: --sizes 1000,2000,5000 --shapes chain,fanout,nested --runs 7 --targets argo,kubeflow,airflow
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { rowInChild } from "./child.mjs";
import { SHAPES, writePipeline } from "./generate.mjs";
import { writeResultsSection } from "./results-file.mjs";
import { cpuMs, median, round } from "./stats.mjs";

const root = new URL("..", import.meta.url).pathname;
// pnpm passes the `--` of `pnpm run bench -- --sizes 100` through to the script.
const argv = process.argv.slice(2)[0] === "--" ? process.argv.slice(3) : process.argv.slice(2);
const { values: opts } = parseArgs({
  args: argv,
  options: {
    sizes: { type: "string", default: "100,1000,2000,5000" },
    shapes: { type: "string", default: SHAPES.join(",") },
    runs: { type: "string", default: "7" },
    processes: { type: "string", default: "3" },
    targets: { type: "string", default: "argo,kubeflow,airflow" },
    "no-write": { type: "boolean", default: false },
    // Internal: measure one shape and size for one target in this process (see measureInChild).
    row: { type: "string" },
  },
});
const sizes = opts.sizes.split(",").map(Number);
const shapes = opts.shapes.split(",");
const runs = Number(opts.runs);
const processes = Number(opts.processes);
const load = (p) => import(pathToFileURL(join(root, p)).href);
const { analyzePipelineFile } = await load("packages/core/dist/frontend/index.js");
const { readyBackends } = await load("packages/cli/dist/targets.js");
const { parseBackendOptions } = await load("packages/cli/dist/backend-options.js");
function targetNamed(name) {
  const backend = readyBackends.find((b) => b.name === name);
  if (!backend) throw new Error(`unknown target ${name}`);
  return { backend, options: parseBackendOptions(backend, {}).options };
}
const targets = opts.targets.split(",").map(targetNamed);
const tmp = join(root, "bench/tmp", `backends-${process.pid}`);
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

/** Median CPU time of `runs` compiles of `ir` by one back end, after one uncounted warm-up. */
function measure({ backend, options }, ir) {
  let result;
  const times = [];
  for (let r = 0; r <= runs; r++) {
    const ms = cpuMs(() => (result = backend.compile(ir, options)));
    if (r > 0) times.push(ms);
  }
  const errors = result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
  return { ms: median(times), ok: result.files.length > 0 && errors.length === 0, errors: [...new Set(errors)] };
}

/**
 * One row for one back end, in processes of its own (this script with --row SHAPE:N:TARGET): in
 * each, the JIT warmed on a mid-sized IR, then the row's IR built and compiled; the figure is the
 * median of the processes' medians. Measured in one process for all rows, a row inherited the heap
 * of every row before it; and one process per row still put the same 1000-step row anywhere from
 * 34 to 58 ms, enough to move a growth figure from 1.3x to 1.7x (bench/README.md, fifth round).
 */
function measureInChild(shape, n, name) {
  const args = ["--row", `${shape}:${n}:${name}`, "--runs", String(runs)];
  const results = [];
  for (let p = 0; p < processes; p++) {
    const got = rowInChild(fileURLToPath(import.meta.url), args, root);
    if (got.error !== undefined) return { ms: NaN, ok: false, errors: [got.error] };
    results.push(got.value);
  }
  return { ...results[0], ms: median(results.map((r) => r.ms)), ok: results.every((r) => r.ok), processMs: results.map((r) => r.ms) };
}

if (opts.row !== undefined) {
  const [shape, n, name] = opts.row.split(":");
  const t = targetNamed(name);
  // Warm the JIT of the back end on a mid-sized IR first, so the row is not also the first code run.
  const warm = analyzePipelineFile(writePipeline(join(tmp, "warm"), "nested", 200), { projectRoot: root }).ir;
  for (let i = 0; i < 3; i++) t.backend.compile(warm, t.options);
  const { ir, diagnostics } = analyzePipelineFile(writePipeline(tmp, shape, Number(n)), { projectRoot: root });
  if (!ir) throw new Error(`${shape}-${n}: the front end failed: ${diagnostics.map((d) => d.code).join(" ")}`);
  const measured = measure(t, ir);
  rmSync(tmp, { recursive: true, force: true });
  process.stdout.write(JSON.stringify(measured) + "\n");
  process.exit(0);
}

const loadAtStart = loadavg()[0];
const startedAt = Date.now();
const rows = [];
for (const shape of shapes) {
  for (const n of sizes) {
    const row = { shape, steps: n, targets: {} };
    for (const t of targets) row.targets[t.backend.name] = measureInChild(shape, n, t.backend.name);
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}
rmSync(tmp, { recursive: true, force: true });

const AIM_GROWTH = 1.5; // the same bar as the front end's: per-step cost at the largest size within 1.5x of that at 1000
const names = targets.map((t) => t.backend.name);
const largest = Math.max(...sizes);
const perStep = (row, name) => (row.targets[name].ok ? (row.targets[name].ms / row.steps) * 1000 : undefined);

function table() {
  const lines = [`| shape | target | ${sizes.map((n) => `${n} steps`).join(" | ")} | growth (${largest} / 1000) |`, `|---|---|${sizes.map(() => "---:|").join("")}---:|`];
  for (const shape of shapes) {
    for (const name of names) {
      const of = (n) => rows.find((r) => r.shape === shape && r.steps === n);
      const cells = sizes.map((n) => {
        const t = of(n).targets[name];
        return t.ok ? `${round(t.ms, 0)} ms (${round(perStep(of(n), name), 0)} µs/step)` : `fails: ${t.errors.join(" ") || "no file"}`;
      });
      const base = of(1000) && perStep(of(1000), name);
      const top = perStep(of(largest), name);
      lines.push(`| ${shape} | ${name} | ${cells.join(" | ")} | ${base && top && largest > 1000 ? `${round(top / base, 2)}x` : "n/a"} |`);
    }
  }
  return lines.join("\n");
}

function verdicts() {
  return names
    .map((name) => {
      const growth = shapes.map((shape) => {
        const base = rows.find((r) => r.shape === shape && r.steps === 1000);
        const top = rows.find((r) => r.shape === shape && r.steps === largest);
        const b = base && perStep(base, name);
        const t = top && perStep(top, name);
        return b && t && largest > 1000 ? { shape, x: t / b } : undefined;
      });
      const measured = growth.filter(Boolean).sort((a, b) => b.x - a.x);
      if (measured.length < growth.length || measured.length === 0) return `- ${name}: **not measured** (needs figures at 1000 steps and above).`;
      const worst = measured[0];
      return `- ${name} linear up to ${largest} steps: ${worst.x <= AIM_GROWTH ? "**met**" : "**not met**"} (worst ${worst.shape}, ${round(worst.x, 2)}x the per-step cost at 1000; the bar is ${AIM_GROWTH}x).`;
    })
    .join("\n");
}

const command = `pnpm run bench:backends${argv.length > 0 ? " -- " + argv.join(" ") : ""}`;
const section = `<!-- backends:start (written by bench/backends.mjs; report.mjs keeps it) -->
## Back ends: compiling the IR

Measured on ${new Date(startedAt).toISOString().slice(0, 10)}; the 1-minute load average was ${round(loadAtStart)} at the start and
${round(loadavg()[0])} at the end (${round((Date.now() - startedAt) / 60000)} minutes). Command, after \`pnpm run build\`:

\`\`\`
${command}
\`\`\`

Each row runs for each back end in a process of its own: the JIT warmed on a 200-step
pipeline first, then the front end builds the row's IR once and the back end compiles it
(default options), ${runs} counted runs after one uncounted. The figure is the **CPU time**, the
median of ${processes} such processes' medians, including serializing the output file. µs/step is that time over the
number of steps; a flat row is linear. Growth is the cost per step at ${largest} steps over the
cost per step at 1000.

${table()}

${verdicts()}
<!-- backends:end -->
`;

if (!opts["no-write"]) {
  writeFileSync(join(root, "bench/results-backends.json"), JSON.stringify({ command, runs, rows }, null, 2) + "\n");
  const path = writeResultsSection("backends", section);
  console.log(`wrote ${path}`);
}
