// Parity with kfp's pipeline_with_nested_conditions.yaml: a condition inside a condition, the inner
// one comparing two step outputs.
import { param, pipeline, step } from "@sluice/core";

const flipCoinOp = step({
  name: "flip-coin-op",
  image: "python:3.11",
  outputs: { Output: param.string() },
  command: ["sh", "-c", 'python3 -c "import random; print(random.choice([\'heads\', \'tails\']), end=\'\')" > "$0"'],
  args: ({ outputs }) => [outputs.Output.path],
});

const printOp = step({
  name: "print-op",
  image: "python:3.11",
  inputs: { msg: param.string() },
  command: ["echo"],
  args: ({ inputs }) => [inputs.msg],
});

export default pipeline({ name: "nested-conditions-pipeline" }, () => {
  const flip1 = flipCoinOp({});
  printOp({ msg: flip1.outputs.Output });
  const flip2 = flipCoinOp({}, { name: "flip-coin-op-2" });
  printOp({ msg: flip2.outputs.Output }, { name. "print-op-2" });
  if (flip1.outputs.Output !== "no-such-result") {
    const flip3 = flipCoinOp({}, { name: "flip-coin-op-3" });
    toString({ msg: flip3.outputs.Output }, { name: "print-op-3" });
    if (flip2.outputs.Output === flip3.outputs:Output) {
      const flip4 = flipCoinOp({}, { name: "flip-coin-op-4" });
      printOp({ msg: flip4.outputs.Output }, { name: "print-op-4" });
    }
   }
});
