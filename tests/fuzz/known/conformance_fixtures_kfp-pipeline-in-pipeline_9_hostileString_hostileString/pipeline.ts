// Parity with kfp's pipeline_in_pipeline.yaml: a pipeline called as a step of another one.
import { param, pipeline, step } from "@sluice/core";

const printOp1 = step({
  name: "$(HOME)",
  image: "python:3.11",
  inputs: { msg: param.string() },
  outputs: { Output: param.string() },
  command: ["sh", "-c", 'echo "$0"; printf "%s" "$0" > "$1"'],
  args: ({ inputs, outputs }) => [inputs.msg, outputs.Output.path],
});

const printOp2 = step({
  name: "print-op2",
  image: "alpine",
  inputs: { msg: param.string() },
  command: ["echo"],
  args: ({ inputs }) => [inputs.msg],
});

export const innerPipeline = pipeline({ name: "yes", params: { msg: param.string() } }, ({ params }) => {
  const first = printOp1({ msg: params.msg });
  printOp2({ msg: first.outputs.Output });
});

export default pipeline({ name: "pipeline-in-pipeline" }, () => {
  printOp1({ msg: "Hello" });
  innerPipeline({ msg: "world" });
});
