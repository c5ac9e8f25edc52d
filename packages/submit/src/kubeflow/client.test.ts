// The Kubeflow client against the KFP v2beta1 emulator of conformance/submit-kubeflow (in this
// process; every request and answer checked against the official swagger). The differential
// comparison with the kfp SDK is conformance/submit-kubeflow/run.sh.
import type { Pipeline } from "@sluice/core/backend";
// @ts-expect-error: a plain ES module of the test tree, without types
import { startEmulator } from "../../../../conformance/submit-kubeflow/emulator.mjs";
import { SubmitError } from "../errors.js";
import { KubeflowClient } from "./client.js";

interface Emulator {
  url: string;
  requests: { op: string; query: Record<string, string>; body?: Record<string, unknown> }[];
  problems: string[];
  close(): Promise<void>;
}

const ir = (extra: Partial<Pipeline["spec"]> = {}) => ({ metadata: { name: "churn" }, spec: { params: [], defaults: {}, ...extra } }) as unknown as Pipeline;
const file = (tag: string) => ({
  path: "churn.kubeflow.yaml",
  contents: `# ${tag}\npipelineInfo:\n  name: churn\nroot:\n  inputDefinitions:\n    parameters:\n      epochs:\n        parameterType: NUMBER_INTEGER\n  dag:\n    tasks:\n      train: {}\nschemaVersion: 2.1.0\n`,
});

let emu: Emulator;
let client: KubeflowClient;
beforeEach(async () => {
  emu = await startEmulator({ token: "t0k" });
  client = new KubeflowClient({ url: `${emu.url}/pipeline/`, token: "t0k" }, { pollMs: 0 });
});
afterEach(async () => {
  expect(emu.problems).toEqual([]);
  await emu.close();
});

describe("KubeflowClient", () => {
  it("uploads the pipeline, creates the experiment and a run with the params, and watches it to success", async () => {
    const result = await client.submit({ ir: ir(), files: [file("v1")] }, { epochs: 3 }, {});
    expect(result.objects.map((o) => `${o.action} ${o.kind}`)).toEqual(["created Pipeline", "created PipelineVersion", "created Experiment", "created Run"]);
    const run = emu.requests.find((r) => r.op === "RunService_CreateRun")!;
    expect(run.body).toMatchObject({ runtime_config: { parameters: { epochs: 3 } }, pipeline_version_reference: { pipeline_id: expect.any(String), pipeline_version_id: expect.any(String) } });
    const seen: string[] = [];
    const final = await client.watch(result.ref!, (s) => seen.push(s.phase));
    expect([seen, final.tasks.map((t) => `${t.name} ${t.phase}`)]).toEqual([["Pending", "Running", "Succeeded"], ["train Succeeded"]]);
  });

  it("a later submit adds a version named by the package's hash; the same bytes again reuse it", async () => {
    await client.submit({ ir: ir(), files: [file("v1")] }, {}, {});
    const second = await client.submit({ ir: ir(), files: [file("v2")] }, {}, {});
    const third = await client.submit({ ir: ir(), files: [file("v2")] }, {}, {});
    expect(second.objects.slice(0, 3).map((o) => o.action)).toEqual(["shared", "created", "shared"]);
    expect(third.objects[1]).toEqual({ kind: "PipelineVersion", name: second.objects[1]!.name, action: "shared" });
    expect(second.objects[1]!.name).toMatch(/^churn-[0-9a-f]{12}$/);
  });

  it("the experiment can be named (--experiment)", async () => {
    const named = new KubeflowClient({ url: emu.url, token: "t0k", experiment: "nightly" }, { pollMs: 0 });
    await named.submit({ ir: ir(), files: [file("v1")] }, {}, {});
    expect(emu.requests.find((r) => r.op === "ExperimentService_CreateExperiment")!.body).toEqual({ display_name: "nightly" });
  });

  it("cancel terminates: CANCELING still runs, CANCELED ends the watch", async () => {
    const { ref } = await client.submit({ ir: ir(), files: [file("v1")] }, {}, {});
    await client.cancel(ref!);
    const final = await client.watch(ref!, () => {});
    expect(final.phase).toBe("Canceled");
  });

  it("a schedule becomes a recurring run; no run reference is given", async () => {
    const result = await client.submit({ ir: ir({ schedule: { cron: "0 6 * * *" }, defaults: { serviceAccount: "bot" } }), files: [file("v1")] }, {}, {});
    expect([result.kind, result.ref]).toEqual(["definition", undefined]);
    expect(emu.requests.find((r) => r.op === "RecurringRunService_CreateRecurringRun")!.body).toMatchObject({ mode: "ENABLE", trigger: { cron_schedule: { cron: "0 0 6 * * *" } }, service_account: "bot", max_concurrency: 1, no_catchup: true });
  });

  it("the dry run only reads", async () => {
    const result = await client.submit({ ir: ir(), files: [file("v1")] }, {}, { dryRun: true });
    expect([result.dryRun, result.dryRunBy, emu.requests.map((r) => r.op)]).toEqual([true, "client", ["HealthzService_GetHealthz", "PipelineService_ListPipelines", "ExperimentService_ListExperiments"]]);
  });

  it("what the server refuses comes back as coded errors: 400 (a runtime param the spec lacks), 401, 404", async () => {
    const refused = await client.submit({ ir: ir(), files: [file("v1")] }, { epoch: 3 }, {}).catch((e: unknown) => e);
    expect([(refused as SubmitError).code, (refused as SubmitError).message]).toEqual(["SLU9518", expect.stringMatching(/unrecognized input parameter: epoch/)]);
    const stranger = new KubeflowClient({ url: emu.url, token: "nope" });
    await expect(stranger.status({ target: "kubeflow", id: "r1" })).rejects.toMatchObject({ code: "SLU9512" });
    await expect(client.status({ target: "kubeflow", id: "r-missing" })).rejects.toMatchObject({ code: "SLU9516" });
  });

  it("logs: KFP's API serves none, and the error says where they are", async () => {
    const { ref } = await client.submit({ ir: ir(), files: [file("v1")] }, {}, {});
    await client.status(ref!);
    await expect(client.logs(ref!, {}, () => {})).rejects.toMatchObject({ code: "SLU9522", hint: expect.stringMatching(/train: train-pod-0/) });
    await expect(client.logs(ref!, { task: "nope" }, () => {})).rejects.toMatchObject({ code: "SLU9521" });
  });
});
