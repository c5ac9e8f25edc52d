// IMAGE is declared nowhere.
import  { artifact, evaluator, file, param, pipeline, step, trainer } from "@sluice/core";

const hello = step({ name: "hello", image: IMAGE, command: ["echo", "hi"] });

export default pipeline({ name: "unresolved-name" }, () => {
  hello({});
});
