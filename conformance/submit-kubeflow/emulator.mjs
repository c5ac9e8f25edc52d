// A small Kubeflow Pipelines v2beta1 API server emulator, for the differential tests of Sluice's
// client against the kfp SDK's `Client` (a real KFP API server cannot run here: its Go module is
// refused by the proxy, and it needs MySQL, object storage and a cluster).
//
// It keeps pipelines, versions, experiments, runs and recurring runs in memory, answers as
// grpc-gateway does (snake_case JSON, `{code, message, details}` errors with the HTTP status of
// the gRPC code), and validates every request and every answer against the official swagger
// (swagger.mjs): each mismatch goes into `problems`, which a test must find empty. Every request
// is recorded (operation, method, path, query, body) so two clients' requests can be compared.
//
// Runs move one state per read: PENDING, RUNNING, then SUCCEEDED, or FAILED when a task's name
// ends in `fail` or `fails`; a terminated run goes CANCELING, then CANCELED. Ids are counters, so two clients doing the same things in the same
// order against two fresh emulators see the same ids.
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { checkRequest, checkResponse, loadSpec, route } from "./swagger.mjs";

// `yaml` is a dependency of @sluice/submit, not of the workspace root: resolved from there.
const { parseAllDocuments } = createRequire(new URL("../../packages/submit/package.json", import.meta.url))("yaml");

const GRPC = { invalid: [3, 400], notFound: [5, 404], exists: [6, 409], denied: [7, 403], unauthenticated: [16, 401] };
const PREFIX = "/apis/v2beta1";

class RpcError extends Error {
  constructor(kind, message) {
    super(message);
    [this.code, this.status] = GRPC[kind];
  }
}

/**
 * Starts the emulator on 127.0.0.1. `token`: the bearer token it accepts (none: no auth);
 * `readOnlyToken`: one that may only read (writes answer 403, as a multi-user KFP's RBAC does).
 */
export async function startEmulator({ token, readOnlyToken, port = 0 } = {}) {
  const spec = loadSpec();
  const emu = new Emulator();
  const requests = [];
  const problems = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      handle(req, Buffer.concat(chunks)).then(({ status, body, text }) => {
        res.writeHead(status, { "Content-Type": text ? "text/plain" : "application/json" });
        res.end(text ? body : JSON.stringify(body));
      });
    });
  });

  async function handle(req, raw) {
    const url = new URL(req.url, "http://127.0.0.1");
    // The API answers at the host and, behind the Kubeflow dashboard, under /pipeline.
    const path = url.pathname.replace(/^\/pipeline(?=\/apis\/)/, "");
    const query = Object.fromEntries(url.searchParams);
    // The test's own door (not KFP's): what was asked, what did not match the spec, a reset.
    if (path === "/_emulator/log") return { status: 200, body: { requests, problems } };
    if (path === "/_emulator/reset" && req.method === "POST") {
      requests.length = 0;
      problems.length = 0;
      emu.reset();
      return { status: 200, body: {} };
    }
    // Outside the API, answer as Go's mux (or a proxy) does: a plain 404, not a KFP error.
    if (!path.startsWith(`${PREFIX}/`)) return { status: 404, body: "404 page not found", text: true };
    const found = route(spec, req.method, path);
    const record = { op: found?.route.op.operationId ?? "unknown", method: req.method, path, query };
    requests.push(record);
    if (!found) {
      problems.push(`${req.method} ${path}: not an operation of the spec`);
      return { status: 404, body: { code: 5, message: "Not Found" } };
    }
    let body;
    let form;
    try {
      const type = req.headers["content-type"] ?? "";
      if (type.startsWith("multipart/form-data")) form = await new Response(raw, { headers: { "content-type": type } }).formData();
      else if (raw.length > 0) body = JSON.parse(raw.toString("utf8"));
    } catch (error) {
      problems.push(`${record.op}: unreadable body (${error.message})`);
      return { status: 400, body: { code: 3, message: `unreadable body: ${error.message}` } };
    }
    if (form) record.form = await describeForm(form);
    if (body !== undefined) record.body = body;
    for (const p of checkRequest(spec, found.route, query, body, form)) problems.push(`${record.op} request: ${p}`);
    let status = 200;
    let answer;
    try {
      const auth = req.headers.authorization;
      if (token && auth !== `Bearer ${token}` && !(readOnlyToken && auth === `Bearer ${readOnlyToken}`)) throw new RpcError("unauthenticated", "Unauthenticated: Request header error: there is no user identity header.");
      if (readOnlyToken && auth === `Bearer ${readOnlyToken}` && req.method !== "GET") {
        throw new RpcError("denied", `Failed to authorize with API: PermissionDenied: User 'reader@example.com' is not authorized with reason: access denied (request: ${record.op})`);
      }
      answer = emu.call(found.route.op.operationId, { ...found.params, ...query }, body, record.form);
    } catch (error) {
      if (!(error instanceof RpcError)) throw error;
      status = error.status;
      answer = { code: error.code, message: error.message, details: [] };
    }
    record.status = status;
    for (const p of checkResponse(spec, found.route, status, answer)) problems.push(`${record.op} ${p}`);
    return { status, body: answer };
  }

  await new Promise((done) => server.listen(port, "127.0.0.1", done));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    problems,
    emulator: emu,
    close: () => new Promise((done) => server.close(done)),
  };
}

