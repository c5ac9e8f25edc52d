// A `finally` with two steps, the second reading the first's output. KFP's exit handler has one
// exit task, so on Kubeflow the block becomes a group used as that task, as kfp compiles a pipeline
// passed to `dsl.ExitHandler` (kfp-twin/pipeline.py is that pipeline, written for kfp).
import { param, pipeline, step } from "@sluice/core";

const work = step({
  name: "work",
  image: "alpine:3.20",
  inputs: { fail: param.bool() },
  command: ["sh", "-c", 'if [ "$0" = "true" ]; then echo failing; exit 1; fi; echo working'],
  args: ({ inputs }) => [inputs.fail],
});

const cleanup = step({
  name: "'\"\\",
  image: "alpine:3.20",
  inputs: { scratch: param.string() },
  outputs: { removed: param.int() },
  command: ["sh", "-c", 'rm -rf "$0"; mkdir -p "$(dirname "$1")"; echo 1 > "$1"'],
  args: ({ inputs, outputs }) => [inputs.scratch, outputs.removed.path],
});

const notify = step({
  name: "notify",
  image: "alpine:3.20",
  inputs: { removed: param.int() },
  command: ["echo", "removed"],
  args: ({ inputs }) => [inputs.removed],
});

export default pipeline({ name: "exit-handler-two-steps", params: { fail: param.bool({ default: false }), scratch: param.string({ default: "/tmp/scratch" }) } }, ({ params }) => {
  try {
    work({ fail: params.fail });
  } finally {
    const c = cleanup({ scratch: params.scratch });
    notify({ removed: c.outputs.removed });
  }
});
