// The Airflow submit checks, against the real Airflow (3, or 2.10 when SLUICE_CHECK_AIRFLOW_MAJOR
// is 2) that run.sh started. Usage: node checks.mjs WORK (the connection comes from the
// SLUICE_AIRFLOW_* variables run.sh sets, as a user's would).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { assert, check as runCheck, finish } from "../lib/checks.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const work = process.argv[2];
const load = (p) => import(pathToFileURL(join(root, p)).href);
const { AirflowClient } = await load("packages/submit/dist/airflow/index.js");
const { SubmitError } = await load("packages/submit/dist/index.js");

/** Each check's name says which Airflow it ran against (run.sh runs this file for 3, then 2.10). */
const check = (name, fn) => runCheck(label(name), fn);
function sluice(args, env = {}) {
  const r = spawnSync(process.execPath, [join(root, "packages/cli/dist/bin.js"), ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env }, timeout: 400_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}
const password = readFileSync(join(work, "password"), "utf8");
const major = process.env.SLUICE_CHECK_AIRFLOW_MAJOR ?? "3";
/** The flags that compile a DAG file for the server's Airflow major. */
const forServer = major === "2" ? ["--airflow-version", "2"] : [];
const label = (text) => `Airflow ${major === "2" ? "2.10" : "3"}: ${text}`;

let run;
await check("submit --watch: the DAG is parsed, unpaused, triggered with the params as conf, and watched to success", async () => {
  const out = join(work, "out");
  const r = sluice(["submit", "fixtures/airflow-local-params/pipeline.ts", "--target", "airflow", ...forServer, "--airflow-operator", "local", "--param", `outDir=${work}`, "--param", "seed=5", "--watch"]);
  assert(r.code === 0, `exit code ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  run = /run: (airflow:\S+)/.exec(r.stdout)?.[1];
  assert(run && new RegExp(`${run.replace(/[+.]/g, "\\$&")}: Succeeded`).test(r.stdout), r.stdout);
  // produce wrote 5*3, consume wrote "15 rows:5": the conf reached the tasks.
  assert(readFileSync(join(work, "consumed.txt"), "utf8") === "15 rows:5", `consumed.txt: ${readFileSync(join(work, "consumed.txt"), "utf8")}`);
  void out;
});

await check("sluice logs: each task's log from the api-server", async () => {
  const r = sluice(["logs", run, "--task", "produce"]);
  assert(r.code === 0 && /^\[produce\] /m.test(r.stdout), `exit ${r.code}: ${r.stdout}${r.stderr}`);
});

await check("a failing pipeline: exit 1, the failed task named, its log tail shown", async () => {
  const r = sluice(["submit", "conformance/submit-airflow/pipelines/fail.ts", "--target", "airflow", ...forServer, "--airflow-operator", "local", "--watch"]);
  assert(r.code === 1, `exit code ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  assert(/: Failed/.test(r.stdout) && /failed: train/.test(r.stdout), r.stdout);
  assert(/last lines of train's log:[\s\S]*exit status 3/.test(r.stdout), `no log tail in: ${r.stdout}`);
});

await check("a broken DAG file reports Airflow's import error (SLU9518)", async () => {
  const client = new AirflowClient({ url: process.env.SLUICE_AIRFLOW_URL, dagsFolder: process.env.SLUICE_AIRFLOW_DAGS_FOLDER, username: "admin", password }, { parseTimeoutMs: 120_000, pollMs: 1000 });
  const ir = { metadata: { name: "submit-broken" } };
  try {
    const dagImport = major === "2" ? "from airflow import DAG" : "from airflow.sdk import DAG";
    await client.submit({ ir, files: [{ path: "submit_broken.py", contents: `${dagImport}\ndef broken(:\n` }] }, {}, {});
    throw new Error("a broken file was accepted");
  } catch (error) {
    assert(error instanceof SubmitError && error.code === "SLU9518", String(error));
    assert(/SyntaxError|invalid syntax/.test(error.hint ?? ""), `hint: ${error.hint}`);
  }
});

await check(major === "2" ? "a wrong password is refused (SLU9512), a bad token answers 401 (SLU9512), neither printed" : "a wrong password is refused (SLU9512), a bad token answers 403 (SLU9513), neither printed", async () => {
  writeFileSync(join(work, "wrong"), "not-the-password");
  const wrong = sluice(["status", run, "--format", "json"], { SLUICE_AIRFLOW_PASSWORD_FILE: join(work, "wrong") });
  assert(wrong.code === 1 && wrong.json().diagnostics[0].code === "SLU9512", wrong.stdout);
  const token = sluice(["status", run, "--format", "json"], { SLUICE_AIRFLOW_TOKEN: "bogus-token-value" });
  assert(token.code === 1 && token.json().diagnostics[0].code === (major === "2" ? "SLU9512" : "SLU9513"), token.stdout);
  assert(!(wrong.stdout + token.stdout).includes("not-the-password") && !token.stdout.includes("bogus-token-value"), "a secret was printed");
});

await check("sluice cancel stops a running run: status says Canceled, no task running, the step's process ended", async () => {
  const marker = "/tmp/sluice-submit-airflow-hold.started";
  rmSync(marker, { force: true });
  const r = sluice(["submit", "conformance/submit-airflow/pipelines/hold.ts", "--target", "airflow", ...forServer, "--airflow-operator", "local", "--format", "json"]);
  assert(r.code === 0, `exit code ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  const held = r.json().run;
  // Cancel once the step's process has started, so a running task instance is stopped.
  for (let i = 0; i < 240 && !existsSync(marker); i++) await sleep(500);
  assert(existsSync(marker), "the held step never started");
  const c = sluice(["cancel", held]);
  assert(c.code === 0, `cancel: exit ${c.code}: ${c.stdout}${c.stderr}`);
  let status;
  for (let i = 0; i < 120; i++) {
    status = sluice(["status", held, "--format", "json"]);
    if (status.json().status.tasks.every((t) => t.phase !== "Running")) break;
    await sleep(500);
  }
  const s = status.json().status;
  assert(status.code === 1 && s.phase === "Canceled", `status: exit ${status.code}, ${JSON.stringify(s)}`);
  assert(s.tasks.every((t) => t.phase !== "Running"), `a task still runs: ${JSON.stringify(s.tasks)}`);
  // Airflow notices the state change at the task's next heartbeat and stops it; the step's own
  // process must go with it, not linger as an orphan.
  const pid = Number(readFileSync(marker, "utf8"));
  const alive = () => { try { process.kill(pid, 0); return true; } catch { return false; } };
  for (let i = 0; i < 240 && alive(); i++) await sleep(500);
  const lingering = alive();
  if (lingering) process.kill(pid, "SIGKILL");
  rmSync(marker, { force: true });
  assert(!lingering, `the step's process ${pid} still ran 120 s after the cancel`);
});

await check("a DAG file compiled for the other Airflow major is refused before anything is written (SLU9518)", async () => {
  const other = major === "2" ? [] : ["--airflow-version", "2"];
  const before = readdirSync(process.env.SLUICE_AIRFLOW_DAGS_FOLDER).sort().join(",");
  const r = sluice(["submit", "conformance/submit-airflow/pipelines/fail.ts", "--target", "airflow", ...other, "--airflow-operator", "local", "--format", "json"]);
  const d = r.json().diagnostics[0];
  assert(r.code !== 0 && d.code === "SLU9518" && /compiled for Airflow/.test(d.message) && /--airflow-version/.test(d.hint ?? ""), `exit ${r.code}: ${r.stdout}`);
  assert(readdirSync(process.env.SLUICE_AIRFLOW_DAGS_FOLDER).sort().join(",") === before, "a file was written to the DAGs folder");
});

finish("submit-airflow");
