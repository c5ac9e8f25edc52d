// A/B in one process: a baseline build (A, another commit's tree, see ab-base.sh) and this tree (B)
// compile the same generated pipeline warm, alternating run by run (ABAB, then BABA), each run
// paired with a parse of the file, CPU time. Both load their own Sluice modules side by side; the
// third-party packages (TypeScript, zod, yaml) are the same files. Targets: `fe` is the front end
// alone (analyzePipelineFile), the others are what `sluice compile --target T` does in memory.
//   bench/ab-base.sh main /tmp/sluice-base && node bench/ab.mjs --base /tmp/sluice-base [--no-write]
// Writes the "ab" section of bench/RESULTS.md (report.mjs keeps it) unless --no-write.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { writePipeline } from "./generate.mjs";
import { writeResultsSection } from "./results-file.mjs";
import { median, round } from "./stats.mjs";

const root = new URL("..", import.meta.url).pathname;
const argv = process.argv.slice(2)[0] === "--" ? process.argv.slice(3) : process.argv.slice(2);
const { values: opts } = parseArgs({
  args: argv,
  options: {
    base: { type: "string" },
    shapes: { type: "string", default: "chain" },
    sizes: { type: "string", default: "100" },
    targets: { type: "string", default: "fe,ir,kubeflow,all" },
    runs: { type: "string", default: "21" },
    "no-write": { type: "boolean", default: false },
  },
});
if (!opts.base) throw new Error("--base DIR: a built tree of the baseline commit (bench/ab-base.sh makes one)");
const runs = Number(opts.runs);

async function side(dir) {
  const load = (p) => import(pathToFileURL(join(dir, p)).href);
  return { cli: await load("packages/cli/dist/index.js"), fe: await load("packages/core/dist/frontend/index.js") };
}
const A = await side(opts.base);
const B = await side(root);
const { tsApi: ts } = await import(pathToFileURL(join(root, "packages/core/dist/frontend/typescript.js")).href);
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** One compile of `file` to `target` by one side, as a function; throws if it produced nothing. */
async function job(s, file, target) {
  if (target === "fe") {
    return () => {
      if (!s.fe.analyzePipelineFile(file, { projectRoot: root }).ir) throw new Error(`${file}: no IR`);
    };
  }
  const selection = await s.cli.selectTargets(target);
  const backends = selection.backends.map((backend) => ({ backend, options: s.cli.parseBackendOptions(backend, {}).options }));
  const request = { file, projectRoot: root, ir: selection.ir, backends };
  return () => {
    if (s.cli.compilePipeline(request).files.length === 0) throw new Error(`${file} --target ${target}: no files`);
  };
}

const tmp = join(root, "bench/tmp", `ab-${process.pid}`);
const startLoad = loadavg()[0];
const rows = [];
for (const shape of opts.shapes.split(",")) {
  for (const n of opts.sizes.split(",").map(Number)) {
    const file = writePipeline(tmp, shape, n);
    const text = readFileSync(file, "utf8");
    for (const target of opts.targets.split(",")) {
      const a = await job(A, file, target);
      const b = await job(B, file, target);
      for (let i = 0; i < 5; i++) (a(), b()); // warm-up, uncounted
      const samples = [];
      for (let r = 0; r < runs; r++) {
        const p0 = cpuNow();
        ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
        const parse = cpuNow() - p0;
        const one = (f) => {
          const c0 = cpuNow();
          f();
          return cpuNow() - c0;
        };
        const [ta, tb] = r % 2 === 0 ? [one(a), one(b)] : [one(b), one(a)].reverse();
        samples.push({ parse, a: ta, b: tb });
      }
      const row = {
        shape,
        steps: n,
        target,
        parseMs: median(samples.map((s) => s.parse)),
        aMs: median(samples.map((s) => s.a)),
        bMs: median(samples.map((s) => s.b)),
        aPerParse: median(samples.map((s) => s.a / s.parse)),
        bPerParse: median(samples.map((s) => s.b / s.parse)),
        bOverA: median(samples.map((s) => s.b / s.a)),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  }
}
rmSync(tmp, { recursive: true, force: true });

const commitOf = (dir) => {
  try {
    return readFileSync(join(dir, "AB-BASE"), "utf8").trim();
  } catch {
    try {
      return execFileSync("git", ["-C", dir, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    } catch {
      return "(unknown)";
    }
  }
};
const command = `node bench/ab.mjs ${argv.join(" ")}`;
const section = `<!-- ab:start (written by bench/ab.mjs; report.mjs keeps it) -->
## A/B: a baseline and this tree, alternating in one process

\`${command}\`, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, Node ${process.version}, load average (1 min) ${round(startLoad, 1)} at the start and ${round(loadavg()[0], 1)} at the end.
A is ${commitOf(opts.base)} (built by \`bench/ab-base.sh\`), B is this tree (${commitOf(root)} plus any uncommitted change).
Each of ${runs} runs compiles once with A and once with B (order alternating) and parses the file once
(\`ts.createSourceFile\`); CPU time, medians; "x parse" and B / A are medians of the per-run ratios.
*fe*: the front end alone (\`analyzePipelineFile\`); the other targets: \`compilePipeline\` as \`sluice compile --target T\` runs it.

| shape | steps | target | parse ms | A ms | A x parse | B ms | B x parse | B / A |
|---|---|---|---|---|---|---|---|---|
${rows.map((r) => `| ${r.shape} | ${r.steps} | ${r.target} | ${round(r.parseMs, 1)} | ${round(r.aMs, 1)} | ${round(r.aPerParse, 2)}x | ${round(r.bMs, 1)} | ${round(r.bPerParse, 2)}x | ${round(r.bOverA, 2)} |`).join("\n")}
<!-- ab:end -->
`;
console.log(section);
if (!opts["no-write"]) {
  writeResultsSection("ab", section);
}
