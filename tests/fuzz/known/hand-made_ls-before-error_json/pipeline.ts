import { artifact, param, pipeline, step } from "@sluice/core";
// a comment with   a line separator
// and   a paragraph separator
const echo = step({ name: "echo", image: "alpine:3.20", command: ["echo"], inputs: { msg: param.string({ default: "hi" }) }, args: ({ inputs }) => [inputs.msg] });
export default pipeline({ name: "fuzz" }, () => { echo({ nope: 1 }); });
