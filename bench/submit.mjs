// The submit benchmark (issue 10's aims), against the test cluster of conformance/cluster: a real
// kube-apiserver with etcd, Argo's workflow-controller and kwok's fake node, on loopback.
//   1. `sluice submit --dry-run` of a 100-step chain: the whole CLI run (compile, the server's
//      own dry run), wall and CPU, median of --runs. Aim: under 2 s.
//   2. `sluice submit --watch` of a 1,000-task workflow run by the real controller: does the watch
//      keep up with the events? Measured as the lag from the workflow's finishedAt (the server's
//      clock, 1 s resolution) to the watch printing its summary, and the watch process's own CPU
//      time against the run's wall time.
// Usage (after `pnpm run build`): node bench/submit.mjs [--runs 5] [--nodes 1000] [--out FILE]
// Prints progress on stderr; writes bench/results-submit.json (or --out) and a table on stdout.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writePipeline } from "./generate.mjs";
import { median } from "./stats.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg("runs", "5"));
const nodes = Number(arg("nodes", "1000"));
const outFile = arg("out", join(root, "bench/results-submit.json"));
const log = (message) => process.stderr.write(`bench submit: ${message}\n`);

const work = mkdtempSync(join(tmpdir(), "sluice-bench-submit-"));
const cluster = join(work, "cluster");
const cli = join(root, "packages/cli/dist/bin.js");
const usageHook = join(root, "bench/cpu-at-exit.mjs");

function stopCluster() {
  spawnSync("bash", [join(root, "conformance/cluster/cluster.sh"), "stop", cluster], { stdio: "inherit" });
  rmSync(work, { recursive: true, force: true });
}
process.on("SIGINT", () => process.exit(130));
process.on("SIGTERM", () => process.exit(143));
process.on("exit", stopCluster);

/** One CLI run as a user makes it, as alice (may run workflows in sluice-test), timed. */
function sluice(args, onStderr) {
  const usageFile = join(work, `usage-${process.hrtime.bigint()}.json`);
  const env = { ...process.env, KUBECONFIG: join(cluster, "alice.kubeconfig"), NO_COLOR: "1", HOME: work, SLUICE_BENCH_USAGE: usageFile };
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", usageHook, cli, ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => {
      stderr += d;
      onStderr?.(String(d));
    });
    child.on("close", (code) => {
      const wallMs = performance.now() - started;
      const exitedAt = Date.now();
      let usage = {};
      try {
        usage = JSON.parse(readFileSync(usageFile, "utf8"));
      } catch {}
      resolve({ code, stdout, stderr, wallMs, exitedAt, ...usage });
    });
  });
}

log("starting the test cluster (first run on a machine builds it from the Go module proxy: minutes)");
const started = spawnSync("bash", [join(root, "conformance/cluster/cluster.sh"), "start", cluster], { stdio: ["ignore", "inherit", "inherit"] });
if (started.status !== 0) {
  log(`the test cluster did not start (exit ${started.status}); nothing measured`);
  process.exit(1);
}

// --- 1. dry run of a 100-step chain ---
const pipelines = join(work, "pipelines");
mkdirSync(pipelines, { recursive: true });
const chain = writePipeline(pipelines, "chain", 100);
const dryRuns = [];
for (let i = 0; i < runs + 1; i++) {
  log(`dry run ${i + 1}/${runs + 1}${i === 0 ? " (warm-up, not counted)" : ""}`);
  const r = await sluice(["submit", chain, "--target", "argo", "--dry-run", "-n", "sluice-test", "--no-git"]);
  if (r.code !== 0) {
    log(`dry run failed (exit ${r.code}):\n${r.stdout}${r.stderr}`);
    process.exit(1);
  }
  if (i > 0) dryRuns.push(r);
}

