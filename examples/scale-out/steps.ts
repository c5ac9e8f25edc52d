// The steps of the scale-out example: three engines and one ordinary container step.
import { artifact, param, rayJob, sparkJob, step, trainer } from "@sluice/core";

/** Tokenized training set and the unlabelled backlog, written by Spark executors to object storage. */
export const buildFeatures = sparkJob({
  name: "build-features",
  kind: "featurizer",
  description: "Cleans and tokenizes the raw tickets with Spark; splits labelled from backlog",
  image: "docker.io/apache/spark:4.0.4",
  inputs: { raw: param.string(), partitions: param.int({ default: 64 }) },
  outputs: { train: artifact.dataset(), backlog: artifact.dataset(), state: param.string() },
  spark: {
    type: "Python",
    pythonVersion: "3",
    sparkVersion: "4.0.4",
    mainApplicationFile: "local:///opt/support/features.py",
    driver: { cores: 1, memory: "2g", serviceAccount: "spark-operator-spark" },
    executor: { instances: 4, cores: 2, memory: "8g" },
    dynamicAllocation: { enabled: true, minExecutors: 2, maxExecutors: 16 },
    sparkConf: { "spark.sql.shuffle.partitions": "256", "spark.hadoop.fs.s3a.aws.credentials.provider": "com.amazonaws.auth.WebIdentityTokenCredentialsProvider" },
    deps: { packages: ["org.apache.hadoop:hadoop-aws:3.4.1"] },
  },
  args: ({ inputs, outputs }) => ["--raw", inputs.raw, `--partitions=${inputs.partitions}`, "--train-out", outputs.train.path, "--backlog-out", outputs.backlog.path],
  statusOutputs: { state: "status.applicationState.state" },
});

/** A distributed fine-tune: two nodes of four processes each (torch-distributed runtime). */
export const fineTune = trainer({
  name: "fine-tune",
  description: "Fine-tunes the ticket classifier with torchrun across two GPU nodes",
  image: "ghcr.io/acme/support-train:3.2",
  inputs: { train: artifact.dataset(), learningRate: param.float({ default: 0.00002 }) },
  outputs: { model: artifact.model() },
  command: ["torchrun", "/app/fine_tune.py"],
  args: ({ inputs, outputs }) => ["--train", inputs.train, "--lr", inputs.learningRate, "--model-out", outputs.model.path],
  resources: { cpu: "8", memory: "64Gi", gpu: 4 },
  distributed: { runtime: "torch-distributed", numNodes: 2, numProcPerNode: 4 },
});

/** Batch inference over the backlog on a Ray cluster made for the job and removed after it. */
export const scoreBacklog = rayJob({
  name: "score-backlog",
  kind: "evaluator",
  description: "Scores every backlog ticket with the new model on Ray",
  image: "rayproject/ray-ml:2.46.0.0e19ea-py39-gpu",
  inputs: { model: artifact.model(), backlog: artifact.dataset() },
  outputs: { predictions: artifact.dataset(), metrics: artifact.metrics() },
  entrypoint: ({ inputs, outputs }) => ["python", "/home/ray/app/score.py", "--model", inputs.model, "--backlog", inputs.backlog, "--out", outputs.predictions.path, "--metrics", outputs.metrics.path],
  ray: {
    rayVersion: "2.46.0",
    runtimeEnv: { pip: ["transformers==4.44.0"], env_vars: { HF_HOME: "/tmp/hf" } },
    head: { rayStartParams: { "dashboard-host": "0.0.0.0" }, resources: { cpu: "4", memory: "16Gi" } },
    workers: [{ groupName: "gpu", replicas: 2, minReplicas: 1, maxReplicas: 8, resources: { cpu: "8", memory: "32Gi", gpu: 1 } }],
    shutdownAfterJobFinishes: true,
  },
});

/** An ordinary container step: reads what the engines produced and writes the summary. */
export const publishReport = step({
  name: "publish-report",
  inputs: { predictions: artifact.dataset(), sparkState: param.string() },
  outputs: { report: artifact.markdown() },
  command: ["python", "-m", "support.report"],
  args: ({ inputs, outputs }) => ["--predictions", inputs.predictions, "--spark-state", inputs.sparkState, "--out", outputs.report.path],
});
