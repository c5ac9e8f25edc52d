// The results of a .map that returned an object or a task are a list of entries for tsc and the
// compiler alike: a field read on the list itself is refused by both.
import { artifact, param, pipeline, step } from "@sluice/core";

const train = step({ name: "train", image: "alpine:3.20", inputs: { lr: param.float() }, outputs: { acc: param.float(), model: artifact.model() }, command: ["train"] });
const pick = step({ name: "pick", image: "alpine:3.20", inputs: { accs: param.list(param.float()) }, command: ["pick"] });

export default pipeline({ name: "map-collected-bad", params: { rates: param.list(param.float()) } }, ({ params }) => {
  const results = params.rates.map((lr) => {
    const t = train({ lr });
    return { acc: t.outputs.acc };
  });
  const tasks = params.rates.map((lr) => train({ lr }, { name: "again" }));
  pick({ accs: results.acc }); // error TS2339 SLU1106
  pick({ accs: tasks.outputs.acc }, { name: "pick-2" }); // error TS2339 SLU1106
});
