// The submit conformance checks, against the real API server, Argo controller and kwok node that
// conformance/cluster/cluster.sh started. Usage: node checks.mjs CLUSTER_DIR
// Prints PASS/FAIL per check and ends with "N passed, N failed, N skipped". Exit 0 all passed.
// Scale-out custom resources (the engines' CRDs installed by cluster.sh) are checked by scale-out.mjs.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { assert, check, finish } from "../lib/checks.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = process.argv[2];
const load = (p) => import(pathToFileURL(join(root, p)).href);
const k8s = await load("packages/submit/node_modules/@kubernetes/client-node/dist/index.js");
const { parse, parseAllDocuments } = await load("packages/submit/node_modules/yaml/dist/index.js");
const { ArgoClient, readArgoManifests, withParams } = await load("packages/submit/dist/argo/index.js");
const { SubmitError } = await load("packages/submit/dist/index.js");

const kubeconfigs = { admin: join(dir, "admin.kubeconfig"), alice: join(dir, "alice.kubeconfig"), bob: join(dir, "bob.kubeconfig"), nobody: join(dir, "nobody.kubeconfig") };
const adminKc = new k8s.KubeConfig();
adminKc.loadFromFile(kubeconfigs.admin);
const custom = adminKc.makeApiClient(k8s.CustomObjectsApi);
const core = adminKc.makeApiClient(k8s.CoreV1Api);
const crdApi = adminKc.makeApiClient(k8s.ApiextensionsV1Api);
const argo = { group: "argoproj.io", version: "v1alpha1" };
const plurals = { Workflow: "workflows", WorkflowTemplate: "workflowtemplates", CronWorkflow: "cronworkflows" };

