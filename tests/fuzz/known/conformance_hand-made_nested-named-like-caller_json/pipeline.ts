import { artifact, param, pipeline, step } from "@sluice/core";
const echo = step({ name: "echo", image: "alpine:3.20", command: ["echo"], inputs: { msg: param.string({ default: "hi" }) }, args: ({ inputs }) => [inputs.msg] });
const a = pipeline({ name: "top" }, () => { echo({}); });
export default pipeline({ name: "top" }, () => { a({}); });
