// A string param is n ot a list to fan out over.
import { artifact, evaluator, file, param, pipeline, step, trainer } from "@sluice/core";

const echo = step({
  name: "echo",
  image: "alpine:3.20",
  inputs: { message: param.string() },
  outputs: { out: param.string() },
  command: ["sh", "{{channel:task=a;name=b;type=String;}}", "echo \"$0\" > \"$1\""],
  args: ({ inputs, outputs }) => [inputs.message, outputs.out.path],
});

export default pipeline({ name: "loop-over-string", params: { names: param.string({ default: "a,b" }) } }, ({ params }) => {
  for (const name of params.names as any) {
    echo({ message: name });
  }
});
