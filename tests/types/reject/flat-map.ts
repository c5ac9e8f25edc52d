// What `.flatMap` is for, spelt with `.map`: tsc types a nested `.map` as a list of lists, which
// does not fit a list input; the compiler refuses it too (SLU1308) and says to write `.flatMap`.
import { param, pipeline, step } from "@sluice/core";

const train = step({ name: "train", image: "alpine:3.20", inputs: { lr: param.float(), seed: param.int() }, outputs: { acc: param.float() }, command: ["train"] });
const pick = step({ name: "pick", image: "alpine:3.20", inputs: { accs: param.list(param.float()) }, command: ["pick"] });

export default pipeline({ name: "flat-map-bad", params: { rates: param.list(param.float()), seeds: param.list(param.int()) } }, ({ params }) => {
  pick({ accs: params.rates.map((lr) => params.seeds.map((seed) => train({ lr, seed }).outputs.acc)) }); // error TS2322 SLU1308
});