// --- 2. watch of a wide workflow run by the real controller ---
const wide = join(pipelines, `wide-${nodes}.ts`);
// The Workflow CRD's full schema allows at most 200 tasks in one DAG and 200 templates in one
// workflow (docs/targets/argo.md, "Size limits"), so the tasks come in nested pipelines of 200.
const chunk = 200;
const chunks = Array.from({ length: Math.ceil(nodes / chunk) }, (_, c) => {
  const calls = [];
  for (let i = c * chunk; i < Math.min(nodes, (c + 1) * chunk); i++) calls.push(`  work({}, { name: "w${i + 1}" });`);
  return [`const part${c + 1} = pipeline({ name: "part${c + 1}" }, () => {`, ...calls, `});`];
});
writeFileSync(
  wide,
  [
    `import { pipeline, step } from "@sluice/core";`,
    `const work = step({ name: "work", image: "alpine:3.20", command: ["true"] });`,
    ...chunks.flat(),
    `export default pipeline({ name: "bench-wide-${nodes}" }, () => {`,
    ...chunks.map((_, c) => `  part${c + 1}({});`),
    `});`,
    "",
  ].join("\n"),
);
log(`submitting a ${nodes}-task workflow with --watch (the controller creates the pods, kwok completes them)`);
// An independent watch, in this process, notes when the server announces the end: the CLI's lag
// is measured from there, so the controller's own delay in writing the status is not counted.
const k8s = await import(join(root, "packages/submit/node_modules/@kubernetes/client-node/dist/index.js"));
const adminKc = new k8s.KubeConfig();
adminKc.loadFromFile(join(cluster, "admin.kubeconfig"));
let endAnnouncedAt;
const referee = await new k8s.Watch(adminKc).watch(
  "/apis/argoproj.io/v1alpha1/namespaces/sluice-test/workflows",
  {},
  (_type, wf) => {
    if (endAnnouncedAt === undefined && wf?.metadata?.name?.startsWith(`bench-wide-${nodes}`) && ["Succeeded", "Failed", "Error"].includes(wf.status?.phase)) endAnnouncedAt = Date.now();
  },
  () => {},
);
let liveLines = 0;
let lastReport = Date.now();
const watch = await sluice(["submit", wide, "--target", "argo", "-n", "sluice-test", "--watch", "--no-git"], (chunk) => {
  liveLines += chunk.split("\n").length - 1;
  if (Date.now() - lastReport > 10_000) {
    lastReport = Date.now();
    log(`watching: ${liveLines} live lines so far`);
  }
});
referee.abort();
const run = /run: argo:(\S+)\/(\S+)/.exec(watch.stdout);
if (!run) {
  log(`the watched submit printed no run reference (exit ${watch.code}):\n${watch.stdout}${watch.stderr.slice(-2000)}`);
  process.exit(1);
}
// The finished workflow as the server holds it, read with the referee's admin credentials.
const wf = await adminKc.makeApiClient(k8s.CustomObjectsApi).getNamespacedCustomObject({ group: "argoproj.io", version: "v1alpha1", namespace: run[1], plural: "workflows", name: run[2] });
const status = { phase: wf.status?.phase, startedAt: wf.status?.startedAt, finishedAt: wf.status?.finishedAt, nodes: Object.keys(wf.status?.nodes ?? {}).length };
const finishedAt = Date.parse(status.finishedAt);
const runWallMs = finishedAt - Date.parse(status.startedAt);

const result = {
  date: new Date().toISOString().slice(0, 10),
  machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadAtEnd: loadavg()[0] },
  command: `node bench/submit.mjs --runs ${runs} --nodes ${nodes}`,
  dryRun100: {
    runs,
    wallMsMedian: Math.round(median(dryRuns.map((r) => r.wallMs))),
    wallMsMin: Math.round(Math.min(...dryRuns.map((r) => r.wallMs))),
    wallMsMax: Math.round(Math.max(...dryRuns.map((r) => r.wallMs))),
    cpuMsMedian: Math.round(median(dryRuns.map((r) => r.cpuMs))),
    peakRssMb: Math.round(Math.max(...dryRuns.map((r) => r.maxRssKb ?? 0)) / 1024),
  },
  watch: {
    nodes,
    exit: watch.code,
    phase: status.phase,
    workflowNodes: status.nodes,
    runWallMs,
    watchWallMs: Math.round(watch.wallMs),
    watchCpuMs: Math.round(watch.cpuMs),
    watchPeakRssMb: Math.round((watch.maxRssKb ?? 0) / 1024),
    liveLines,
    // finishedAt has one-second resolution: a lag under 1,000 ms means "within the same second".
    serverLagMs: endAnnouncedAt === undefined ? null : endAnnouncedAt - finishedAt,
    // From the end event reaching an independent watcher to the CLI having printed and exited.
    cliLagMs: endAnnouncedAt === undefined ? null : watch.exitedAt - endAnnouncedAt,
  },
};
writeFileSync(outFile, JSON.stringify(result, null, 2) + "\n");
const d = result.dryRun100, w = result.watch;
console.log(`| measure | value |\n|---|---:|`);
console.log(`| submit --dry-run, 100-step chain, wall median of ${runs} (min-max) | ${d.wallMsMedian} ms (${d.wallMsMin}-${d.wallMsMax}) |`);
console.log(`| submit --dry-run, 100-step chain, CPU median | ${d.cpuMsMedian} ms |`);
console.log(`| watch of ${nodes} tasks: workflow ${w.phase}, ${w.workflowNodes} nodes, run took (server clock) | ${w.runWallMs} ms |`);
console.log(`| watch: CPU of the watching process over the whole run | ${w.watchCpuMs} ms (${((100 * w.watchCpuMs) / w.watchWallMs).toFixed(1)}% of one core) |`);
console.log(`| watch: from the workflow's finishedAt (1 s resolution) to the end event on the wire (the controller's own delay) | ${w.serverLagMs} ms |`);
console.log(`| watch: from the end event on the wire to the CLI's summary printed and exit | ${w.cliLagMs} ms |`);
console.log(`| watch: peak RSS of the watching process | ${w.watchPeakRssMb} MB |`);
console.log(`| load average at the end (1 min, ${result.machine.cores} cores) | ${result.machine.loadAtEnd.toFixed(1)} |`);
if (w.exit !== 0 || w.phase !== "Succeeded") process.exitCode = 1;
