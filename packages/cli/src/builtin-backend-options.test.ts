import { builtinBackends } from "./targets.js";
import { backendFlags, parseBackendOptions } from "./backend-options.js";

/**
 * Every option of every built-in back end refuses what its target would refuse later: a bad
 * value is a usage error naming the flag (the CLI turns it into SLU9004, exit 2), never an output
 * the target rejects.
 */
const backend = (name: string) => builtinBackends.find((b) => b.name === name)!;

const refused: [string, string, string][] = [
  ["airflow", "startDate", "2025-02-30"],
  ["airflow", "startDate", "2025-13-01"],
  ["airflow", "startDate", "2023-02-29"],
  ["airflow", "startDate", "25-01-01"],
  ["airflow", "artifactRoot", ""],
  ["airflow", "artifactRoot", "   "],
  ["airflow", "namespace", ""],
  ["airflow", "namespace", "Team A"],
  ["airflow", "gpuNodeLabel", ""],
  ["kubeflow", "gatherImage", ""],
  ["kubeflow", "gatherImage", "python 3.12"],
  ["kubeflow", "gatherImage", "Python:3.12"],
  ["kubeflow", "gatherImage", "python:"],
  ["kubeflow", "launcherImage", ""],
  ["kubeflow", "launcherImage", "Python:3.12"],
  ["kubeflow", "pipelineRoot", ""],
  ["kubeflow", "pipelineRoot", "bucket/root"],
  ["kubeflow", "gpuNodeLabel", "nvidia.com/"],
  ["argo", "namespace", ""],
  ["argo", "cacheConfigMap", ""],
  ["argo", "artifactRepositoryRef", ""],
  ["argo", "gpuNodeLabel", "a b"],
];

const accepted: [string, string, string][] = [
  ["airflow", "startDate", "2024-02-29"],
  ["airflow", "startDate", "2025-12-31"],
  ["kubeflow", "gatherImage", "python:3.12-slim"],
  ["kubeflow", "gatherImage", "ghcr.io/acme/tools/py:1.0"],
  ["kubeflow", "gatherImage", "localhost:5000/py@sha256:" + "a".repeat(64)],
  ["kubeflow", "launcherImage", "ghcr.io/acme/k8s-launcher:1.0"],
  ["kubeflow", "pipelineRoot", "gs://bucket/root"],
  ["argo", "gpuNodeLabel", "cloud.google.com/gke-accelerator"],
];

describe("built-in back-end options", () => {
  it.each(refused)("%s: %s %j is refused, naming the flag", (name, key, value) => {
    const b = backend(name);
    const flag = backendFlags(b).find((f) => f.key === key)!.flag;
    const parsed = parseBackendOptions(b, { [key]: value });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(flag);
  });

  it.each(accepted)("%s: %s %j is accepted", (name, key, value) => {
    expect(parseBackendOptions(backend(name), { [key]: value }).ok).toBe(true);
  });

  it("every back end defaults the GPU node label to nvidia.com/gpu.product", () => {
    for (const b of builtinBackends) expect(parseBackendOptions(b, {})).toMatchObject({ ok: true, options: { gpuNodeLabel: "nvidia.com/gpu.product" } });
  });
});
