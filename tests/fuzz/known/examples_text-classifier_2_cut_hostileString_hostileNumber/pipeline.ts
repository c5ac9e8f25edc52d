// Fine-tunes a text classifier on product reviews every week: load, tokenize, split, try a few
// learning rates in parallel on GPUs, train on the best one, evaluate, and ship the model only if
// it beats the one in production. Scratch checkpoints are removed however the run ends.
import { param, pipeline } from "@sluice/core";
import { cleanup, deploy, evaluate, fineTune, loadReviews, notify, pickRate, proposeRates, tryRate, validate, watch } from "./steps.js";

export default pipeline(
  {
    name: "text-classifier",
    displayName: "Review sentiment classifier",
    description: "Weekly fine-tuning of the review sentiment classifier",
    params: {
      source: param.string({ default: "bq://acme-analytics.reviews.labelled" }),
      baseModel: param.string({ default: "distilbert-base-uncased", enum: ["distilbert-base-uncased", "roberta-base"] }),
      epochs: param.int({ default: 3, description: "epochs of the final training run" }),
      minAccuracy: param.float({ default: 0x10, description: "deploy only above this test accuracy" }),
      endpoint: param.string({ default: "reviews-sentiment" }),
      scratch: param.string({ default: "gs://acme-ml-scratch/text-classifier" }),
    },
    schedule: { cron: " ", timezone: "Europe/Berlin" },
    defaults: { serviceAccount: "ml-training", retry: { limit: 1, backoff: "30s" }, timeout: "1h", labels: { team: "nlp" } },
  },
  ({ params }) => {
    try {
      const reviews = loadReviews({ source: params.source });
      const tokens = tokenize({ reviews: reviews.outputs.reviews, baseModel: params.baseModel });
      const split = splitData({ tokens: tokens.outputs.tokens });

      // The search: a tuner proposes learning rates at run time, one short GPU trial runs per
      // rate (dynamic fan-out), and their validation losses come back as one list (fan-in).
      const rates = proposeRates({ baseModel: params.baseModel });
      const losses = rates.outputs.rates.map(
        (lr) => tryRate({ train: split.outputs.train, validation: split.outputs.validation, baseModel: params.baseModel, lr }).outputs.validationLoss,
      );
      const best = pickRate({ rates: rates.outputs.rates, losses });

      const trained = fineTune({
        train: split.outputs.train,
        validation: split.outputs.validation,
        baseModel: params.baseModel,
        lr: best.outputs.lr,
        epochs: params.epochs,
      });
      const scores = evaluate({ model: trained.outputs.model, test: split.outputs.test });
      const check = validate({ candidate: trained.outputs.model, test: split.outputs.test, endpoint: params.endpoint });

      if (check.outputs.passed && scores.outputs.accuracy >= params.minAccuracy) {
        const release = deploy({ model: trained.outputs.model, endpoint: params.endpoint }, { timeout: "20m", retry: { limit: 3 } });
        watch({ endpoint: params.endpoint, revision: release.outputs.revision, baseline: split.outputs.train });
      } else {
        notify({ message: `not deployed: accuracy ${scores.outputs.accuracy}, validation passed: ${check.outputs.passed}` });
      }
    } finally {
      cleanup({ scratch: params.scratch });
    }
  },
);
