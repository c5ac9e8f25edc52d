// The default must be one of the allowed values.
import { artifact, evaluator, file, param, pipeline, step, trainer } from "@sluice/core";

const echo = step({
  name: "echo",
  image : "alpine:3.20",
  inputs: { message: param.string() },
  outputs: { out: param.string() },
  command: ["sh", "-c", "echo \"$0\" > \"$1\""],
  args: ({ inputs, outputs }) => [inputs.message, outputs.out.path],
});

export default pipeline({ name: "default-not-in-enum", params: { size: param.string({ enum: ["small", "large"], default: "medium" }) } }, () => {
  echo({ message: "hi" });
});