/** JSON with object keys sorted: the server returns maps in its own key order. */
function canonical(value) {
  return JSON.stringify(value, (_k, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}
function equal(actual, expected, what) {
  const a = canonical(actual), e = canonical(expected);
  if (a !== e) throw new Error(`${what}: expected ${e.slice(0, 400)}\n       got ${a.slice(0, 400)}`);
}

/** The CLI as a user runs it, with one identity's kubeconfig. */
function sluice(args, who = "alice") {
  const r = spawnSync(process.execPath, [join(root, "packages/cli/dist/bin.js"), ...args], { cwd: root, encoding: "utf8", env: { ...process.env, KUBECONFIG: kubeconfigs[who], NO_COLOR: "1", HOME: dir }, timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}
function codes(result) {
  return result.json().diagnostics.map((d) => d.code);
}
const listWorkflows = async (namespace) => (await custom.listNamespacedCustomObject({ ...argo, namespace, plural: "workflows" })).items;

// --- 1. every fixture's Argo output: accepted by the server's strict validation, read back equal ---
const goldens = ["fixtures", "examples"].flatMap((top) =>
  readdirSync(join(root, top), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, top, d.name, "expected")))
    .flatMap((d) => readdirSync(join(root, top, d.name, "expected")).filter((f) => f.endsWith(".argo.yaml")).map((f) => join(top, d.name, "expected", f))),
).sort();
const admin = new ArgoClient({ kubeconfig: kubeconfigs.admin, namespace: "sluice-fixtures" }, {});
for (const golden of goldens) {
  await check(`fixture accepted and read back equal: ${golden}`, async () => {
    const irFile = golden.replace(/\.argo\.yaml$/, ".ir.yaml");
    const ir = existsSync(join(root, irFile)) ? parse(readFileSync(join(root, irFile), "utf8")) : undefined;
    const files = [{ path: golden, contents: readFileSync(join(root, golden), "utf8") }];
    const { main, configMaps } = readArgoManifests(files);
    // The controller looks an image's entrypoint up in its registry when a template has no
    // command, which cannot work here (and is slow anywhere): the compiler always sets one.
    const spec = main.kind === "CronWorkflow" ? main.spec.workflowSpec : main.spec;
    for (const t of spec.templates) {
      const c = t.container ?? t.script;
      if (c) assert(Array.isArray(c.command) && c.command.length > 0, `template ${t.name} has no command`);
    }
    const result = await admin.submit({ ir, files }, {}, {});
    const name = result.objects[0].name.split("/")[1];
    const back = await custom.getNamespacedCustomObject({ ...argo, namespace: "sluice-fixtures", plural: plurals[main.kind], name });
    const sent = withParams(main, {});
    equal(back.spec, sent.spec, "spec");
    equal(back.metadata.labels ?? {}, sent.metadata.labels ?? {}, "labels");
    for (const [key, value] of Object.entries(sent.metadata.annotations ?? {})) equal(back.metadata.annotations?.[key], value, `annotation ${key}`);
    for (const cm of configMaps) {
      const got = await core.readNamespacedConfigMap({ namespace: "sluice-fixtures", name: cm.metadata.name });
      equal(got.data, cm.data, `ConfigMap ${cm.metadata.name} data`);
      assert(got.metadata.ownerReferences?.some((o) => o.uid === back.metadata.uid && o.kind === main.kind), `ConfigMap ${cm.metadata.name} is not owned by ${main.kind} ${name}`);
    }
  });
}

// --- 1b. scale-out custom resources: the server's own schema validation of every one Sluice makes ---
const { scaleOutChecks } = await import("./scale-out.mjs");
await scaleOutChecks({ root, custom, check, assert });

await check("Argo's controller takes the scale-out workflow (resource templates) without an invalid-spec error", async () => {
  const golden = "fixtures/scale-out-steps/expected/scale-out-steps.argo.yaml";
  const client = new ArgoClient({ kubeconfig: kubeconfigs.admin, namespace: "sluice-test" }, {});
  const result = await client.submit({ ir: undefined, files: [{ path: golden, contents: readFileSync(join(root, golden), "utf8") }] }, {}, {});
  const name = result.objects[0].name.split("/")[1];
  let wf;
  // The controller writes `invalid spec` into the status (a 201 does not mean Argo accepted it); a
  // started node of the first resource template shows that it did.
  for (let i = 0; i < 120; i++) {
    wf = await custom.getNamespacedCustomObject({ ...argo, namespace: "sluice-test", plural: "workflows", name });
    if (wf.status?.phase && (wf.status.phase !== "Running" || Object.values(wf.status.nodes ?? {}).some((n) => n.templateName === "features"))) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  assert(!/invalid/i.test(wf.status?.message ?? ""), `status message: ${wf.status?.message}`);
  assert(Object.values(wf.status?.nodes ?? {}).some((n) => n.templateName === "features" && n.type === "Pod"), `no node of the resource template "features" was started (phase ${wf.status?.phase}, message ${wf.status?.message})`);
  await custom.deleteNamespacedCustomObject({ ...argo, namespace: "sluice-test", plural: "workflows", name });
});

// --- 2. the CLI: dry run, params, templates applied twice ---
await check("submit --dry-run is the server's dry run: checked, nothing kept", async () => {
  const before = (await listWorkflows("sluice-test")).length;
  const r = sluice(["submit", "fixtures/hello-container/pipeline.ts", "--target", "argo", "--dry-run", "-n", "sluice-test"]);
  equal(r.code, 0, `exit code (stderr: ${r.stderr})`);
  assert(/checked \(server dry run\) Workflow sluice-test\/hello-container-/.test(r.stdout), `stdout: ${r.stdout}`);
  equal((await listWorkflows("sluice-test")).length, before, "workflows in sluice-test after a dry run");
});

await check("--param values reach the Workflow's arguments; a wrong one is refused before sending (SLU9011, exit 2)", async () => {
  const r = sluice(["submit", "fixtures/params-and-defaults/pipeline.ts", "--target", "argo", "-n", "sluice-fixtures", "--param", "epochs=3", "--param", "mode=fast", "--format", "json"], "admin");
  equal(r.code, 0, `exit code (${r.stdout}${r.stderr})`);
  const name = r.json().run.split("/")[1];
  const wf = await custom.getNamespacedCustomObject({ ...argo, namespace: "sluice-fixtures", plural: "workflows", name });
  const args = Object.fromEntries(wf.spec.arguments.parameters.map((p) => [p.name, p.value]));
  equal([args.epochs, args.mode, args.rate], ["3", "fast", "0.5"], "arguments");
  const before = (await listWorkflows("sluice-fixtures")).length;
  const bad = sluice(["submit", "fixtures/params-and-defaults/pipeline.ts", "--target", "argo", "-n", "sluice-fixtures", "--param", "epochs=many", "--format", "json"], "admin");
  equal([bad.code, codes(bad)], [2, ["SLU9011"]], "exit code and codes");
  equal((await listWorkflows("sluice-fixtures")).length, before, "workflows after a refused param");
});

await check("a WorkflowTemplate is applied server-side (field manager sluice) and a second submit updates it", async () => {
  const args = ["submit", "fixtures/hello-container/pipeline.ts", "--target", "argo", "-n", "sluice-test", "--argo-kind", "template"];
  const first = sluice(args), second = sluice(args);
  equal([first.code, second.code], [0, 0], `exit codes (${first.stderr}${second.stderr})`);
  assert(/applied WorkflowTemplate sluice-test\/hello-container/.test(second.stdout), second.stdout);
  const t = await custom.getNamespacedCustomObject({ ...argo, namespace: "sluice-test", plural: "workflowtemplates", name: "hello-container" });
  assert(t.metadata.managedFields.some((m) => m.manager === "sluice" && m.operation === "Apply"), "no Apply entry of manager sluice");
  const watch = sluice([...args, "--watch", "--format", "json"]);
  equal([watch.code, codes(watch)], [2, ["SLU9508"]], "a template cannot be watched");
});

await check("measured: submit --dry-run of a 100-step pipeline, wall time of the whole CLI run (reported, not asserted)", async () => {
  const { writePipeline } = await load("bench/generate.mjs");
  const file = writePipeline(dir, "chain", 100);
  const t0 = process.hrtime.bigint();
  const r = sluice(["submit", file, "--target", "argo", "--dry-run", "-n", "sluice-test"]);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  equal(r.code, 0, `exit code (${r.stdout}${r.stderr})`);
  console.log(`MEASURE submit --dry-run, 100-step chain: ${Math.round(ms)} ms wall (compile + server dry run, machine load ${(await import("node:os")).loadavg()[0].toFixed(1)})`);
});

// --- 3. errors a person can act on, with the server's real answers ---
await check("401: an unknown token (SLU9512)", async () => {
  const r = sluice(["submit", "fixtures/hello-container/pipeline.ts", "--target", "argo", "--format", "json"], "nobody");
  equal([r.code, codes(r)], [1, ["SLU9512"]], "exit code and codes");
  assert(/did not accept the credentials of kubeconfig user "nobody"/.test(r.json().diagnostics[0].message), r.stdout);
  const token = /token: "([^"]+)"/.exec(readFileSync(kubeconfigs.nobody, "utf8"))[1];
  assert(!r.stdout.includes(token) && !r.stderr.includes(token), "the token was printed");
});

await check("403: RBAC refuses bob, and the message says who and what (SLU9513)", async () => {
  const r = sluice(["submit", "fixtures/hello-container/pipeline.ts", "--target", "argo", "--format", "json"], "bob");
  equal([r.code, codes(r)], [1, ["SLU9513"]], "exit code and codes");
  const d = r.json().diagnostics[0];
  assert(/User "bob" cannot create resource "workflows" in API group "argoproj.io" in the namespace "sluice-test"/.test(d.message), d.message);
  assert(/Role in "sluice-test"/.test(d.hint), d.hint);
});

await check("404: a namespace that does not exist (SLU9515)", async () => {
  const r = sluice(["submit", "fixtures/hello-container/pipeline.ts", "--target", "argo", "-n", "no-such-namespace", "--format", "json"], "admin");
  equal([r.code, codes(r)], [1, ["SLU9515"]], `exit code and codes (${r.stdout})`);
});

await check("409: a field another manager took over, until --force-conflicts (SLU9517)", async () => {
  const body = { apiVersion: "argoproj.io/v1alpha1", kind: "WorkflowTemplate", metadata: { name: "hello-container", namespace: "sluice-test" }, spec: { entrypoint: "hello" } };
  await custom.patchNamespacedCustomObject({ ...argo, namespace: "sluice-test", plural: "workflowtemplates", name: "hello-container", body, fieldManager: "someone-else", force: true }, k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.ServerSideApply));
  const args = ["submit", "fixtures/hello-container/pipeline.ts", "--target", "argo", "-n", "sluice-test", "--argo-kind", "template", "--format", "json"];
  const r = sluice(args);
  equal([r.code, codes(r)], [1, ["SLU9517"]], `exit code and codes (${r.stdout})`);
  assert(/someone-else/.test(r.json().diagnostics[0].message) && /--force-conflicts/.test(r.json().diagnostics[0].hint), r.stdout);
  const forced = sluice([...args, "--force-conflicts"]);
  equal(forced.code, 0, `exit code with --force-conflicts (${forced.stdout})`);
});

