// Scale-out: a nightly refresh of a support-ticket classifier whose data no longer fits one pod.
// Spark builds the features from the raw tickets, Kubeflow Trainer fine-tunes the model on two
// GPU nodes, and a Ray job scores the backlog with it. Each step is one custom resource of an
// engine the cluster already runs (docs/scale-out.md); the pipeline wires them like any steps.
import { pipeline, param } from "@sluice/core";
import { buildFeatures, fineTune, scoreBacklog, publishReport } from "./steps.js";

export default pipeline(
  {
    name: "ticket-classifier-scale-out",
    description: "Spark features, a distributed fine-tune and a Ray batch inference",
    params: {
      rawTickets: param.string({ default: "s3a://acme-support/tickets/raw/" }),
      partitions: param.int({ default: 64 }),
      learningRate: param.float({ default: 0.00002 }),
    },
    defaults: { image: "ghcr.io/acme/support-ml:3.2" },
  },
  ({ params }) => {
    const features = buildFeatures({ raw: params.rawTickets, partitions: params.partitions });
    const model = fineTune({ train: features.outputs.train, learningRate: params.learningRate });
    const scores = scoreBacklog({ model: model.outputs.model, backlog: features.outputs.backlog });
    publishReport({ predictions: scores.outputs.predictions, sparkState: features.outputs.state });
  },
);
