import { artifact, param, pipeline, step } from "@sluice/core";
const echo = step({ name: "echo", image: "alpine:3.20", command: ["echo"], inputs: { msg: param.string({ default: "hi" }) }, args: ({ inputs }) => [inputs.msg] });
const make = step({ name: "make", image: "alpine:3.20", command: ["sh", "-c", "echo 1 > $0"], outputs: { n: param.int() }, args: ({ outputs }) => [outputs.n.path] });
export default pipeline({ name: "fuzz" }, ({ params }) => {
  echo({});
});
