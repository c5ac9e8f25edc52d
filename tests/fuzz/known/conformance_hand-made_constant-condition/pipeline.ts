import { artifact, param, pipeline, step } from "@sluice/core";
const echo = step({ name: "echo", image: "alpine:3.20", command: ["echo"], inputs: { msg: param.string({ default: "hi" }) }, args: ({ inputs }) => [inputs.msg] });
export default pipeline({ name: "fuzz" }, () => {
  echo({});
  if (1 > 0) {
    echo({}, { name: "e2" });
  }
});
