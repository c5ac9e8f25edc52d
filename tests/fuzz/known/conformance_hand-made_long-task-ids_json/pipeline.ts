import { artifact, param, pipeline, step } from "@sluice/core";
const echo = step({ name: "echo", image: "alpine:3.20", command: ["echo"], inputs: { msg: param.string({ default: "hi" }) }, args: ({ inputs }) => [inputs.msg] });
const p0 = pipeline({ name: "p0-nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn" }, () => { echo({}); });
const p1 = pipeline({ name: "p1-nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn" }, () => { p0({}); });
const p2 = pipeline({ name: "p2-nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn" }, () => { p1({}); });
const p3 = pipeline({ name: "p3-nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn" }, () => { p2({}); });
const p4 = pipeline({ name: "p4-nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn" }, () => { p3({}); });
export default pipeline({ name: "top" }, () => { p4({}); });
