// A .map whose callback returns several outputs (an object, or the task): TypeScript sees a list
// of entries, and so does the compiler. Pick one output per entry with `.map((r) => r.NAME)`;
// each becomes the loop's collected output. (`results.acc` is refused by both: reject/map-collected.ts.)
import { artifact, param, pipeline, step } from "@sluice/core";

const train = step({ name: "train", image: "alpine:3.20", inputs: { lr: param.float() }, outputs: { acc: param.float(), model: artifact.model() }, command: ["train"] });
const pick = step({ name: "pick", image: "alpine:3.20", inputs: { accs: param.list(param.float()), models: artifact.list(artifact.model()) }, command: ["pick"] });

export default pipeline({ name: "map-collected", params: { rates: param.list(param.float(), { default: [0.1, 0.01] }) } }, ({ params }) => {
  const results = params.rates.map((lr) => {
    const t = train({ lr });
    return { acc: t.outputs.acc, model: t.outputs.model };
  });
  const tasks = params.rates.map((lr) => train({ lr }, { name: "train-again" }));
  pick({ accs: results.map((r) => r.acc), models: results.map((r) => r.model) });
  pick({ accs: tasks.map((t) => t.outputs.acc), models: tasks.map((t) => t.outputs.model) }, { name: "pick-again" });
});
