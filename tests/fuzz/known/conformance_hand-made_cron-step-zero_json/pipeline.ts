import { artifact, param, pipeline, step } from "@sluice/core";
const echo = step({ name: "echo", image: "alpine:3.20", command: ["echo"], inputs: { msg: param.string({ default: "hi" }) }, args: ({ inputs }) => [inputs.msg] });
export default pipeline({ name: "fuzz", schedule: { cron: "*/0 * * * *" } }, () => { echo({}); });
