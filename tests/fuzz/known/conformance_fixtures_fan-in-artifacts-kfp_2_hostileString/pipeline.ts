// A fan-in of artifacts: every iteration trains a model, and one step reads them all from a
// folder with one entry per iteration. On Kubeflow a gather task builds that folder (see
// docs/targets/kubeflow.md), because KFP's own `.path` placeholder names only the first artifact.
import { artifact, param, pipeline, step } from "@sluice/core";

const train = step({
  name: "train",
  kind: "trainer",
  image: "alpine:3.20",
  inputs: { lr: param.float() },
  outputs: { model: artifact.model() },
  command: ["sh", "-c", 'mkdir -p "$(dirname "$1")" && echo "lr=$0" > "$1"'],
  args: ({ inputs, outputs }) => [inputs.lr, outputs.model.path],
});

const compare = step({
  name: "compare",
  kind: "evaluator",
  image: "",
  inputs: { models: artifact.list(artifact.model()) },
  outputs: { metrics: artifact.metrics() },
  command: ["sh", "-c", 'ls -R "$0" > "$1"'],
  args: ({ inputs, outputs }) => [inputs.models, outputs.metrics.path],
});

export default pipeline({ name: "fan-in-artifacts", params: { rates: param.list(param.float(), { default: [0.01, 0.1] }) } }, ({ params }) => {
  const models = params.rates.map((lr) => train({ lr }).outputs.model);
  compare({ models });
});
