import { createHash } from "node:crypto";
import { basename } from "node:path";
import { parseAllDocuments } from "yaml";
import type { JsonValue } from "@sluice/core/backend";
import type { LogsOptions, RunStatus, SubmitClient, SubmitInput, SubmitOptions, SubmitResult } from "../client.js";
import { pollUntilDone } from "../poll.js";
import { SUBMIT_CODES, SubmitError } from "../errors.js";
import type { RunRef } from "../run-ref.js";
import { KfpHttp, query, type KubeflowConnection, type UploadFile } from "./http.js";
import { KfpLookups } from "./lookups.js";
import { buildTrigger } from "./schedule.js";
import { runStatus, type KfpRun } from "./status.js";

type SubmittedObject = SubmitResult["objects"][number];

export interface KubeflowTiming {
  pollMs: number;
}

/**
 * Kubeflow Pipelines through its v2beta1 REST API, as the kfp SDK's `Client` does it: the compiled
 * package (both YAML documents, when the platform spec is there) is uploaded as a pipeline the
 * first time and as a new version after; the experiment is found by name or created; then a run
 * (or, for a scheduled pipeline, a recurring run) is created from that version with the params as
 * runtime parameters. KFP has no watch API: `watch` polls the run.
 */
export class KubeflowClient implements SubmitClient {
  private readonly http: KfpHttp;
  private readonly find: KfpLookups;

  constructor(
    private readonly conn: KubeflowConnection,
    private readonly timing: KubeflowTiming = { pollMs: 2000 },
  ) {
    this.http = new KfpHttp(conn);
    this.find = new KfpLookups(this.http, conn.namespace);
  }

  async submit(input: SubmitInput, params: Readonly<Record<string, JsonValue>>, opts: SubmitOptions): Promise<SubmitResult> {
    const file = input.files.find((f) => f.path.endsWith(".yaml"));
    if (!file) throw new Error("the Kubeflow back end produced no .yaml file");
    const info = pipelineInfo(file.contents);
    const experimentName = this.conn.experiment ?? info.name;
    if (opts.dryRun) return this.check(info.name, experimentName);
    const objects: SubmittedObject[] = [];
    const version = await this.uploadVersion(info, { name: basename(file.path), contents: file.contents }, objects);
    const experiment = await this.find.experiment(experimentName);
    const experimentId = experiment?.experiment_id ?? (await this.createExperiment(experimentName));
    objects.push({ kind: "Experiment", name: experimentName, action: experiment ? "shared" : "created" });
    const common = {
      experiment_id: experimentId,
      pipeline_version_reference: version,
      runtime_config: { parameters: { ...params } },
      ...(input.ir.spec.defaults.serviceAccount ? { service_account: input.ir.spec.defaults.serviceAccount } : {}),
    };
    const schedule = input.ir.spec.schedule;
    if (schedule) {
      const { notes, ...trigger } = buildTrigger(schedule);
      // A recurring run cannot be updated through the API: the one of this pipeline is replaced.
      const old = await this.find.recurringRuns(experimentId, info.name);
      for (const r of old) await this.http.json("DELETE", `/recurringruns/${enc(r.recurring_run_id)}`, `delete the old recurring run ${info.name}`);
      const body = { display_name: info.name, ...(info.description ? { description: info.description } : {}), mode: "ENABLE", ...trigger, ...common };
      await this.http.json("POST", "/recurringruns", `create the recurring run ${info.name}`, body);
      objects.push({ kind: "RecurringRun", name: info.name, action: old.length > 0 ? "applied" : "created" });
      return { kind: "definition", dryRun: false, objects, ...(notes.length > 0 ? { notes } : {}) };
    }
    const run = await this.http.json<{ run_id: string }>("POST", "/runs", `create a run of ${info.name}`, { display_name: runName(info.name), ...common });
    objects.push({ kind: "Run", name: run.run_id, action: "created" });
    return { kind: "run", dryRun: false, ref: { target: "kubeflow", id: run.run_id }, objects };
  }

  /**
   * The pipeline's first upload creates it (with its first version); each later submit adds a
   * version named after the package's hash, so submitting unchanged files again reuses that one.
   */
  private async uploadVersion(info: PipelineInfo, upload: UploadFile, objects: SubmittedObject[]): Promise<{ pipeline_id: string; pipeline_version_id: string }> {
    const existing = await this.find.pipeline(info.name);
    if (!existing) {
      const q = { name: info.name, description: info.description, namespace: this.conn.namespace };
      const created = await this.http.upload<{ pipeline_id: string }>(`/pipelines/upload${query(q)}`, `upload pipeline ${info.name}`, upload);
      const first = await this.find.latestVersion(created.pipeline_id);
      objects.push({ kind: "Pipeline", name: info.name, action: "created" }, { kind: "PipelineVersion", name: first.display_name ?? first.name ?? first.pipeline_version_id, action: "created" });
      return { pipeline_id: created.pipeline_id, pipeline_version_id: first.pipeline_version_id };
    }
    const versionName = `${info.name}-${createHash("sha256").update(upload.contents).digest("hex").slice(0, 12)}`;
    objects.push({ kind: "Pipeline", name: info.name, action: "shared" });
    try {
      const q = { name: versionName, pipelineid: existing.pipeline_id, description: info.description };
      const version = await this.http.upload<{ pipeline_version_id: string }>(`/pipelines/upload_version${query(q)}`, `upload version ${versionName} of pipeline ${info.name}`, upload);
      objects.push({ kind: "PipelineVersion", name: versionName, action: "created" });
      return { pipeline_id: existing.pipeline_id, pipeline_version_id: version.pipeline_version_id };
    } catch (error) {
      // 409: a version of these very bytes is there already (same name, same hash).
      if (!(error instanceof SubmitError && error.code === SUBMIT_CODES.conflict)) throw error;
      const same = await this.find.version(existing.pipeline_id, versionName);
      if (!same) throw error;
      objects.push({ kind: "PipelineVersion", name: versionName, action: "shared" });
      return { pipeline_id: existing.pipeline_id, pipeline_version_id: same.pipeline_version_id };
    }
  }

