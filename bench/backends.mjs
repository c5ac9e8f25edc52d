// The back-end growth benchmark (`pnpm run bench:backends`): for each shape and size, the IR is
// built once by the front end, then each back end (Argo, Kubeflow, Airflow, with default options)
// compiles that same IR, warm, `--runs` times; the figure is the median CPU time. The question it
// answers is whether every back end stays linear in the number of tasks: cost per step at the
// largest size over cost per step at 1000. It writes its own section of bench/RESULTS.md (between
// the `backends` markers, which report.mjs keeps) and bench/results-backends.json, unless --no-write.
// Options: --sizes 1000,2000,5000 --shapes chain,fanout,nested --runs 3 --targets argo,kubeflow,airflow
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
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
    runs: { type: "string", default: "3" },
    targets: { type: "string", default: "argo,kubeflow,airflow" },
    "no-write": { type: "boolean", default: false },
  },
});
const sizes = opts.sizes.split(",").map(Number);
const shapes = opts.shapes.split(",");
const runs = Number(opts.runs);
const load = (p) => import(pathToFileURL(join(root, p)).href);
const { analyzePipelineFile } = await load("packages/core/dist/frontend/index.js");
const { readyBackends } = await load("packages/cli/dist/targets.js");
const { parseBackendOptions } = await load("packages/cli/dist/backend-options.js");
const targets = opts.targets.split(",").map((name) => {
  const backend = readyBackends.find((b) => b.name === name);
  if (!backend) throw new Error(`unknown target ${name}`);
  const parsed = parseBackendOptions(backend, {});
  return { backend, options: parsed.options };
});
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

const loadAtStart = loadavg()[0];
const startedAt = Date.now();
// Warm the JIT of every back end on a mid-sized IR first, so the first row is not also the first code run.
const warm = analyzePipelineFile(writePipeline(join(tmp, "warm"), "nested", 200), { projectRoot: root }).ir;
for (const t of targets) for (let i = 0; i < 3; i++) t.backend.compile(warm, t.options);

const rows = [];
for (const shape of shapes) {
  for (const n of sizes) {
    const { ir, diagnostics } = analyzePipelineFile(writePipeline(tmp, shape, n), { projectRoot: root });
    if (!ir) throw new Error(`${shape}-${n}: the front end failed: ${diagnostics.map((d) => d.code).join(" ")}`);
    const row = { shape, steps: n, targets: {} };
    for (const t of targets) row.targets[t.backend.name] = measure(t, ir);
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

The front end builds each generated pipeline's IR once; then each back end compiles that IR
in this process (default options, JIT warmed on a 200-step pipeline first), ${runs} counted runs,
median **CPU time**, including serializing the output file. µs/step is that time over the
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
