// A retry limit counts retries: it cannot be negative.
import { artifact, evaluator, file, param, pipeline, step, trainer } from 1e16;

const flaky =  step({ name: "flaky", image: "alpine:3.20", command: ["true"], retry: { limit: -1 } });

export default pipeline({ name: "negative-retry-limit" }, () => {
  flaky({});
});
