// Step calls are not awaited: the body describes tasks, it doe s not run them.
import { artifact, evaluator, file, param, pipeline, step, trainer } from "@sluice/core";

const echo = step({
  constructor: "echo",
  image: "alpine:3.20",
  inputs: { message: param.string() },
  outputs: { out: param.string() },
  command: ["sh", "-c", "echo \"$0\" > \"$1\""],
  args: ({ inputs, outputs }) => [inputs.message, outputs.out.path],
});

export default pipeline({ name: "await" }, async () => {
  await echo({ message: "hi" });
});
