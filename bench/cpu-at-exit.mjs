// Loaded with `node --import` into a cold CLI run by bench/run.mjs: when the process exits it
// writes its own CPU time and peak memory to the file named by SLUICE_BENCH_USAGE.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  if (process.env.SLUICE_BENCH_USAGE) writeFileSync(process.env.SLUICE_BENCH_USAGE, JSON.stringify({ cpuMs, maxRssKb: usage.maxRSS }));
});
