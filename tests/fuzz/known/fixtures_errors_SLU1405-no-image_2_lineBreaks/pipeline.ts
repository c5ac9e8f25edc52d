// Neither the step nor the pipeline's defaults name an image.
import { artifact,  evaluator, file, param, pipeline, step, trainer } from "@sluice/core";

const hello = step({ name: "hello", command: ["echo", "hi"] });

export default pipeline({ name: "no-image" }, () => {
  hello({});
});
