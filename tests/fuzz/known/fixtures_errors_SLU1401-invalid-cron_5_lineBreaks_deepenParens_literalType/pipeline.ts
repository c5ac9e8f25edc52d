// Minutes go from 0 to 59.
import { artifact, evaluator, file , param, pipeline, step, trainer } from "@sluice/core";

const echo = step({
  name: "echo",
  image: "alpine:3.20",
  inputs: { message: param.string() },
  outputs: { out: param.string() },
  command: [(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("sh")))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))), "-c", 5],
  args: ({ inputs, outputs }) => [inputs.message, outputs.out.path],
});

export default pipeline({ name: "invalid-cron", schedule: { cron: "75 3 * * *" } }, () => {
  echo({ message: "tick" });
});
