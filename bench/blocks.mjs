// The front end against TypeScript's parse, timed in blocks rather than paired: `rounds` times,
// `runs` parses of one 100-step file in a row, then `runs` front-end compiles of fresh copies in a
// row, so that each side pays for its own garbage collections. The first two rounds warm the JIT
// and are not counted; medians over the rest, CPU time. Prints only.
//   node bench/blocks.mjs [--shapes chain,fanout,nested] [--steps 100] [--runs 50] [--rounds 8]
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { SHAPES, writePipeline } from "./generate.mjs";
import { cpuMs, median, round } from "./stats.mjs";

const root = new URL("..", import.meta.url).pathname;
const { values: opts } = parseArgs({
  options: {
    shapes: { type: "string", default: SHAPES.join(",") },
    steps: { type: "string", default: "100" },
    runs: { type: "string", default: "50" },
    rounds: { type: "string", default: "8" },
  },
});
const load = (p) => import(pathToFileURL(join(root, p)).href);
const { analyzePipelineFile } = await load("packages/core/dist/frontend/index.js");
const { tsApi: ts } = await load("packages/core/dist/frontend/typescript.js");
const tmp = join(root, "bench/tmp", `blocks-${process.pid}`);

for (const shape of opts.shapes.split(",")) {
  const runs = Number(opts.runs);
  const files = Array.from({ length: runs }, (_, i) => writePipeline(tmp, shape, Number(opts.steps), `.b${i}`));
  const text = readFileSync(files[0], "utf8");
  const parse = [];
  const compile = [];
  for (let r = 0; r < Number(opts.rounds); r++) {
    const p = cpuMs(() => files.forEach((f) => ts.createSourceFile(f, text, ts.ScriptTarget.Latest))) / runs;
    const c = cpuMs(() => files.forEach((f) => analyzePipelineFile(f, { projectRoot: root }))) / runs;
    if (r >= 2) parse.push(p), compile.push(c);
  }
  console.log(`${shape}, ${opts.steps} steps: parse ${round(median(parse), 2)} ms, front end ${round(median(compile), 2)} ms, ${round(median(compile) / median(parse), 2)}x`);
}
rmSync(tmp, { recursive: true, force: true });