/** The multipart form as recorded: field names, file names and the YAML documents of each file. */
async function describeForm(form) {
  const out = {};
  for (const [key, value] of form.entries()) {
    const text = typeof value === "string" ? value : await value.text();
    out[key] = { filename: typeof value === "string" ? undefined : value.name, documents: parseAllDocuments(text).map((d) => d.toJS()) };
  }
  return out;
}

const TIME = "2026-01-01T00:00:00Z";

class Emulator {
  constructor() {
    this.reset();
  }

  reset() {
    this.counter = 0;
    this.pipelines = new Map();
    this.versions = new Map();
    this.experiments = new Map();
    this.runs = new Map();
    this.recurring = new Map();
  }

  id(kind) {
    this.counter++;
    return `${kind}-0000-4000-8000-${String(this.counter).padStart(12, "0")}`;
  }

  /** One operation of the spec, by operationId; q holds the path and query params. */
  call(op, q, body, form) {
    switch (op) {
      case "HealthzService_GetHealthz":
        return { multi_user: false, pipeline_store: "database" };
      case "UploadPipeline":
        return this.upload(q, form);
      case "UploadPipelineVersion":
        return this.uploadVersion(q, form);
      case "PipelineService_ListPipelines":
        return { pipelines: page(matching([...this.pipelines.values()], q.filter), q), total_size: matching([...this.pipelines.values()], q.filter).length };
      case "PipelineService_ListPipelineVersions": {
        const all = matching([...this.versions.values()].filter((v) => v.pipeline_id === q.pipeline_id), q.filter);
        const sorted = q.sort_by === "created_at desc" ? [...all].reverse() : all;
        return { pipeline_versions: page(sorted, q), total_size: all.length };
      }
      case "ExperimentService_ListExperiments": {
        const all = matching([...this.experiments.values()].filter((e) => !q.namespace || e.namespace === q.namespace), q.filter);
        return { experiments: page(all, q), total_size: all.length };
      }
      case "ExperimentService_CreateExperiment":
        return this.createExperiment(body);
      case "ExperimentService_GetExperiment":
        return this.must(this.experiments, q.experiment_id, "experiment");
      case "RunService_CreateRun":
        return this.createRun(body);
      case "RunService_GetRun":
        return this.readRun(q.run_id);
      case "RunService_TerminateRun": {
        const run = this.must(this.runs, q.run_id, "run");
        if (!["SUCCEEDED", "FAILED", "CANCELED", "SKIPPED"].includes(run.state)) run.state = "CANCELING";
        return {};
      }
      case "RecurringRunService_CreateRecurringRun":
        return this.createRecurring(body);
      case "RecurringRunService_ListRecurringRuns": {
        const all = matching([...this.recurring.values()].filter((r) => !q.experiment_id || r.experiment_id === q.experiment_id), q.filter);
        return { recurringRuns: page(all, q), total_size: all.length };
      }
      case "RecurringRunService_DeleteRecurringRun":
        this.must(this.recurring, q.recurring_run_id, "recurring run");
        this.recurring.delete(q.recurring_run_id);
        return {};
      default:
        throw new RpcError("notFound", `the emulator does not implement ${op}`);
    }
  }

  must(map, id, what) {
    const found = map.get(id);
    if (!found) throw new RpcError("notFound", `Failed to get ${what}: ResourceNotFoundError: ${what} ${id} not found`);
    return found;
  }

