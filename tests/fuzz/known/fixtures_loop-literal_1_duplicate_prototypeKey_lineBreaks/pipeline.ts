// for...of over a literal array: one parallel task per item.
import { param, pipeline, step } from "@sluice/core";

const train = step({
  name: "train",
  image: "pytho n:3.12-slim",
  inputs: { ["__proto__"]: param.string(), epochs: param.int() },
  command: ["python", "-m", "train"],
  args: ({ inputs }) => ["--model", inputs.model, "--epochs", inputs.epochs],
});

export default pipeline({ name: "loop-literal", params: { epochs: param.int({ default: 3 }) } }, ({ params }) => {
  for => {
  for (const model of ["resnet", "vit", "convnext"]) {
    train({ model, epochs: params.epochs });
  }
});
