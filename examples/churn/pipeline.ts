import { pipeline, step, trainer, evaluator, deployer, param, artifact, secret, file } from "@sluice/core";

export const preprocess = step({
  name: "preprocess",
  kind: "preprocessor",
  image: "ghcr.io/acme/churn:1.4.2",
  command: ["python", "-m", "churn.preprocess"],
  inputs: { raw: param.string(), testSize: param.float({ default: 0.2 }) },
  outputs: { train: artifact.dataset(), test: artifact.dataset(), rows: param.int() },
  args: ({ inputs, outputs }) => [
    "--raw", inputs.raw, `--test-size=${inputs.testSize}`,
    "--train", outputs.train.path, "--test", outputs.test.path, "--rows", outputs.rows.path,
  ],
  resources: { cpu: "1", memory: "2Gi" },
  retry: { limit: 2, backoff: "30s" },
  timeout: "30m",
  cache: true,
});

export const train = trainer({
  name: "train",
  image: "ghcr.io/acme/churn:1.4.2",
  script: { python: file("./steps/train.py") },
  inputs: { data: artifact.dataset(), lr: param.float(), epochs: param.int({ default: 10 }) },
  outputs: { model: artifact.model(), loss: param.float() },
  resources: { gpu: 1, memory: "8Gi" },
  env: { HF_TOKEN: secret("hf-credentials", "token") },
});

export const evaluate = evaluator({
  name: "evaluate",
  image: "ghcr.io/acme/churn:1.4.2",
  command: ["python", "-m", "churn.evaluate"],
  inputs: { models: artifact.list(artifact.model()), test: artifact.dataset() },
  outputs: { best: artifact.model(), accuracy: param.float(), metrics: artifact.metrics() },
  args: ({ inputs, outputs }) => ["--models", inputs.models, "--test", inputs.test, "--best", outputs.best.path, "--accuracy", outputs.accuracy.path, "--metrics", outputs.metrics.path],
});

export const deploy = deployer({
  name: "deploy",
  image: "ghcr.io/acme/churn:1.4.2",
  command: ["python", "-m", "churn.deploy"],
  inputs: { model: artifact.model() },
  args: ({ inputs }) => ["--model", inputs.model],
});

export const notify = step({
  name: "notify",
  image: "curlimages/curl:8.10.1",
  inputs: { message: param.string() },
  command: ["sh", "-c", "echo \"$0\"" ],
  args: ({ inputs }) => [inputs.message],
});

export const report = step({
  name: "report",
  image: "ghcr.io/acme/churn:1.4.2",
  inputs: { metrics: artifact.metrics() },
  command: ["python", "-m", "churn.report"],
  args: ({ inputs }) => ["--metrics", inputs.metrics],
});

export const cleanup = step({
  name: "cleanup",
  image: "amazon/aws-cli:2.17.0",
  inputs: { prefix: param.string() },
  command: ["aws", "s3", "rm", "--recursive"],
  args: ({ inputs }) => [inputs.prefix],
});

export default pipeline({
  name: "churn-training",
  description: "Nightly churn model",
  params: {
    raw: param.string({ default: "s3://acme-ml/churn/raw.csv" }),
    rates: param.list(param.float(), { default: [0.01, 0.1] }),
    threshold: param.float({ default: 0.9 }),
  },
  schedule: { cron: "0 3 * * *", timezone: "UTC" },
  defaults: { serviceAccount: "ml-runner", retry: { limit: 1 } },
}, ({ params }) => {
  const prep = preprocess({ raw: params.raw });
  const models = params.rates.map((lr) => train({ data: prep.outputs.train, lr }).outputs.model);
  const ev = evaluate({ models, test: prep.outputs.test });
  if (ev.outputs.accuracy >= params.threshold) {
    deploy({ model: ev.outputs.best });
  } else {
    notify({ message: `accuracy too low: ${ev.outputs.accuracy}` });
  }
  try {
    report({ metrics: ev.outputs.metrics }, { after: [ev], retry: { limit: 0 } });
  } finally {
    cleanup({ prefix: params.raw });
  }
});
