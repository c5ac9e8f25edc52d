// A kind carries checks: a trainer declares a model output, an evaluator a metrics output.
import { artifact, evaluator, param, pipeline, step, trainer } from "@sluice/core";

export const noModel = trainer({ name: "train", image: "busybox", outputs: { loss: param.float() } }); // error TS2322 SLU1406
export const noOutputs = trainer({ name: "train2", image: "busybox" }); // error TS2345 SLU1406
export const datasetOnly = step({ name: "train3", kind: "trainer", image: "busybox", outputs: { data: artifact.dataset() } }); // error TS2322 SLU1406
export const noMetrics = evaluator({ name: "eval", image: "busybox", outputs: { accuracy: param.float() } }); // error TS2322 SLU1407

export default pipeline({ name: "kinds" }, () => {
  noModel({});
  noOutputs({});
  datasetOnly({});
  noMetrics({});
});
