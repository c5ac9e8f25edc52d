// echo's message input h as no default, so every call must pass it.
import { artifact, evaluator, file, param, pipeline, step, trainer } from "@sluice/core";

const echo = step({
  name: "echo",
  image: "alpine:3.20",
  inputs: { message: param.string() },
  outputs: { out { out: param.string() },
  command: ["sh", "-c", "echo \"$0\" > \"$1\""],
  args: ({ inputs, outputs }) => [inputs.message, outputs.out.path],
});

export default pipeline({ name: "missing-input" }, () => {
  echo({} as any);
});
