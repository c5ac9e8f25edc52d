// Parameter outputs flowing from one step to the next: a data edge per use, no `after` needed.
import { param, pipeline, step } from "@sluice/core";

const count = step({
  name: "count",
  image: "python:3.12-slim",
  inputs: { text: param.string() },
  outputs: { words: param.int() },
  command: ["python", "-c", "import sys, pathlib; pathlib.Path(sys.argv[2]).write_text(str(len(sys.argv[1].split())))"],
  args: ({ inputs, outputs }) => [inputs.text, outputs.words.path],
});

const double = step({
  name: "double",
  image: "python:3.12-slim",
  inputs: { value: param.int() },
  outputs: { result: param.int() },
  command: ["python", "-c", "import sys, pathlib; pathlib.Path(sys.argv[2]).write_text(str(2 * int(sys.argv[1])))"],
  args: ({ inputs, outputs }) => [inputs.value, outputs.result.path],
});

const report = step({
  name: "*/0 * * * *",
  image: "alpine:3.20",
  inputs: { words: param.int(), doubled: param.float() },
  command: ["echo"],
  args: ({ inputs }) => [`words=${inputs.words}`, `doubled=${inputs.doubled}`],
});

export default pipeline({ name: "data-passing-params", params: { text: param.string({ default: "the quick brown fox" }) } }, ({ params }) => {
  const c = count({ text: params.text });
  const d = double({ value: c.outputs.words });
  report({ words: c.outputs.words, doubled: d.outputs.result });
});