  specOf(form) {
    const docs = form?.uploadfile?.documents ?? [];
    if (!docs[0]?.pipelineInfo?.name || !docs[0]?.root) throw new RpcError("invalid", "Failed to upload a pipeline: InvalidInputError: the file is not a pipeline spec (no pipelineInfo.name or root)");
    if (docs.length > 2 || (docs[1] && !docs[1].platforms)) throw new RpcError("invalid", "Failed to upload a pipeline: InvalidInputError: a second document must be a PlatformSpec");
    return docs.length === 2 ? { pipeline_spec: docs[0], platform_spec: docs[1] } : docs[0];
  }

  upload(q, form) {
    const spec = this.specOf(form);
    const name = q.name ?? form.uploadfile.filename;
    if ([...this.pipelines.values()].some((p) => p.name === name && (p.namespace ?? "") === (q.namespace ?? ""))) {
      throw new RpcError("exists", `Failed to create a pipeline and a pipeline version: AlreadyExistsError: pipeline with name ${name} already exists`);
    }
    const pipeline = { pipeline_id: this.id("p"), name, display_name: q.display_name ?? name, created_at: TIME, ...(q.description ? { description: q.description } : {}), ...(q.namespace ? { namespace: q.namespace } : {}) };
    this.pipelines.set(pipeline.pipeline_id, pipeline);
    this.addVersion(pipeline.pipeline_id, name, q.description, spec);
    return pipeline;
  }

  uploadVersion(q, form) {
    const spec = this.specOf(form);
    if (!q.pipelineid) throw new RpcError("invalid", "Failed to upload a pipeline version: InvalidInputError: pipeline id is required");
    this.must(this.pipelines, q.pipelineid, "pipeline");
    const name = q.name ?? form.uploadfile.filename;
    if ([...this.versions.values()].some((v) => v.pipeline_id === q.pipelineid && v.name === name)) {
      throw new RpcError("exists", `Failed to create a pipeline version: AlreadyExistsError: the pipeline version name ${name} already exists`);
    }
    return (this.addVersion(q.pipelineid, name, q.description, spec));
  }

  addVersion(pipelineId, name, description, spec) {
    const version = { pipeline_id: pipelineId, pipeline_version_id: this.id("v"), name, display_name: name, created_at: TIME, pipeline_spec: spec, ...(description ? { description } : {}) };
    this.versions.set(version.pipeline_version_id, version);
    return version;
  }

  createExperiment(body) {
    if (!body?.display_name) throw new RpcError("invalid", "Invalid input error: Experiment name is empty. Please specify a valid experiment name.");
    if ([...this.experiments.values()].some((e) => e.display_name === body.display_name && (e.namespace ?? "") === (body.namespace ?? ""))) {
      throw new RpcError("exists", `Failed to create a new experiment: AlreadyExistsError: experiment ${body.display_name} already exists`);
    }
    const experiment = { experiment_id: this.id("e"), display_name: body.display_name, created_at: TIME, storage_state: "AVAILABLE", ...(body.description ? { description: body.description } : {}), ...(body.namespace ? { namespace: body.namespace } : {}) };
    this.experiments.set(experiment.experiment_id, experiment);
    return experiment;
  }

  /** The spec a run or recurring run refers to, and its runtime params checked as KFP does. */
  resolve(body, what) {
    if (!body?.display_name) throw new RpcError("invalid", `Failed to create a ${what}: InvalidInputError: ${what} name is required`);
    const ref = body.pipeline_version_reference;
    if (!ref?.pipeline_id && !body.pipeline_spec) throw new RpcError("invalid", `Failed to create a ${what}: InvalidInputError: a pipeline spec or a pipeline version reference is required`);
    if (body.experiment_id) this.must(this.experiments, body.experiment_id, "experiment");
    let spec = body.pipeline_spec;
    if (ref?.pipeline_id) {
      this.must(this.pipelines, ref.pipeline_id, "pipeline");
      const version = ref.pipeline_version_id ? this.must(this.versions, ref.pipeline_version_id, "pipeline version") : undefined;
      spec = version?.pipeline_spec ?? [...this.versions.values()].filter((v) => v.pipeline_id === ref.pipeline_id).at(-1)?.pipeline_spec;
    }
    const pipelineSpec = spec?.pipeline_spec ?? spec;
    const declared = pipelineSpec?.root?.inputDefinitions?.parameters ?? {};
    for (const name of Object.keys(body.runtime_config?.parameters ?? {})) {
      if (!(name in declared)) throw new RpcError("invalid", `Failed to create a ${what}: InvalidInputError: unrecognized input parameter: ${name}`);
    }
    return pipelineSpec;
  }

