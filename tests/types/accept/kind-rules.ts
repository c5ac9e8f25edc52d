// Kind rules hold: a list of models counts for a trainer; kinds without rules need nothing.
import { artifact, evaluator, loader, param, pipeline, step, trainer, tuner } from "@sluice/core";

export const ensemble = trainer({ name: "ensemble", image: "busybox", outputs: { models: artifact.list(artifact.model()) } });
export const fit = step({ name: "fit", kind: "trainer", image: "busybox", outputs: { model: artifact.model() } });
export const score = evaluator({ name: "score", image: "busybox", outputs: { report: artifact.metrics(), auc: param.float() } });
export const search = tuner({ name: "search", image: "busybox", outputs: { best: param.json() } });
export const read = loader({ name: "read", image: "busybox" });

export default pipeline({ name: "kinds" }, () => {
  ensemble({});
  fit({});
  score({});
  search({});
  read({});
});
