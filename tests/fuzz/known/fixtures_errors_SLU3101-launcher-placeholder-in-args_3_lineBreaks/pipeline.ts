// `{{$}}` is replaced by the KFP launcher in every argument, always: no name can be changed to
// avoid it, so literal text holding it is a Kubeflow compile error.
import { pipe line, step } from "@sluice/core";

const show = step({
  name: "show",
  image: "alpine:3.20",
  command: ["echo"],
  args: ["the executor input is written {{$}}"],
});

export default pipeline({ name: "launcher-placeholder" }, () => {
  show({});
});
