// The steps of the text-classifier pipeline, declared once and called from pipeline.ts.
import { artifact, deployer, evaluator, file, loader, monitor, param, secret, splitter, step, tokenizer, trainer, tuner, validator } from "@sluice/core";
import { GPU_POOL, HF_TOKEN, IMAGE } from "./config.js";

export const loadReviews = loader({
  name: "load-reviews",
  description: "Reads labelled product reviews from the warehouse export",
  image: IMAGE,
  command: ["python", "-m", "textclf.load"],
  inputs: { source: param.string(), limit: param.int({ default: 0, description: "0 reads every row" }) },
  outputs: { reviews: artifact.dataset(), rows: param.int() },
  args: ({ inputs, outputs }) => ["--source", inputs.source, `--limit=${inputs.limit}`, "--out", outputs.reviews.path, "--rows", outputs.rows.path],
  resources: { cpu: "2", memory: "4Gi" },
  cache: true,
});

export const tokenize = tokenizer({
  name: "tokenize",
  image: IMAGE,
  script: { python: file("./steps/tokenize.py") },
  inputs: { reviews: artifact.dataset(), baseModel: param.string(), maxLength: param.int({ default: 256 }) },
  outputs: { tokens: artifact.dataset() },
  env: { HF_TOKEN: secret(HF_TOKEN.name, HF_TOKEN.key) },
  resources: { cpu: "4", memory: "8Gi" },
});

export const splitData = splitter({
  name: "split",
  image: IMAGE,
  command: ["python", "-m", "textclf.split"],
  inputs: { tokens: artifact.dataset(), testFraction: param.float({ default: 0.1 }), seed: param.int({ default: 17 }) },
  outputs: { train: artifact.dataset(), validation: artifact.dataset(), test: artifact.dataset() },
  args: ({ inputs, outputs }) => [
    "--tokens", inputs.tokens, `--test-fraction=${inputs.testFraction}`, `--seed=${inputs.seed}`,
    "--train", outputs.train.path, "--validation", outputs.validation.path, "--test", outputs.test.path,
  ],
});

/** Proposes learning rates to try around the base model's recommended one. */
export const proposeRates = tuner({
  name: "propose-rates",
  image: IMAGE,
  command: ["python", "-m", "textclf.propose_rates"],
  inputs: { baseModel: param.string(), trials: param.int({ default: 4 }) },
  outputs: { rates: param.list(param.float()) },
  args: ({ inputs, outputs }) => ["--base-model", inputs.baseModel, `--trials=${inputs.trials}`, "--rates", outputs.rates.path],
});

/** One trial of the search: a short fine-tuning run that only reports its validation loss. */
export const tryRate = tuner({
  name: "try-rate",
  image: IMAGE,
  script: { python: file("./steps/fine_tune.py") },
  inputs: {
    train: artifact.dataset(),
    validation: artifact.dataset(),
    baseModel: param.string(),
    lr: param.float(),
    epochs: param.int({ default: 1 }),
  },
  outputs: { model: artifact.model(), validationLoss: param.float() },
  env: { HF_TOKEN: secret(HF_TOKEN.name, HF_TOKEN.key), TOKENIZERS_PARALLELISM: "false" },
  resources: { cpu: "8", memory: "32Gi", gpu: 1 },
  ...GPU_POOL,
  timeout: "2h",
});

/** Picks the learning rate whose trial had the lowest validation loss. */
export const pickRate = tuner({
  name: "pick-rate",
  image: IMAGE,
  command: ["python", "-m", "textclf.pick_rate"],
  inputs: { rates: param.list(param.float()), losses: param.list(param.float()) },
  outputs: { lr: param.float() },
  args: ({ inputs, outputs }) => ["--rates", inputs.rates, "--losses", inputs.losses, "--best", outputs.lr.path],
});

