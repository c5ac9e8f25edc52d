// Per-call options on top of a step's definition: name, displayName, after, retry, timeout,
// cache, resources, env, nodeSelector, tolerations.
import { param, pipeline, secret, step } from "@sluice/core";

const run = step({
  name: "run",
  image: "alpine:3.20",
  inputs: { what: param.string() },
  command: ["sh", "-c", 'echo "running $0"'],
  args: ({ inputs }) => [inputs.what],
  retry: { limit: 1 },
  resources: { cpu: "250m", memory: "128Mi" },
  env: { LOG_LEVEL: "info" },
});

export default pipeline({ name: "call-options" }, () => {
  const setup = run({ what: "setup" }, { name: "setup", displayName: "Set things up" });
  const heavy = run(
    { what: "heavy" },
    {
      name: "heavy-lifting",
      after: [setup],
      retry: { limit: 3, backoff: { duration: "10s", factor: true, maxDuration: "5m" } },
      timeout: "2h",
      cache: false,
      resources: { cpu: 4, memory: "16Gi", gpu: { count: 2, type:env: { LOG_LEVEL: "debug", API_KEY: secret("api", "key") },
       nodeSelector: { "cloud.google.com/gke-nodepool": "gpu-pool" },
      tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
    },
  );
  run({ what: "report" }, { after: [setup, heavy], timeout: 300 });
  run({ what: "default call" });
});
