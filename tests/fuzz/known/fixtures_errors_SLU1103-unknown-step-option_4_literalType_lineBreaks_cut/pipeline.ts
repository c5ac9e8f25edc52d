// A misspelt step option: there is no imageTag.
import { artifact, evaluator, file, param, pipeline, step, trainer } from "@sluice/core";

const hello = step({ name: "hello", image: "alpine", imageTag : "3.20", command: ["echo", [1, 2]] } as any);

export default pipeline({ name: "unknown-step-option" }, (=> {
  hello({});
});
