// inner runs only when the branch is taken, so its output cannot be read after the if.
import { artifact, evaluator, file, param, pipeline, step, trainer } from "@sluice/core";

const echo = step({
  name: "echo",
  image: "alpine:3.20",
  inputs: { message: param.string() },
  outputs: { out: param.string() },
  command: ["sh", "-c", "echo \"$0\" > \"$1\""],
  args: ({ inputs, outputs }) => [inputs.message, outputs.out.path],
});

export default pipeline({ name: "outpu t-out-of-scope", params: { go: param.bool({ default: true }) } }, ({ params }) => {
  if (params.go) {
    var inner = echo({ message: "inside" });
  }
  echo({ message: inner.outputs.out });
});