  private async createExperiment(name: string): Promise<string> {
    const body = { display_name: name, ...(this.conn.namespace ? { namespace: this.conn.namespace } : {}) };
    const created = await this.http.json<{ experiment_id: string }>("POST", "/experiments", `create experiment ${name}`, body);
    return created.experiment_id;
  }

  /** KFP has no server-side dry run: the API, the token and the lookups are checked, nothing is written. */
  private async check(name: string, experimentName: string): Promise<SubmitResult> {
    await this.http.json("GET", "/healthz", "check the API server's health");
    const pipeline = await this.find.pipeline(name);
    const experiment = await this.find.experiment(experimentName);
    return {
      kind: "run",
      dryRun: true,
      dryRunBy: "client",
      objects: [
        { kind: "Pipeline", name: `${name}${pipeline ? "" : " (would be created)"}`, action: "checked" },
        { kind: "Experiment", name: `${experimentName}${experiment ? "" : " (would be created)"}`, action: "checked" },
      ],
      notes: ["Kubeflow Pipelines has no server dry run: the API, the token and the lookups were checked, nothing was uploaded"],
    };
  }

  async status(ref: RunRef): Promise<RunStatus> {
    const run = await this.http.json<KfpRun>("GET", `/runs/${enc(ref.id)}`, `get run ${ref.id}`);
    return runStatus(ref, run);
  }

  watch(ref: RunRef, onStatus: (status: RunStatus) => void, signal?: AbortSignal): Promise<RunStatus> {
    return pollUntilDone(() => this.status(ref), onStatus, this.timing.pollMs, signal);
  }

  /**
   * The v2beta1 API serves no logs: KFP's UI reads them from the step pods (and from the artifact
   * store once archived). So this says where they are instead of pretending.
   */
  async logs(ref: RunRef, opts: LogsOptions, _write: (text: string) => void): Promise<void> {
    const run = await this.http.json<KfpRun>("GET", `/runs/${enc(ref.id)}`, `get run ${ref.id}`);
    const tasks = (run.run_details?.task_details ?? []).filter((t) => opts.task === undefined || t.display_name === opts.task);
    if (opts.task !== undefined && tasks.length === 0) {
      const names = [...new Set((run.run_details?.task_details ?? []).map((t) => t.display_name).filter(Boolean))];
      throw new SubmitError(SUBMIT_CODES.taskNotFound, `run ${ref.id} has no task "${opts.task}"`, names.length > 0 ? `its tasks are ${names.join(", ")}` : "KFP lists no task of this run yet");
    }
    const pods = tasks.flatMap((t) => (t.executor_detail?.main_job ? [`${t.display_name}: ${t.executor_detail.main_job}`] : []));
    throw new SubmitError(
      SUBMIT_CODES.notOffered,
      "the Kubeflow Pipelines API serves no logs: they are in the step pods (and in the artifact store once archived)",
      pods.length > 0 ? `read them with kubectl logs -c main in the run's namespace; pods: ${pods.join(", ")}` : "read them in the KFP UI, or with kubectl logs -c main on the run's pods (label pipeline/runid)",
    );
  }

  async cancel(ref: RunRef): Promise<void> {
    await this.http.json("POST", `/runs/${enc(ref.id)}:terminate`, `terminate run ${ref.id}`);
  }
}

interface PipelineInfo {
  name: string;
  description?: string;
}

/** The name KFP knows the pipeline by: `pipelineInfo.name` of the first document, as the kfp SDK reads it. */
function pipelineInfo(contents: string): PipelineInfo {
  const spec = parseAllDocuments(contents)[0]?.toJS() as { pipelineInfo?: { name?: string; description?: string } } | undefined;
  const name = spec?.pipelineInfo?.name;
  if (!name) throw new Error("the Kubeflow back end wrote no pipelineInfo.name");
  return { name, ...(spec.pipelineInfo?.description ? { description: spec.pipelineInfo.description } : {}) };
}

/** Like the kfp SDK's default run name: the pipeline's name and the local time. */
function runName(pipeline: string): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${pipeline} ${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}-${p(d.getMinutes())}-${p(d.getSeconds())}`;
}

const enc = encodeURIComponent;
