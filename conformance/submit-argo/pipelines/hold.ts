// A pipeline whose step keeps running on the test cluster until it is canceled: kwok never
// completes a pod labelled sluice.test/hold (conformance/cluster/kwok-stages.yaml).
import { pipeline, step } from "@sluice/core";

const wait = step({ name: "wait", image: "alpine:3.20", command: ["sleep", "infinity"], labels: { "sluice.test/hold": "true" } });

export default pipeline({ name: "submit-holds" }, () => {
  wait({});
});
