// A pipeline whose second step fails on the test cluster: kwok fails any pod labelled
// sluice.test/fail (conformance/cluster/kwok-stages.yaml). `report` never runs.
import { pipeline, step } from "@sluice/core";

const prepare = step({ name: "prepare", image: "alpine:3.20", command: ["true"] });
const train = step({ name: "train", image: "alpine:3.20", command: ["false"], labels: { "sluice.test/fail": "true" } });
const report = step({ name: "report", image: "alpine:3.20", command: ["true"] });

export default pipeline({ name: "submit-fails" }, () => {
  const a = prepare({});
  const b = train({}, { after: [a] });
  report({}, { after: [b] });
});
