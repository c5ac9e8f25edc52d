// `.flatMap` collects a fan-in from a branch (`[value]` / `[]`) or from an inner `.map`: tsc types
// it as the flat list every target gives at run time, so it fits a list input as is.
import { artifact, param, pipeline, step } from "@sluice/core";

const train = step({ name: "train", image: "alpine:3.20", inputs: { lr: param.float(), seed: param.int() }, outputs: { acc: param.float(), model: artifact.model() }, command: ["train"] });
const pick = step({ name: "pick", image: "alpine:3.20", inputs: { accs: param.list(param.float()), models: artifact.list(artifact.model()) }, command: ["pick"] });

export default pipeline({ name: "flat-map", params: { rates: param.list(param.float(), { default: [0.1, 0.01] }), seeds: param.list(param.int(), { default: [1, 2] }), min: param.float({ default: 0.05 }) } }, ({ params }) => {
  const accs = params.rates.flatMap((lr) => {
    if (lr > params.min) {
      return [train({ lr, seed: 0 }).outputs.acc];
    }
    return [];
  });
  const models = params.rates.flatMap((lr) => params.seeds.map((seed) => train({ lr, seed }, { name: "train-grid" }).outputs.model));
  pick({ accs, models });
});