await check("409: a ConfigMap of that name with other contents is refused before anything is created (SLU9517)", async () => {
  const golden = "fixtures/argo-hostile-strings/expected/argo-hostile-strings.argo.yaml";
  const files = [{ path: golden, contents: readFileSync(join(root, golden), "utf8") }];
  const cm = readArgoManifests(files).configMaps[0];
  await core.createNamespacedConfigMap({ namespace: "sluice-test", body: { metadata: { name: cm.metadata.name }, data: { other: "x" } } });
  const before = (await listWorkflows("sluice-test")).length;
  const r = sluice(["submit", "fixtures/argo-hostile-strings/pipeline.ts", "--target", "argo", "-n", "sluice-test", "--format", "json"]);
  equal([r.code, codes(r)], [1, ["SLU9517"]], `exit code and codes (${r.stdout})`);
  equal((await listWorkflows("sluice-test")).length, before, "workflows after the refusal");
});

await check("422: a field the CRD schema refuses, mapped back to the step's source span (SLU9518)", async () => {
  const golden = "fixtures/hello-container/expected/hello-container.argo.yaml";
  const ir = parse(readFileSync(join(root, "fixtures/hello-container/expected/hello-container.ir.yaml"), "utf8"));
  const docs = parseAllDocuments(readFileSync(join(root, golden), "utf8")).map((d) => d.toJS());
  const index = docs[0].spec.templates.findIndex((t) => t.name === "hello");
  docs[0].spec.templates[index].parallelism = "many"; // tampered on purpose: an integer field
  const client = new ArgoClient({ kubeconfig: kubeconfigs.alice, namespace: "sluice-test" }, {});
  try {
    await client.submit({ ir, files: [{ path: golden, contents: JSON.stringify(docs[0]) }] }, {}, {});
    throw new Error("the server accepted a string parallelism");
  } catch (error) {
    assert(error instanceof SubmitError, String(error));
    equal(error.code, "SLU9518", "code");
    const related = error.related[0];
    assert(related && related.message.startsWith(`spec.templates[${index}].parallelism`), JSON.stringify(error.related));
    const component = ir.spec.components.find((c) => c.name === "hello");
    equal(`${related.span.file}:${related.span.line}:${related.span.column}`, component.span, "span");
  }
});

