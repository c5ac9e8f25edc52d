import { equalsFilter, query, type KfpHttp } from "./http.js";

interface PipelineVersion {
  pipeline_version_id: string;
  name?: string;
  display_name?: string;
}

/**
 * Finding by name what KFP knows by id, with the list calls and the `display_name` filter the
 * kfp SDK uses (`get_pipeline_id`, `get_experiment(experiment_name=...)`). Names are unique per
 * namespace in KFP, so the first match is the one.
 */
export class KfpLookups {
  constructor(
    private readonly http: KfpHttp,
    private readonly namespace: string | undefined,
  ) {}

  async pipeline(name: string): Promise<{ pipeline_id: string } | undefined> {
    const q = query({ filter: equalsFilter("display_name", name), namespace: this.namespace });
    const list = await this.http.json<{ pipelines?: { pipeline_id: string }[] }>("GET", `/pipelines${q}`, `look up pipeline ${name}`);
    return list.pipelines?.[0];
  }

  async experiment(name: string): Promise<{ experiment_id: string } | undefined> {
    const q = query({ filter: equalsFilter("display_name", name), namespace: this.namespace });
    const list = await this.http.json<{ experiments?: { experiment_id: string }[] }>("GET", `/experiments${q}`, `look up experiment ${name}`);
    return list.experiments?.[0];
  }

  /** The version an upload just created along with the pipeline (the upload answers the pipeline only). */
  async latestVersion(pipelineId: string): Promise<PipelineVersion> {
    const q = query({ page_size: "1", sort_by: "created_at desc" });
    const list = await this.http.json<{ pipeline_versions?: PipelineVersion[] }>("GET", `/pipelines/${enc(pipelineId)}/versions${q}`, `list the versions of pipeline ${pipelineId}`);
    const first = list.pipeline_versions?.[0];
    if (!first) throw new Error(`KFP lists no version of the pipeline ${pipelineId} it has just created`);
    return first;
  }

  async version(pipelineId: string, name: string): Promise<PipelineVersion | undefined> {
    const q = query({ filter: equalsFilter("name", name) });
    const list = await this.http.json<{ pipeline_versions?: PipelineVersion[] }>("GET", `/pipelines/${enc(pipelineId)}/versions${q}`, `look up version ${name}`);
    return list.pipeline_versions?.[0];
  }

  async recurringRuns(experimentId: string, name: string): Promise<{ recurring_run_id: string }[]> {
    // The experiment names the namespace: the SDK sends no namespace beside experiment_id either.
    const q = query({ experiment_id: experimentId, filter: equalsFilter("display_name", name) });
    const list = await this.http.json<{ recurringRuns?: { recurring_run_id: string }[]; recurring_runs?: { recurring_run_id: string }[] }>("GET", `/recurringruns${q}`, `look up the recurring run ${name}`);
    return list.recurringRuns ?? list.recurring_runs ?? [];
  }
}

const enc = encodeURIComponent;
