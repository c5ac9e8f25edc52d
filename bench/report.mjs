// Turns the benchmark rows into bench/RESULTS.md: the machine, the command, one table of
// figures, the growth curve, and each aim with a verdict computed from the figures (not typed in).
import { readFileSync, writeFileSync } from "node:fs";
import { round } from "./stats.mjs";

const AIM_RATIO = 3; // in-process compile within 3x the parse time
const AIM_CLI_MS = 1500; // cold CLI run on 100 steps
const AIM_GROWTH = 1.5; // ms per step at the largest size within 1.5x of ms per step at 1000

const mb = (kb) => kb / 1024;

function figures(row) {
  const ip = row.inProcess;
  return {
    parse: round(ip.parseMs, 1),
    compile: ip.ok ? round(ip.compileMs) : `fails: ${ip.errors.join(" ") || "no IR"}`,
    ratio: ip.ok ? `${round(ip.ratio, 2)}x` : "n/a",
    // Rows measured before the per-run figures were kept show only the ratio.
    perRun: ip.ok && ip.perRun ? `${round(ip.perRun.median, 2)}x [${round(ip.perRun.p25, 1)}..${round(ip.perRun.p75, 1)}]` : "n/a",
    collections: ip.ok && ip.collections ? `${ip.collections.inCompile} / ${ip.collections.inParseOnly} / ${ip.collections.none}` : "n/a",
    fresh: row.memory.ok ? round(row.memory.ms, 0) : "n/a",
    cliWall: row.cli.exit === 0 ? round(row.cli.ms, 0) : `exit ${row.cli.exit}`,
    cliCpu: row.cli.exit === 0 ? round(row.cli.cpuMs, 0) : "n/a",
    memory: row.memory.ok ? round(mb(row.memory.maxRssKb), 0) : "n/a",
  };
}

function resultsTable(rows) {
  const lines = [
    "| shape | steps | file KB | parse (floor) | compile, warm | compile / parse | per run: median [quartiles] | collection in compile / parse / none | first compile, fresh process | cold CLI, wall | cold CLI, CPU | peak RSS MB |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const row of rows) {
    const f = figures(row);
    lines.push(`| ${row.shape} | ${row.steps} | ${round(row.kb, 0)} | ${f.parse} | ${f.compile} | ${f.ratio} | ${f.perRun} | ${f.collections} | ${f.fresh} | ${f.cliWall} | ${f.cliCpu} | ${f.memory} |`);
  }
  return lines.join("\n");
}

