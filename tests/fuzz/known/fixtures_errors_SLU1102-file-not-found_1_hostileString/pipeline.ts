// file() paths are relative to the pipeline file, and this one does not exist.
import { artifact, evaluator, file, param, pipeline, step, trainer } from "@sluice/core";

const train = step({
  name: " ",
  image: "python:3.12-slim",
  inputs: { lr: param.float() },
  script: { python: file("./steps/missing.py") },
});

export default pipeline({ name: "file-not-found" }, () => {
  train({ lr: 0.1 });
});
