// A pipeline called as a step, with artifact params and returned outputs; per-call options;
// a generic `artifact` input taking any kind; a script step.
import { artifact, deployer, param, pipeline, secret, step, trainer } from "@sluice/core";

const load = step({ name: "load", image: "busybox", outputs: { data: artifact.dataset() } });
const train = trainer({
  name: "train",
  image: "busybox",
  script: { python: "import sys; print(sys.argv)" },
  inputs: { data: artifact.dataset(), epochs: param.int({ default: 3 }) },
  outputs: { model: artifact.model(), loss: param.float() },
});
const deploy = deployer({ name: "deploy", image: "busybox", inputs: { model: artifact.model(), note: param.string({ optional: true }) } });
const archive = step({ name: "archive", image: "busybox", inputs: { thing: artifact.artifact() } });

/** A pipeline whose params include an artifact, returning a model, a loss and a list. */
export const fit = pipeline(
  { name: "fit", params: { data: artifact.dataset(), epochs: param.int({ default: 5 }) } },
  ({ params }) => {
    const t = train({ data: params.data, epochs: params.epochs });
    const more = [1, 2].map((epochs) => train({ data: params.data, epochs }).outputs.model);
    return { model: t.outputs.model, loss: t.outputs.loss, more };
  },
);

export default pipeline({ name: "outer", defaults: { image: "busybox", serviceAccount: "ml", parallelism: 4 } }, () => {
  const d = load({});
  const f = fit({ data: d.outputs.data }, { name: "fit-small", displayName: "Fit (small)" });
  if (f.outputs.loss < 0.5) deploy({ model: f.outputs.model });
  for (const model of f.outputs.more) archive({ thing: model });
  archive({ thing: d.outputs.data });

  deploy(
    { model: f.outputs.model, note: "canary" },
    {
      name: "deploy-canary",
      after: [d, f],
      retry: { limit: 3, backoff: { duration: "10s", factor: 2, maxDuration: "5m" } },
      timeout: "1h",
      cache: false,
      resources: { cpu: 2, memory: "4Gi", gpu: { count: 1, type: "NVIDIA_TESLA_T4" } },
      env: { MODE: "canary", TOKEN: secret("deploy", "token") },
      nodeSelector: { pool: "gpu" },
      tolerations: [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }],
    },
  );
});
