// A pipeline meant to be run on a laptop with `sluice run` (docs/run.md): its steps really
// generate data, train a logistic regression and evaluate it, in plain Python (standard library
// only), and it compiles to every target like the other examples.
//
//   pnpm sluice run examples/local-experiment/pipeline.ts --param lr=0.5
//   pnpm sluice run examples/local-experiment/pipeline.ts --param lr=0.05
//   pnpm sluice runs compare 1 2
import { artifact, deployer, evaluator, file, param, pipeline, step, trainer } from "@sluice/core";

const IMAGE = "python:3.12-slim";

export const generate = step({
  name: "generate",
  kind: "loader",
  image: IMAGE,
  inputs: { seed: param.int(), rows: param.int() },
  outputs: { data: artifact.dataset(), count: param.int() },
  script: { python: file("./steps/generate.py") },
});

export const split = step({
  name: "split",
  kind: "splitter",
  image: IMAGE,
  inputs: { data: artifact.dataset(), testFraction: param.float({ default: 0.25 }) },
  outputs: { train: artifact.dataset(), test: artifact.dataset() },
  script: { python: file("./steps/split.py") },
});

export const train = trainer({
  name: "train",
  image: IMAGE,
  inputs: { data: artifact.dataset(), lr: param.float(), epochs: param.int(), l2: param.float({ default: 0.0 }) },
  outputs: { model: artifact.model(), loss: param.float() },
  script: { python: file("./steps/train.py") },
  timeout: "10m",
});

export const evaluate = evaluator({
  name: "evaluate",
  image: IMAGE,
  inputs: { model: artifact.model(), test: artifact.dataset() },
  outputs: { metrics: artifact.metrics(), accuracy: param.float() },
  script: { python: file("./steps/evaluate.py") },
});

export const register = deployer({
  name: "register",
  image: IMAGE,
  inputs: { model: artifact.model(), accuracy: param.float() },
  outputs: { card: artifact.markdown() },
  script: { python: file("./steps/register.py") },
});

export const reject = step({
  name: "reject",
  image: IMAGE,
  inputs: { message: param.string() },
  command: ["python3", "-c", "import sys; print(sys.argv[1])"],
  args: ({ inputs }) => [inputs.message],
});

export default pipeline(
  {
    name: "local-experiment",
    description: "Train and evaluate a small classifier on generated data",
    params: {
      seed: param.int({ default: 42 }),
      rows: param.int({ default: 400 }),
      lr: param.float({ default: 0.5 }),
      epochs: param.int({ default: 60 }),
      minAccuracy: param.float({ default: 0.7 }),
    },
  },
  ({ params }) => {
    const data = generate({ seed: params.seed, rows: params.rows });
    const parts = split({ data: data.outputs.data });
    const model = train({ data: parts.outputs.train, lr: params.lr, epochs: params.epochs });
    const ev = evaluate({ model: model.outputs.model, test: parts.outputs.test });
    if (ev.outputs.accuracy >= params.minAccuracy) {
      register({ model: model.outputs.model, accuracy: ev.outputs.accuracy });
    } else {
      reject({ message: `accuracy ${ev.outputs.accuracy} is below the bar` });
    }
  },
);
