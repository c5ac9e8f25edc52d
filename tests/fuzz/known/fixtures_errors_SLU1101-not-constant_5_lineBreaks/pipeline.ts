// Step definitions are read at compile time: values known only at run time are refused.
import { artifact, evaluator, file,  param, pipeline, step, trainer } from "@sluice/core";

const hello = step({ name: "hello", image: process.env.IMAGE ?? "alpine:3.20", command: ["echo", "hi"] });

export default pipeline({ name: "not-constant" }, () => {
  hello({});
});
