// The fuzz suite's worker thread: runs `sluice` in-process (the built CLI) on one input at a time.
// A thread, so that the suite can stop an input that hangs (Worker.terminate interrupts even a
// synchronous loop) and go on with a fresh worker.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parentPort } from "node:worker_threads";
import { runCli } from "../../packages/cli/dist/testing/run-cli.js";

/** Every entry under `dir` (files with their contents), or undefined when `dir` does not exist. */
function listTree(dir) {
  try {
    if (!statSync(dir).isDirectory()) return undefined; // `--out afile`: not a folder to check
  } catch {
    return undefined;
  }
  const out = {};
  const walk = (d, prefix) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) {
        out[`${prefix}${e.name}/`] = "";
        walk(join(d, e.name), `${prefix}${e.name}/`);
      } else out[`${prefix}${e.name}`] = readFileSync(join(d, e.name), "utf8");
    }
  };
  walk(dir, "");
  return out;
}

parentPort.on("message", async (job) => {
  const { dir, files, args, outDir } = job;
  rmSync(dir, { recursive: true, force: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const started = Date.now();
  try {
    const run = await runCli(args, { cwd: dir });
    const out = outDir ? listTree(resolve(dir, outDir)) : undefined;
    rmSync(dir, { recursive: true, force: true });
    parentPort.postMessage({ ...run, ms: Date.now() - started, out });
  } catch (error) {
    // main() must never throw: say so instead of dying.
    parentPort.postMessage({ code: -1, stdout: "", stderr: `main() threw: ${error?.stack ?? error}`, ms: Date.now() - started });
  }
});
