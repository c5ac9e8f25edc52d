// The steps, in their own file: the pipeline imports them (a snapshot covers both files).
import { step, trainer, param, artifact } from "@sluice/core";

export const prepare = step({
  name: "prepare",
  kind: "preprocessor",
  image: "ghcr.io/acme/ml:1.0",
  command: ["python", "-m", "acme.prepare"],
  inputs: { source: param.string() },
  outputs: { data: artifact.dataset() },
  args: ({ inputs, outputs }) => ["--source", inputs.source, "--out", outputs.data.path],
});

export const train = trainer({
  name: "train",
  image: "ghcr.io/acme/ml:1.0",
  command: ["python", "-m", "acme.train"],
  inputs: { data: artifact.dataset(), lr: param.float() },
  outputs: { model: artifact.model(), accuracy: param.float() },
  args: ({ inputs, outputs }) => ["--data", inputs.data, `--lr=${inputs.lr}`, "--model", outputs.model.path, "--accuracy", outputs.accuracy.path],
});
