// One measurement in a fresh process, so that peak memory (maxRSS) belongs to it alone:
//   node bench/measure.mjs analyze FILE   compile FILE to IR once; prints { ms (CPU), maxRssKb, ok, codes }
//   node bench/measure.mjs baseline       load the front end only; prints { maxRssKb }
// process.resourceUsage().maxRSS is in kilobytes.
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const [mode, file] = process.argv.slice(2);
const { analyzePipelineFile } = await import(pathToFileURL(join(root, "packages/core/dist/frontend/index.js")).href);

let result = {};
if (mode === "analyze") {
  const start = process.cpuUsage();
  const analyzed = analyzePipelineFile(file, { projectRoot: root });
  const used = process.cpuUsage(start);
  const ms = (used.user + used.system) / 1000; // CPU time, as in bench/run.mjs
  const codes = analyzed.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
  result = { ms, ok: analyzed.ir !== undefined, codes };
} else if (mode !== "baseline") {
  console.error("usage: node bench/measure.mjs analyze FILE | baseline");
  process.exit(2);
}
console.log(JSON.stringify({ ...result, maxRssKb: process.resourceUsage().maxRSS }));
