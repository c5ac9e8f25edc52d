// A kind carries checks: a trainer declares a model output, an evaluator a metrics output.
import { artifact, evaluator, param, step, trainer } from "@sluice/core";

export const noModel = trainer({ name: "train", image: "busybox", outputs: { loss: param.float() } }); // error TS2322
export const noOutputs = trainer({ name: "train2", image: "busybox" }); // error TS2345
export const datasetOnly = step({ name: "train3", kind: "trainer", image: "busybox", outputs: { data: artifact.dataset() } }); // error TS2322
export const noMetrics = evaluator({ name: "eval", image: "busybox", outputs: { accuracy: param.float() } }); // error TS2322