await check("400: strict field validation refuses an unknown field (SLU9519)", async () => {
  const golden = "fixtures/hello-container/expected/hello-container.argo.yaml";
  const doc = parseAllDocuments(readFileSync(join(root, golden), "utf8"))[0].toJS();
  doc.spec.notAField = true;
  const client = new ArgoClient({ kubeconfig: kubeconfigs.alice, namespace: "sluice-test" }, {});
  try {
    await client.submit({ ir: undefined, files: [{ path: golden, contents: JSON.stringify(doc) }] }, {}, {});
    throw new Error("the server accepted an unknown field");
  } catch (error) {
    assert(error instanceof SubmitError, String(error));
    equal(error.code, "SLU9519", "code");
    assert(/notAField/.test(error.message), error.message);
  }
});

// --- 4. runs by the real controller on kwok's node ---
let succeededRun, failedRun;
await check("submit --watch follows a run to Succeeded (exit 0), output params passed by the task-result stand-in", async () => {
  const r = sluice(["submit", "fixtures/data-passing-params/pipeline.ts", "--target", "argo", "-n", "sluice-test", "--watch"]);
  equal(r.code, 0, `exit code (stdout: ${r.stdout}\nstderr: ${r.stderr})`);
  succeededRun = /run: (argo:\S+)/.exec(r.stdout)?.[1];
  assert(succeededRun, r.stdout);
  assert(new RegExp(`${succeededRun}: Succeeded`).test(r.stdout), r.stdout);
  assert(/ Running/.test(r.stderr) && / Succeeded/.test(r.stderr), `live states on stderr: ${r.stderr}`);
});

await check("submit --watch follows a failing run to Failed (exit 1), showing the failing node", async () => {
  const r = sluice(["submit", "conformance/submit-argo/pipelines/fail.ts", "--target", "argo", "-n", "sluice-test", "--watch"]);
  equal(r.code, 1, `exit code (stdout: ${r.stdout}\nstderr: ${r.stderr})`);
  failedRun = /run: (argo:\S+)/.exec(r.stdout)?.[1];
  assert(new RegExp(`${failedRun}: Failed`).test(r.stdout), r.stdout);
  assert(/failed: train: /.test(r.stdout), `no failing node in: ${r.stdout}`);
  assert(!/ report (Running|Succeeded)/.test(r.stderr), "report ran after train failed");
});

await check("sluice status: exit 0 for the succeeded run, 1 for the failed one, tasks listed", async () => {
  const ok = sluice(["status", succeededRun]), bad = sluice(["status", failedRun, "--format", "json"]);
  equal([ok.code, bad.code], [0, 1], "exit codes");
  equal(bad.json().status.tasks.find((t) => t.name === "train")?.phase, "Failed", "train's phase");
});

await check("sluice logs: the step pods' main logs, per task", async () => {
  const r = sluice(["logs", succeededRun]);
  equal(r.code, 0, `exit code (${r.stdout}${r.stderr})`);
  assert(/^\[\S+\] sluice test log line 1$/m.test(r.stdout), r.stdout);
  const missing = sluice(["logs", succeededRun, "--task", "no-such-task", "--format", "json"]);
  equal([missing.code, codes(missing)], [1, ["SLU9521"]], "an unknown task");
});

