// Where the in-process compile time goes: `node bench/profile.mjs [shape] [steps] [runs]` samples
// analyzePipelineFile with the V8 profiler (warm, fresh file copies) and splits each run's time
// into TypeScript parsing, IR validation with zod, the IR hash, and garbage collection.
import { rmSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { writePipeline } from "./generate.mjs";

const root = new URL("..", import.meta.url).pathname;
const [shape = "chain", steps = "1000", runs = "5"] = process.argv.slice(2);
const { analyzePipelineFile } = await import(pathToFileURL(join(root, "packages/core/dist/frontend/index.js")).href);
const tmp = join(root, "bench/tmp", `profile-${process.pid}`);
const files = Array.from({ length: Number(runs) + 2 }, (_, i) => writePipeline(tmp, shape, Number(steps), `.p${i}`));
for (const f of files.slice(0, 2)) analyzePipelineFile(f, { projectRoot: root }); // warm-up

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 200 });
await session.post("Profiler.start");
for (const f of files.slice(2)) analyzePipelineFile(f, { projectRoot: root });
const { profile } = await session.post("Profiler.stop");

/** A sample counts for a category when any frame on its stack matches it. */
const categories = {
  "compile (all)": (frame) => frame.functionName === "analyzePipelineFile",
  "parse (ts.createSourceFile)": (frame) => frame.functionName === "createSourceFile",
  "IR validation (zod)": (frame) => frame.url.includes("/zod/"),
  "IR hash": (frame) => frame.url.endsWith("ir/hash.js"),
  "garbage collection": (frame) => frame.functionName === "(garbage collector)",
};
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parents = new Map(profile.nodes.flatMap((n) => (n.children ?? []).map((c) => [c, n.id])));
const totals = Object.fromEntries(Object.keys(categories).map((k) => [k, 0]));
profile.samples.forEach((id, i) => {
  const hit = new Set();
  for (let cur = id; cur !== undefined; cur = parents.get(cur)) {
    for (const [name, matches] of Object.entries(categories)) if (matches(nodes.get(cur).callFrame)) hit.add(name);
  }
  for (const name of hit) totals[name] += profile.timeDeltas[i];
});
console.log(`${shape}, ${steps} steps: ms per run, the mean of ${runs} sampled runs`);
for (const [name, us] of Object.entries(totals)) console.log(`  ${name.padEnd(28)} ${(us / 1000 / Number(runs)).toFixed(1)}`);
console.log("(garbage collection is often sampled outside the compile's stack, so it is listed apart)");
rmSync(tmp, { recursive: true, force: true });
