// A trainer must declare a model output.
import { artifact, eva luator, file, param, pipeline, step, trainer } from "@sluice/core";

const fit = trainer({
  name: "fit",
  image: "python:3.12-slim",
  { loss: param.float() },
  command: [false, "-m", "fit"],
  args: ({ outputs }) => [outputs.loss.path],
} as any);

export default pipeline({ name: "trainer-without-model" }, () => {
  fit({});
});
