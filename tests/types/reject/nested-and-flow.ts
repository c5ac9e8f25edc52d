// Mistakes around nested pipelines, fan-in and conditions are typed too.
import { artifact, deployer, param, pipeline, trainer } from "@sluice/core";

const train = trainer({ name: "train", image: "busybox", inputs: { lr: param.float() }, outputs: { model: artifact.model(), loss: param.float() } });
const deploy = deployer({ name: "deploy", image: "busybox", inputs: { model: artifact.model() } });
const pick = deployer({ name: "pick", image: "busybox", inputs: { models: artifact.list(artifact.model()) } });

const fit = pipeline({ name: "fit", params: { lr: param.float(), data: artifact.dataset() } }, ({ params }) => {
  const t = train({ lr: params.lr });
  return { model: t.outputs.model, loss: t.outputs.loss };
});

export default pipeline({ name: "outer", params: { rates: param.list(param.float()) } }, ({ params }) => {
  const t = train({ lr: 0.1 });
  fit({ lr: 0.1 }); // error TS2345 SLU1202
  const f = fit({ lr: 0.1, data: t.outputs.model }); // error TS2322 SLU1203
  deploy({ model: f.outputs.loss }); // error TS2739 SLU1203
  deploy({ model: f.outputs.weights }); // error TS2339 SLU1204
  const losses = params.rates.map((lr) => train({ lr }).outputs.loss);
  pick({ models: losses }); // error TS2322 SLU1203
  if (t.outputs.model >= 0.9) deploy({ model: t.outputs.model }); // error TS2365 SLU1205
  for (const lr of params.rates) deploy({ model: lr }); // error TS2322 SLU1203
});
