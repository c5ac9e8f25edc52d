// Wiring mistakes in calls: unknown and missing inputs, artifact kinds, parameter types.
import { artifact, param, pipeline, step, trainer } from "@sluice/core";

const load = step({ name: "load", image: "busybox", outputs: { data: artifact.dataset(), rows: param.int() } });

const train = trainer({
  name: "train",
  image: "busybox",
  inputs: { data: artifact.dataset(), lr: param.float(), tag: param.string({ default: "dev" }) },
  outputs: { model: artifact.model(), loss: param.float() },
});

const compare = step({ name: "compare", image: "busybox", inputs: { models: artifact.list(artifact.model()), flag: param.bool() } });

export default pipeline({ name: "wiring", params: { lr: param.float({ default: 0.1 }), label: param.string() } }, ({ params }) => {
  const raw = load({});
  const t = train({ data: raw.outputs.data, lr: params.lr });
  const sets = ["a", "b"].map((_part) => load({}).outputs.data);
  const models = [0.1, 0.2].map((lr) => train({ data: raw.outputs.data, lr }).outputs.model);

  train({ data: raw.outputs.data, lr: 0.1, epochs: 3 }); // error TS2353 SLU1201
  train({ data: raw.outputs.data }); // error TS2345 SLU1202
  train({ data: t.outputs.model, lr: 0.1 }); // error TS2322 SLU1203
  train({ data: raw.outputs.data, lr: 0.1, tag: 7 }); // error TS2322 SLU1203
  train({ data: raw.outputs.data, lr: "0.1" }); // error TS2322 SLU1203
  train({ data: raw.outputs.data, lr: params.label }); // error TS2322 SLU1203
  train({ data: raw.outputs.data, lr: 0.1, tag: raw.outputs.rows }); // error TS2322 SLU1203
  train({ data: "s3://bucket/data.csv", lr: 0.1 }); // error TS2322 SLU1203
  compare({ models: sets, flag: true }); // error TS2322 SLU1203
  compare({ models, flag: "yes" }); // error TS2322 SLU1203
  compare({ models: t.outputs.model, flag: true }); // error TS2740 SLU1203
});