/** The real training run, on the chosen learning rate: the same script, more epochs. */
export const fineTune = trainer({
  name: "fine-tune",
  description: "Fine-tunes the base model on the chosen learning rate",
  image: IMAGE,
  script: { python: file("./steps/fine_tune.py") },
  inputs: {
    train: artifact.dataset(),
    validation: artifact.dataset(),
    baseModel: param.string(),
    lr: param.float(),
    epochs: param.int({ default: 3 }),
  },
  outputs: { model: artifact.model(), validationLoss: param.float() },
  env: { HF_TOKEN: secret(HF_TOKEN.name, HF_TOKEN.key), TOKENIZERS_PARALLELISM: "false" },
  resources: { cpu: "8", memory: "32Gi", gpu: 1 },
  ...GPU_POOL,
  retry: { limit: 2, backoff: { duration: "1m", factor: 2 } },
  timeout: "6h",
});

export const evaluate = evaluator({
  name: "evaluate",
  image: IMAGE,
  command: ["python", "-m", "textclf.evaluate"],
  inputs: { model: artifact.model(), test: artifact.dataset() },
  outputs: { accuracy: param.float(), f1: param.float(), metrics: artifact.metrics(), report: artifact.html() },
  args: ({ inputs, outputs }) => [
    "--model", inputs.model, "--test", inputs.test,
    "--accuracy", outputs.accuracy.path, "--f1", outputs.f1.path,
    "--metrics", outputs.metrics.path, "--report", outputs.report.path,
  ],
  resources: { cpu: "4", memory: "16Gi", gpu: 1 },
  ...GPU_POOL,
});

/** Compares the candidate with the model in production on the same test set, and checks bias slices. */
export const validate = validator({
  name: "validate",
  image: IMAGE,
  command: ["python", "-m", "textclf.validate"],
  inputs: { candidate: artifact.model(), test: artifact.dataset(), endpoint: param.string() },
  outputs: { passed: param.bool(), summary: artifact.markdown() },
  args: ({ inputs, outputs }) => ["--candidate", inputs.candidate, "--test", inputs.test, "--endpoint", inputs.endpoint, "--passed", outputs.passed.path, "--summary", outputs.summary.path],
});

export const deploy = deployer({
  name: "deploy",
  image: "ghcr.io/acme/model-deployer:0.9.1",
  command: ["deploy-model"],
  inputs: { model: artifact.model(), endpoint: param.string(), trafficPercent: param.int({ default: 10 }) },
  outputs: { revision: param.string() },
  args: ({ inputs, outputs }) => ["--model", inputs.model, "--endpoint", inputs.endpoint, `--traffic=${inputs.trafficPercent}`, "--revision-file", outputs.revision.path],
  env: { DEPLOY_TOKEN: secret("model-deployer", "token") },
});

export const watch = monitor({
  name: "watch",
  description: "Registers drift and latency alerts for the new revision",
  image: "ghcr.io/acme/model-monitor:1.2.0",
  command: ["register-monitor"],
  inputs: { endpoint: param.string(), revision: param.string(), baseline: artifact.dataset() },
  args: ({ inputs }) => ["--endpoint", inputs.endpoint, "--revision", inputs.revision, "--baseline", inputs.baseline],
});

export const notify = step({
  name: "notify",
  image: "curlimages/curl:8.10.1",
  inputs: { message: param.string() },
  command: ["sh", "-c", "curl -fsS -X POST -H 'Content-Type: text/plain' --data \"$1\" \"$SLACK_WEBHOOK\"", "notify"],
  args: ({ inputs }) => [inputs.message],
  env: { SLACK_WEBHOOK: secret("slack", "webhook-url") },
});

/** Removes the run's scratch checkpoints, whether the run succeeded or not. */
export const cleanup = step({
  name: "cleanup",
  image: "google/cloud-sdk:499.0.0-slim",
  inputs: { scratch: param.string() },
  command: ["gsutil", "-m", "rm", "-r", "-f"],
  args: ({ inputs }) => [inputs.scratch],
});