await check("sluice cancel stops a running workflow; status reports Canceled", async () => {
  const r = sluice(["submit", "conformance/submit-argo/pipelines/hold.ts", "--target", "argo", "-n", "sluice-test", "--format", "json"]);
  equal(r.code, 0, r.stdout + r.stderr);
  const run = r.json().run;
  const c = sluice(["cancel", run]);
  equal(c.code, 0, c.stdout + c.stderr);
  const client = new ArgoClient({ kubeconfig: kubeconfigs.alice }, {});
  const { parseRunRef } = await load("packages/submit/dist/index.js");
  const final = await client.watch(parseRunRef(run), () => {});
  equal(final.phase, "Canceled", "phase");
});

await check("a run reference that is not one is a usage error (SLU9506)", async () => {
  const r = sluice(["status", "sluice-test/x", "--format", "json"]);
  equal([r.code, codes(r)], [2, ["SLU9506"]], "exit code and codes");
});

// --- 5. last, since it removes a kind: the CRDs being deleted, then missing ---
// A CronWorkflow with a finalizer holds its CRD in Terminating until the finalizer is removed, so
// the uninstall-in-progress answer (403 "terminating") can be seen on purpose rather than by race.
const held = { apiVersion: "argoproj.io/v1alpha1", kind: "CronWorkflow", metadata: { name: "held", finalizers: ["sluice.test/hold"] }, spec: { schedules: ["0 0 1 1 *"], suspend: true, workflowSpec: { entrypoint: "x", templates: [{ name: "x", container: { image: "alpine:3.20" } }] } } };
await check("403 while the CronWorkflow CRD is terminating: reported as an uninstall, not as RBAC (SLU9514)", async () => {
  await custom.createNamespacedCustomObject({ ...argo, namespace: "sluice-test", plural: "cronworkflows", body: held });
  await crdApi.deleteCustomResourceDefinition({ name: "cronworkflows.argoproj.io" });
  let terminating = false;
  for (let i = 0; i < 240 && !terminating; i++) {
    terminating = await custom
      .createNamespacedCustomObject({ ...argo, namespace: "sluice-test", plural: "cronworkflows", body: { ...held, metadata: { name: "probe" } }, dryRun: "All" })
      .then(() => false, (e) => e?.code === 403 && /terminating/.test(String(e.body)));
    if (!terminating) await new Promise((r) => setTimeout(r, 250));
  }
  assert(terminating, "the API server never refused a create as terminating");
  const r = sluice(["submit", "fixtures/schedule/pipeline.ts", "--target", "argo", "-n", "sluice-test", "--format", "json"]);
  equal([r.code, codes(r)], [1, ["SLU9514"]], `exit code and codes (${r.stdout})`);
  assert(/being uninstalled/.test(r.stdout) && !/Role/.test(r.stdout), r.stdout);
});

await check("404 for the kind: the CronWorkflow CRD is not installed (SLU9514)", async () => {
  // Let go of the CRD the previous check held (and delete it, in case that check failed early).
  await custom.patchNamespacedCustomObject({ ...argo, namespace: "sluice-test", plural: "cronworkflows", name: "held", body: { metadata: { finalizers: null } } }, k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch)).catch(() => {});
  await crdApi.deleteCustomResourceDefinition({ name: "cronworkflows.argoproj.io" }).catch((e) => { if (e?.code !== 404) throw e; });
  // The CRD object can read as gone while the API server's handler for the kind still holds it as
  // terminating (it answers 403 then, which the client reports as an uninstall in progress). Wait
  // until the handler itself answers 404, so this check sees the not-installed case every time.
  let gone = false;
  for (let i = 0; i < 240 && !gone; i++) {
    gone = await custom
      .listNamespacedCustomObject({ group: "argoproj.io", version: "v1alpha1", namespace: "sluice-test", plural: "cronworkflows" })
      .then(() => false, (e) => e?.code === 404);
    if (!gone) await new Promise((r) => setTimeout(r, 250));
  }
  assert(gone, "the API server still serves cronworkflows 60 s after the CRD was deleted");
  const r = sluice(["submit", "fixtures/schedule/pipeline.ts", "--target", "argo", "-n", "sluice-test", "--format", "json"]);
  equal([r.code, codes(r)], [1, ["SLU9514"]], `exit code and codes (${r.stdout})`);
  assert(/Argo Workflows CRDs are not installed/.test(r.stdout), r.stdout);
});

finish("submit-argo");