function growthTable(rows) {
  const sizes = [...new Set(rows.map((r) => r.steps))];
  const shapes = [...new Set(rows.map((r) => r.shape))];
  const lines = [`| shape | ${sizes.map((n) => `${n} steps`).join(" | ")} |`, `|---|${sizes.map(() => "---:").join("|")}|`];
  for (const shape of shapes) {
    const cells = sizes.map((n) => {
      const row = rows.find((r) => r.shape === shape && r.steps === n);
      return row?.inProcess.ok ? `${round((row.inProcess.compileMs / n) * 1000, 0)} µs` : "n/a";
    });
    lines.push(`| ${shape} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

function verdict(met, detail) {
  if (met === undefined) return `**not measured** (${detail})`;
  return `${met ? "**met**" : "**not met**"} (${detail})`;
}

function aims(rows) {
  const at = (n) => rows.filter((r) => r.steps === n);
  const ratioRows = [...at(100), ...at(1000)];
  const ratios = ratioRows.filter((r) => r.inProcess.ok).map((r) => ({ r, x: r.inProcess.ratio }));
  const worstRatio = ratios.sort((a, b) => b.x - a.x)[0];
  const ratioMet = ratios.length === ratioRows.length && ratios.length > 0 ? worstRatio.x <= AIM_RATIO : undefined;
  const worstAt = (n) => {
    const at = ratios.filter(({ r }) => r.steps === n).sort((a, b) => b.x - a.x)[0];
    return at ? `${round(at.x, 2)}x at ${n} steps (${at.r.shape})` : undefined;
  };
  const ratioDetail = worstRatio
    ? `worst ${[worstAt(100), worstAt(1000)].filter(Boolean).join(", worst ")}, total compile CPU over total parse CPU of the counted runs; one run's figures, see bench/README.md for how they spread across runs`
    : ratioRows.length === 0
      ? "no figures at 100 or 1000 steps in this run"
      : "the front end produced no IR";

  const cliRows = at(100);
  const cliOk = cliRows.filter((r) => r.cli.exit === 0);
  const slowest = cliOk.sort((a, b) => b.cli.ms - a.cli.ms)[0];
  const cliMet = cliOk.length === cliRows.length && cliOk.length > 0 ? slowest.cli.ms < AIM_CLI_MS : undefined;
  const cliDetail = cliRows.length === 0
    ? "no 100-step files in this run"
    : slowest
    ? `slowest: ${slowest.shape}, ${round(slowest.cli.ms, 0)} ms wall, ${round(slowest.cli.cpuMs, 0)} ms CPU; judged on wall time, as a user waits`
    : "the CLI did not compile the 100-step files";

  const largest = Math.max(...rows.map((r) => r.steps));
  const growth = [...new Set(rows.map((r) => r.shape))].map((shape) => {
    const base = rows.find((r) => r.shape === shape && r.steps === 1000);
    const top = rows.find((r) => r.shape === shape && r.steps === largest);
    if (!base?.inProcess.ok || !top?.inProcess.ok || largest <= 1000) return undefined;
    return { shape, x: top.inProcess.compileMs / top.steps / (base.inProcess.compileMs / base.steps) };
  });
  const measured = growth.filter(Boolean);
  const worstGrowth = measured.sort((a, b) => b.x - a.x)[0];
  const growthMet = measured.length === growth.length && measured.length > 0 ? worstGrowth.x <= AIM_GROWTH : undefined;
  const growthDetail = worstGrowth
    ? `cost per step at ${largest} steps over cost per step at 1000: worst ${worstGrowth.shape}, ${round(worstGrowth.x, 2)}x; linear means about 1x, the bar is ${AIM_GROWTH}x`
    : "needs in-process figures at 1000 steps and above";

  return [
    `- In-process compile to IR within ${AIM_RATIO}x the parse time at 100 and 1000 steps: ${verdict(ratioMet, ratioDetail)}.`,
    `- Cold CLI run on the 100-step files under ${AIM_CLI_MS / 1000} s: ${verdict(cliMet, cliDetail)}.`,
    `- Cost growing linearly with steps, up to ${largest}: ${verdict(growthMet, growthDetail)}.`,
  ].join("\n");
}

/** Writes RESULTS.md and returns its path. `figures` is what bench/run.mjs saves in results.json. */
export function writeResults(path, { machine, rows, baseline, command, runs, smallRuns, cliRuns, tsVersion, coldFloor, load, minutes }) {
  const text = frontEndReport({ machine, rows, baseline, command, runs, smallRuns, cliRuns, tsVersion, coldFloor, load, minutes }) + backEndSection(path);
  writeFileSync(path, text);
  return path;
}

/** The back ends' section (bench/backends.mjs), kept as it is when the front-end part is rewritten. */
function backEndSection(path) {
  let current = "";
  try {
    current = readFileSync(path, "utf8");
  } catch {
    return "";
  }
  // The back ends' section, the whole-compile one (bench/whole.mjs) and the A/B one (bench/ab.mjs), in that order.
  return ["backends", "whole", "ab"]
    .map((name) => {
      const start = current.indexOf(`<!-- ${name}:start`);
      const end = current.indexOf(`<!-- ${name}:end -->`);
      return start >= 0 && end > start ? "\n" + current.slice(start, end) + `<!-- ${name}:end -->\n` : "";
    })
    .join("");
}

function frontEndReport({ machine, rows, baseline, command, runs, smallRuns, cliRuns, tsVersion, coldFloor, load, minutes }) {
  return `# Benchmark: compiling to IR

Measured on ${machine.date}, on ${machine.cores} cores (nproc; CPU: ${machine.cpu}), ${round(machine.memoryGiB, 0)} GiB of memory,
Node ${machine.node}, TypeScript ${tsVersion} (the copy bundled with ts-morph, which the front end uses).
The machine is shared with other work: the 1-minute load average was ${round(load[0])} when the run
started and ${round(load[1])} when it ended (${round(minutes)} minutes later), on ${machine.cores} cores, so single
figures move by some tens of percent between runs; compare ratios and trends rather than
absolute times.

Command, from the repository root after \`pnpm run build\`:

\`\`\`
${command}
\`\`\`

## What is measured

Pipelines are generated by \`bench/generate.mjs\` in three shapes, each step its own
\`step({...})\` definition (so the front end evaluates N definitions and the IR holds N components):
a **chain** (each task reads the previous task's output), a wide **fanout** (N-1 tasks read one
source task) and **nested** conditions (blocks of ten steps under \`if / else if / else\` three deep).

All times are in milliseconds. On this shared machine wall time mostly measures the neighbours,
so the in-process figures are **CPU time** (user + system, \`process.cpuUsage()\`), which barely
moves with load; the cold CLI is given both ways.

- **parse (floor)**: \`ts.createSourceFile(file, text, Latest)\` on the same text, with the
  TypeScript the front end uses. No front end built on TypeScript's parser can be faster.
- **compile, warm**: \`analyzePipelineFile\` from \`packages/core/dist/frontend\`, each row in a
  process of its own that first parses and compiles ten 100-step files of each shape (so no row
  inherits the heap a bigger row left), then three uncounted runs, on a fresh copy of the file each run (no cache keyed by path can help): reading, parsing,
  evaluating the step definitions, building the IR, hashing it (the zod check of the IR is off
  outside tests, \`SLUICE_CHECK_IR=1\`). Each of the ${runs} counted runs (${smallRuns} up to 100
  steps, where a run takes milliseconds) is paired with two parses (before and after) so that both
  see the same conditions. **compile / parse**, the figure the aim is about, is the total compile
  CPU of the counted runs over their total parse CPU: what a warm process pays per compile,
  garbage collections included wherever they fell.
- **per run**: the median and quartiles of the per-run ratios, and how many runs had a garbage
  collection start in the compile, in one of its parses only, or in none (from \`PerformanceObserver\`).
  A young-generation collection costs about as much as a parse here, so a run whose compile takes
  one comes out near 4x and one whose parse takes it near 1x: the per-run ratios fall in three
  humps, and their median follows whichever hump holds the middle run (bench/README.md, fifth round).
- **first compile, fresh process**: the same call, timed in a new process (\`bench/measure.mjs\`),
  before the JIT has warmed up: what one CLI run pays for the front end.
- **cold CLI**: \`node packages/cli/dist/bin.js compile FILE --target ir --no-git --out DIR\`, a new
  process each time (Node start, module loading, the compile, writing the YAML), median of
  ${cliRuns}; wall time as a user waits for it, and the process's own CPU time
  (\`bench/cpu-at-exit.mjs\`, loaded with \`node --import\`). Starting Node and loading ts-morph
  alone (\`node -e 'require("ts-morph")'\`) takes ${round(coldFloor.ms, 0)} ms of wall time and
  ${round(coldFloor.cpuMs, 0)} ms of CPU here: the floor of a cold run of any front end built on it.
- **peak RSS MB**: \`process.resourceUsage().maxRSS\` of the fresh process that loads the front end
  and compiles the file once. Loading the front end alone peaks at ${round(mb(baseline.maxRssKb), 0)} MB.

## Results

${resultsTable(rows)}

Warm compile CPU time per step (the growth curve; flat means linear):

${growthTable(rows)}

## Aims

${aims(rows)}
`;
}

// `node bench/report.mjs` rewrites RESULTS.md from the figures of the last run (results.json),
// e.g. after a change to this report, without measuring again.
if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = new URL(".", import.meta.url).pathname;
  const figures = JSON.parse(readFileSync(`${dir}results.json`, "utf8"));
  console.log(`wrote ${writeResults(`${dir}RESULTS.md`, figures)}`);
}
