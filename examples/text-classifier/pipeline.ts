// Fine-tunes a text classifier on product reviews every week: load, tokenize, split, try a few
// learning rates in parallel on GPUs, keep the best model, and ship it only if it beats the model
// in production. Scratch checkpoints are removed however the run ends.
import { param, pipeline } from "@sluice/core";
import { cleanup, deploy, evaluate, fineTune, loadReviews, notify, proposeRates, splitData, tokenize, validate, watch } from "./steps.js";

export default pipeline(
  {
    name: "text-classifier",
    displayName: "Review sentiment classifier",
    description: "Weekly fine-tuning of the review sentiment classifier",
    params: {
      source: param.string({ default: "bq://acme-analytics.reviews.labelled" }),
      baseModel: param.string({ default: "distilbert-base-uncased", enum: ["distilbert-base-uncased", "roberta-base"] }),
      minAccuracy: param.float({ default: 0.92, description: "deploy only above this test accuracy" }),
      endpoint: param.string({ default: "reviews-sentiment" }),
      scratch: param.string({ default: "gs://acme-ml-scratch/text-classifier" }),
    },
    schedule: { cron: "0 4 * * 1", timezone: "Europe/Berlin" },
    defaults: { serviceAccount: "ml-training", retry: { limit: 1, backoff: "30s" }, timeout: "1h", labels: { team: "nlp" } },
  },
  ({ params }) => {
    try {
      const reviews = loadReviews({ source: params.source });
      const tokens = tokenize({ reviews: reviews.outputs.reviews, baseModel: params.baseModel });
      const split = splitData({ tokens: tokens.outputs.tokens });

      // The tuner proposes the learning rates at run time; one GPU training per rate (dynamic
      // fan-out), and the models come back as one list for the evaluator (fan-in).
      const rates = proposeRates({ baseModel: params.baseModel });
      const models = rates.outputs.rates.map(
        (lr) =>
          fineTune({ train: split.outputs.train, validation: split.outputs.validation, baseModel: params.baseModel, lr }).outputs.model,
      );
      const scores = evaluate({ models, test: split.outputs.test });
      const check = validate({ candidate: scores.outputs.best, test: split.outputs.test, endpoint: params.endpoint });

      if (check.outputs.passed && scores.outputs.accuracy >= params.minAccuracy) {
        const release = deploy({ model: scores.outputs.best, endpoint: params.endpoint }, { timeout: "20m", retry: { limit: 3 } });
        watch({ endpoint: params.endpoint, revision: release.outputs.revision, baseline: split.outputs.train });
      } else {
        notify({ message: `not deployed: accuracy ${scores.outputs.accuracy}, validation passed: ${check.outputs.passed}` });
      }
    } finally {
      cleanup({ scratch: params.scratch });
    }
  },
);
