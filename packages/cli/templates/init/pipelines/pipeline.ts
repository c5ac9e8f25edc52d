// Your first pipeline. It is read by the Sluice compiler, never run: a plain `if` becomes the
// orchestrator's condition (and `for`, `.map` and `try/finally` its loops, fan-in and exit
// handlers). Compile it with `npm run compile`.
import { pipeline, step, trainer, param, artifact } from "@sluice/core";

export const prepare = step({
  name: "prepare",
  kind: "preprocessor",
  image: "python:3.12-slim",
  command: ["python", "-m", "prepare"],
  inputs: { source: param.string() },
  outputs: { data: artifact.dataset() },
  args: ({ inputs, outputs }) => ["--source", inputs.source, "--out", outputs.data.path],
});

export const train = trainer({
  name: "train",
  image: "python:3.12-slim",
  command: ["python", "-m", "train"],
  inputs: { data: artifact.dataset(), lr: param.float() },
  outputs: { model: artifact.model(), accuracy: param.float() },
  args: ({ inputs, outputs }) => ["--data", inputs.data, `--lr=${inputs.lr}`, "--model", outputs.model.path, "--accuracy", outputs.accuracy.path],
});

export const publish = step({
  name: "publish",
  kind: "deployer",
  image: "python:3.12-slim",
  command: ["python", "-m", "publish"],
  inputs: { model: artifact.model() },
  args: ({ inputs }) => ["--model", inputs.model],
});

export default pipeline({
  name: "{{name}}",
  params: {
    source: param.string({ default: "s3://my-bucket/data.csv" }),
    lr: param.float({ default: 0.01 }),
    threshold: param.float({ default: 0.9 }),
  },
}, ({ params }) => {
  const data = prepare({ source: params.source }).outputs.data;
  const run = train({ data, lr: params.lr });
  if (run.outputs.accuracy >= params.threshold) publish({ model: run.outputs.model });
});
