// Conditions on branded outputs and params, fan-out with for...of and .map, fan-in into an
// artifact list, try/finally: all plain TypeScript that tsc accepts as it is.
import { artifact, evaluator, param, pipeline, step, trainer } from "@sluice/core";

const load = step({ name: "load", image: "busybox", outputs: { data: artifact.dataset() } });
const shard = step({
  name: "shard",
  image: "busybox",
  inputs: { parts: param.int() },
  outputs: { files: artifact.list(artifact.dataset()), names: param.list(param.string()), ok: param.bool() },
});
const train = trainer({
  name: "train",
  image: "busybox",
  inputs: { data: artifact.dataset(), lr: param.float(), label: param.string({ default: "x" }) },
  outputs: { model: artifact.model(), loss: param.float() },
});
const evaluate = evaluator({
  name: "evaluate",
  image: "busybox",
  inputs: { models: artifact.list(artifact.model()), losses: param.list(param.float()) },
  outputs: { best: artifact.model(), accuracy: param.float(), stage: param.string(), metrics: artifact.metrics() },
});
const echo = step({ name: "echo", image: "busybox", inputs: { text: param.string() } });

export default pipeline(
  {
    name: "control-flow",
    params: {
      rates: param.list(param.float(), { default: [0.01, 0.1] }),
      threshold: param.float({ default: 0.9 }),
      env: param.string({ default: "prod", enum: ["dev", "prod"] }),
      force: param.bool({ default: false }),
    },
  },
  ({ params }) => {
    const d = load({});
    const s = shard({ parts: 4 });

    // .map over a list param, returning artifacts: fan-in into an artifact.list input.
    const models = params.rates.map((lr) => train({ data: d.outputs.data, lr }).outputs.model);
    // .map over a list output (dynamic fan-out), returning parameter outputs.
    const losses = s.outputs.files.map((data) => train({ data, lr: 0.1 }).outputs.loss);
    const ev = evaluate({ models, losses });

    // Branded parameter outputs compare with literals, params and each other.
    if (ev.outputs.accuracy >= 0.9 && ev.outputs.accuracy >= params.threshold) {
      echo({ text: "good" });
    } else if (ev.outputs.stage === "canary" || !s.outputs.ok) {
      echo({ text: `stage ${ev.outputs.stage}` });
    } else if (params.env != "prod" && !params.force) {
      echo({ text: params.env });
    } else {
      echo({ text: "else" });
    }

    // for...of over a literal array, a list param and a list output.
    for (const text of ["a", "b"]) echo({ text });
    for (const lr of params.rates) {
      train({ data: d.outputs.data, lr, label: `lr-${lr}` });
    }
    for (const name of s.outputs.names) {
      for (const lr of [0.1, 0.2]) train({ data: d.outputs.data, lr, label: name });
    }

    // try/finally: the finally block is the exit handler.
    try {
      echo({ text: ev.outputs.stage });
    } finally {
      echo({ text: "cleanup" });
    }
  },
);
