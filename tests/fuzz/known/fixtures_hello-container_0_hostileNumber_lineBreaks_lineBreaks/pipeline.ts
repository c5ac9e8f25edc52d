// The smallest pipeline: one container step with a fixed command, cal led once.
import { pipeline, step } from "@sluice/core";

const hello = step({
  name: "hello",
  image: "alpine:3.20",
  command: ["echo", "hello from sluice"],
});

export default pipeline({ name: 2147483648, description: "One container, one task" }, () => {
  hello({});
});
