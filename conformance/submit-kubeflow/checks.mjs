// The Kubeflow submit checks, differential: Sluice (the built CLI) talks to one emulator, the real
// kfp SDK `Client` (kfp_ops.py in the pinned venv) to another, doing the same things in the same
// order; the requests each emulator recorded must agree (operation, method, path, query, body
// shape, the uploaded documents), and neither emulator may have seen a request or given an answer
// that the official swagger does not allow. Then Sluice-only checks: watch to failure, errors.
// Usage: node checks.mjs WORK SLUICE_URL KFP_URL PYTHON TOKEN READ_ONLY_TOKEN (run.sh passes them).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { normalize, firstDifference } from "./compare.mjs";
import { assert, check, finish } from "../lib/checks.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const [work, sluiceUrl, kfpUrl, python, token, readOnlyToken] = process.argv.slice(2);


function sluice(args, env = {}) {
  const r = spawnSync(process.execPath, [join(root, "packages/cli/dist/bin.js"), ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", KF_PIPELINES_TOKEN: token, SLUICE_KFP_URL: sluiceUrl, ...env }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, out: r.stdout + r.stderr, json: () => JSON.parse(r.stdout) };
}
function kfp(steps) {
  const r = spawnSync(python, [join(root, "conformance/submit-kubeflow/kfp_ops.py"), kfpUrl, token, JSON.stringify(steps)], { encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`kfp_ops.py failed (${r.status}):\n${r.stderr.split("\n").slice(-15).join("\n")}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1));
}
/**
 * The emulator's own door. Retried once: while spawnSync blocks this process, the server may
 * close the kept-alive connection, and fetch then fails on the stale socket.
 */
async function control(url, path, method = "GET") {
  try {
    return await (await fetch(`${url}${path}`, { method })).json();
  } catch {
    return (await fetch(`${url}${path}`, { method })).json();
  }
}
const log = (url) => control(url, "/_emulator/log");
async function reset() {
  for (const url of [sluiceUrl, kfpUrl]) await control(url, "/_emulator/reset", "POST");
}
/** Both sides' requests since `from`, normalized; the kfp Client's own health probe at start-up dropped. */
async function agree(from, what) {
  const [s, k] = [await log(sluiceUrl), await log(kfpUrl)];
  const ours = s.requests.slice(from.sluice).map(normalize);
  // kfp.Client() asks /healthz when it is made (is the deployment multi-user?): one per kfp_ops.py.
  const theirs = k.requests.slice(from.kfp).filter((r, i) => !(i === 0 && r.op === "HealthzService_GetHealthz")).map(normalize);
  const diff = firstDifference(ours, theirs);
  assert(!diff, `${what}: Sluice and the kfp SDK disagree: ${diff}\nSluice: ${ours.map((r) => r.op).join(", ")}\nkfp:    ${theirs.map((r) => r.op).join(", ")}`);
  assert(s.problems.length === 0 && k.problems.length === 0, `not as the swagger says:\n  Sluice side: ${s.problems.join("\n  ")}\n  kfp side: ${k.problems.join("\n  ")}`);
  return ours.length;
}
async function marks() {
  return { sluice: (await log(sluiceUrl)).requests.length, kfp: (await log(kfpUrl)).requests.length };
}

// The package the kfp side uploads is what `sluice compile` writes: the same bytes submit sends.
const out = join(work, "out");
mkdirSync(out, { recursive: true });
const compiled = sluice(["compile", "fixtures/params-and-defaults/pipeline.ts", "--target", "kubeflow", "-o", out, "--no-git"]);
if (compiled.code !== 0) throw new Error(compiled.out);
const schedule = sluice(["compile", "fixtures/schedule/pipeline.ts", "--target", "kubeflow", "-o", out, "--no-git"]);
if (schedule.code !== 0) throw new Error(schedule.out);
const pkg = join(out, "params-and-defaults.kubeflow.yaml");
const schedulePkg = join(out, "schedule.kubeflow.yaml");
const versionName = (file, name) => `${name}-${createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 12)}`;
const params = { epochs: 3, rate: 0.25, verbose: true, tags: ["a", "b"], config: { k: 1 } };
const paramFlags = ["--param", "epochs=3", "--param", "rate=0.25", "--param", "verbose=true", "--param", "tags=[\"a\",\"b\"]", "--param", "config={\"k\":1}"];

await check("the emulator's swagger check is not a no-op: an unknown body field is reported", async () => {
  await fetch(`${sluiceUrl}/apis/v2beta1/experiments`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify({ display_name: "x", colour: "red" }) });
  const { problems } = await log(sluiceUrl);
  assert(problems.some((p) => /colour/.test(p)), `no problem recorded: ${JSON.stringify(problems)}`);
  await reset();
});

let run;
await check("submit --wait (URL with /pipeline): pipeline uploaded, first version listed, experiment created, run with the typed params, polled to success; same requests as kfp.Client", async () => {
  const from = await marks();
  const r = sluice(["submit", "fixtures/params-and-defaults/pipeline.ts", "--target", "kubeflow", "--no-git", "--wait", ...paramFlags], { SLUICE_KFP_URL: `${sluiceUrl}/pipeline` });
  assert(r.code === 0, `exit ${r.code}: ${r.out}`);
  run = /run: (kubeflow:\S+)/.exec(r.stdout)?.[1];
  assert(run && /: Succeeded/.test(r.stdout), r.out);
  kfp([{ op: "submit", name: "params-and-defaults", package: pkg, experiment: "params-and-defaults", params }, { op: "wait", run: "$run" }]);
  const n = await agree(from, "first submit");
  assert(n === 9, `expected 9 requests (list, upload, versions, list, create, run, 3 polls), got ${n}`);
});

await check("a second submit uploads a new version (named by the package's hash) into the same pipeline and experiment; same requests as kfp.Client", async () => {
  const from = await marks();
  const r = sluice(["submit", "fixtures/params-and-defaults/pipeline.ts", "--target", "kubeflow", "--no-git", ...paramFlags]);
  assert(r.code === 0 && /created PipelineVersion params-and-defaults-[0-9a-f]{12}/.test(r.stdout) && /shared Experiment/.test(r.stdout), r.out);
  run = /run: (kubeflow:\S+)/.exec(r.stdout)?.[1];
  kfp([{ op: "submit", name: "params-and-defaults", package: pkg, experiment: "params-and-defaults", params, version_name: versionName(pkg, "params-and-defaults") }]);
  await agree(from, "second submit");
});

await check("cancel terminates; status goes Running (CANCELING) then Canceled, which is terminal; same requests as kfp.Client", async () => {
  const from = await marks();
  const c = sluice(["cancel", run]);
  assert(c.code === 0, c.out);
  const s1 = sluice(["status", run, "--format", "json"]);
  const s2 = sluice(["status", run, "--format", "json"]);
  assert(s1.json().status.phase === "Pending" || s1.json().status.phase === "Running", s1.out);
  assert(s2.json().status.phase === "Canceled" && s2.code === 1, s2.out);
  const id = run.slice("kubeflow:".length);
  kfp([{ op: "terminate", run: id }, { op: "get", run: id }, { op: "get", run: id }]);
  await agree(from, "cancel and status");
});

await check("a scheduled pipeline becomes a recurring run (six-field cron, max_concurrency, no_catchup, service account), and a second submit replaces it; same requests as kfp.Client", async () => {
  const from = await marks();
  const first = sluice(["submit", "fixtures/schedule/pipeline.ts", "--target", "kubeflow", "--no-git"]);
  assert(first.code === 0 && /created RecurringRun schedule/.test(first.stdout) && /no time zone/.test(first.stdout), first.out);
  const second = sluice(["submit", "fixtures/schedule/pipeline.ts", "--target", "kubeflow", "--no-git"]);
  assert(second.code === 0 && /applied RecurringRun schedule/.test(second.stdout), second.out);
  const common = { name: "schedule", package: schedulePkg, experiment: "schedule", description: "Refreshes features every weekday morning", cron: "0 30 6 * * 1-5", max_concurrency: 1, no_catchup: true, params: {}, service_account: "feature-bot" };
  kfp([{ op: "submit", ...common }, { op: "submit", ...common, version_name: versionName(schedulePkg, "schedule") }]);
  await agree(from, "schedule");
  const { requests } = await log(sluiceUrl);
  const created = requests.filter((q) => q.op === "RecurringRunService_CreateRecurringRun").at(-1);
  assert(created.body.trigger.cron_schedule.cron === "0 30 6 * * 1-5" && created.body.no_catchup === true && created.body.max_concurrency === 1, JSON.stringify(created.body));
});

await check("--dry-run writes nothing (KFP has no server dry run): health and lookups only; same requests as kfp.Client", async () => {
  await reset();
  const from = await marks();
  const r = sluice(["submit", "fixtures/params-and-defaults/pipeline.ts", "--target", "kubeflow", "--no-git", "--dry-run"]);
  assert(r.code === 0 && /no server dry run/.test(r.stdout), r.out);
  kfp([{ op: "health", name: "params-and-defaults", experiment: "params-and-defaults" }]);
  await agree(from, "dry run");
  const { requests } = await log(sluiceUrl);
  assert(requests.every((q) => q.method === "GET"), requests.map((q) => q.op).join(", "));
});

await check("submit --watch of a failing pipeline: exit 1, the failed task and its retry shown; logs say honestly that KFP's API serves none", async () => {
  const r = sluice(["submit", "conformance/submit-kubeflow/pipelines/fail.ts", "--target", "kubeflow", "--watch"]);
  assert(r.code === 1 && /: Failed/.test(r.stdout) && /failed: train-fails: the main container exited with status 3/.test(r.stdout), r.out);
  assert(/1 retry/.test(r.stdout) && /no log: the Kubeflow Pipelines API serves no logs/.test(r.stdout), r.out);
  const ref = /run: (kubeflow:\S+)/.exec(r.stdout)[1];
  const l = sluice(["logs", ref, "--task", "train-fails", "--format", "json"]);
  assert(l.code === 1 && /SLU9522/.test(l.out) && /train-fails-pod-1/.test(l.out), l.out);
});

await check("errors for people: 401 (bad token, SLU9512), 403 (read-only token, SLU9513), 404 (no such run, SLU9516; no API at that URL, SLU9514); no token ever printed", async () => {
  const bad = sluice(["submit", "fixtures/hello-container/pipeline.ts", "--target", "kubeflow", "--format", "json"], { KF_PIPELINES_TOKEN: "not-the-token-xyz" });
  assert(bad.code === 1 && /SLU9512/.test(bad.out) && !bad.out.includes("not-the-token-xyz"), bad.out);
  const reader = sluice(["submit", "fixtures/hello-container/pipeline.ts", "--target", "kubeflow", "--format", "json"], { KF_PIPELINES_TOKEN: readOnlyToken });
  assert(reader.code === 1 && /SLU9513/.test(reader.out) && /not authorized/.test(reader.out) && !reader.out.includes(readOnlyToken), reader.out);
  const missing = sluice(["status", "kubeflow:no-such-run", "--format", "json"]);
  assert(missing.code === 1 && /SLU9516/.test(missing.out), missing.out);
  const wrong = sluice(["status", "kubeflow:any", "--format", "json"], { SLUICE_KFP_URL: `${sluiceUrl}/not-kfp` });
  assert(wrong.code === 1 && /SLU9514/.test(wrong.out), wrong.out);
  for (const r of [bad, reader, missing, wrong]) assert(!r.out.includes(token), "the token was printed");
});

await check("params are checked against the IR before anything is sent (SLU9010, SLU9011): the emulator sees no request", async () => {
  const from = await marks();
  const unknown = sluice(["submit", "fixtures/params-and-defaults/pipeline.ts", "--target", "kubeflow", "--param", "epoch=3", "--format", "json"]);
  const wrong = sluice(["submit", "fixtures/params-and-defaults/pipeline.ts", "--target", "kubeflow", "--param", "epochs=three", "--format", "json"]);
  assert(unknown.code === 2 && /SLU9010/.test(unknown.out) && wrong.code === 2 && /SLU9011/.test(wrong.out), unknown.out + wrong.out);
  assert((await marks()).sluice === from.sluice, "a request was sent");
});

await check("neither emulator saw a request or gave an answer outside the swagger", async () => {
  const [s, k] = [await log(sluiceUrl), await log(kfpUrl)];
  assert(s.problems.length === 0 && k.problems.length === 0, [...s.problems, ...k.problems].join("\n"));
});

finish("submit-kubeflow");