  createRun(body) {
    const spec = this.resolve(body, "run");
    const run = { ...body, run_id: this.id("r"), storage_state: "AVAILABLE", created_at: TIME, scheduled_at: TIME, state: "PENDING", tasks: Object.keys(spec?.root?.dag?.tasks ?? {}) };
    this.runs.set(run.run_id, run);
    return publicRun(run);
  }

  /** Each read moves the run on by one state (see the header). */
  readRun(id) {
    const run = this.must(this.runs, id, "run");
    const view = publicRun(run);
    const fails = run.tasks.some((t) => /fails?$/.test(t));
    const next = { PENDING: "RUNNING", RUNNING: fails ? "FAILED" : "SUCCEEDED", CANCELING: "CANCELED" }[run.state];
    if (next) run.state = next;
    return view;
  }

  createRecurring(body) {
    this.resolve(body, "recurring run");
    const cron = body.trigger?.cron_schedule?.cron;
    if (!cron && !body.trigger?.periodic_schedule) throw new RpcError("invalid", "Failed to create a recurring run: InvalidInputError: a trigger is required");
    if (cron && cron.trim().split(/\s+/).length !== 6 && !cron.startsWith("@")) throw new RpcError("invalid", `Failed to create a recurring run: InvalidInputError: invalid cron schedule format: ${cron}`);
    const max = Number(body.max_concurrency ?? 1);
    if (!(max >= 1 && max <= 10)) throw new RpcError("invalid", "Failed to create a recurring run: InvalidInputError: max concurrency of a recurring run must be between 1 and 10");
    const recurring = { ...body, recurring_run_id: this.id("rr"), created_at: TIME, updated_at: TIME, status: body.mode === "DISABLE" ? "DISABLED" : "ENABLED" };
    this.recurring.set(recurring.recurring_run_id, recurring);
    return recurring;
  }
}

function publicRun(run) {
  const { tasks, ...rest } = run;
  const started = run.state !== "PENDING";
  const done = ["SUCCEEDED", "FAILED", "CANCELED"].includes(run.state);
  const task_details = !started
    ? []
    : tasks.map((name, i) => {
        const failed = run.state === "FAILED" && /fails?$/.test(name);
        const state = run.state === "RUNNING" || run.state === "CANCELING" ? "RUNNING" : run.state === "CANCELED" ? "CANCELED" : failed ? "FAILED" : "SUCCEEDED";
        return {
          run_id: run.run_id,
          task_id: `${run.run_id}-t${i}`,
          display_name: name,
          create_time: TIME,
          start_time: TIME,
          ...(state === "RUNNING" ? {} : { end_time: "2026-01-01T00:01:00Z" }),
          state,
          executor_detail: { main_job: `${name}-pod-${i}`, ...(failed ? { failed_main_jobs: [`${name}-pod-${i}-attempt-1`] } : {}) },
          ...(failed ? { error: { code: 2, message: "the main container exited with status 3", details: [] } } : {}),
        };
      });
  return {
    ...rest,
    ...(done ? { finished_at: "2026-01-01T00:01:00Z" } : {}),
    ...(run.state === "FAILED" ? { error: { code: 2, message: "a task failed", details: [] } } : {}),
    run_details: { task_details },
  };
}

/** The `display_name`/`name` EQUALS predicates of a filter, as the SDK writes them (operation 1 or "EQUALS"). */
function matching(items, filter) {
  if (!filter) return items;
  let parsed;
  try {
    parsed = JSON.parse(filter);
  } catch {
    throw new RpcError("invalid", `Invalid input error: failed to parse the filter: ${filter}`);
  }
  return items.filter((item) =>
    (parsed.predicates ?? []).every((p) => {
      if (p.operation !== 1 && p.operation !== "EQUALS") throw new RpcError("invalid", `the emulator supports only EQUALS filters, not ${p.operation}`);
      return item[p.key] === (p.stringValue ?? p.string_value);
    }),
  );
}

function page(items, q) {
  const size = q.page_size ? Number(q.page_size) : 20;
  return items.slice(0, size);
}
