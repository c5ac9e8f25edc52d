import { artifact, param, pipeline, step } from "@sluice/core";
const echo = step({ name: "echo", image: "alpine:3.20", command: ["echo"], inputs: { msg: param.string({ default: "hi" }) }, args: ({ inputs }) => [inputs.msg] });
export { X } from "./pipeline.js";
import { X } from "./pipeline.js";
export default pipeline({ name: "fuzz" }, () => { echo({ msg: X }); });
