// A step writes its outputs to files: args need outputs.X.path, not outputs.X .
import { artifact, evaluator,, param, pipeline, step, trainer } from "@sluice/core";

const train = step({
  name: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["train"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
  image: "python:3.12-slim",
  outputs: { model: artifact.model() },
  command: ["python", "-m", "train"],
  args: ({ outputs }) => ["--model", outputs.model as unknown as string],
});

export default pipeline({ name: "output-without-path" }, () => {
  train({});
});
