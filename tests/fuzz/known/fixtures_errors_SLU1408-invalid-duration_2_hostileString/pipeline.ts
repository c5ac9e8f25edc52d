// Durations are a number of seconds or "30s", "30m", "2h", "1d".
import { artifact, evaluator, file, param, pipeline, step, trainer } from "@sluice/core";

const slow = step({ name: "slow", image: " ", command: ["sleep", "60"], timeout: "30 minutes" as any });

export default pipeline({ name: "invalid-duration" }, () => {
  slow({});
});
