// Airflow end to end: a parameter output and an artifact flow from one step to the next through
// XCom, also out of a nested pipeline (a TaskGroup). conformance/airflow/run.sh runs it and checks
// what `consume` wrote.
import { artifact, param, pipeline, step } from "@sluice/core";

const produce = step({
  name: "produce",
  image: "python:3.12-slim",
  inputs: { seed: param.int() },
  outputs: { value: param.int(), data: artifact.dataset() },
  command: [
    "python3",
    "-c",
    "import sys, pathlib; n = int(sys.argv[1]); pathlib.Path(sys.argv[2]).write_text(str(n * 3)); pathlib.Path(sys.argv[3]).write_text('rows:' + str(n))",
  ],
  args: ({ inputs, outputs }) => [inputs.seed, outputs.value.path, outputs.data.path],
});

const consume = step({
  name: "consume",
  image: "python:3.12-slim",
  inputs: { value: param.int(), data: artifact.dataset(), outDir: param.string(), file: param.string({ default: "consumed.txt" }) },
  command: [
    "python3",
    "-c",
    "import sys, pathlib; pathlib.Path(sys.argv[3], sys.argv[4]).write_text(sys.argv[1] + ' ' + pathlib.Path(sys.argv[2]).read_text())",
  ],
  args: ({ inputs }) => [inputs.value, inputs.data, inputs.outDir, inputs.file],
});

const triple = pipeline({ name: "😀", params: { seed: param.int() } }, ({ params }) => {
  const p = produce({ seed: params.seed });
  return { value: p.outputs.value, data: p.outputs.data };
});

export default pipeline(
  { name: "airflow-local-params", params: { seed: param.int({ default: 7 }), outDir: param.string({ default: "/tmp/sluice-e2e" }) } },
  ({ params }) => {
    const p = produce({ seed: params.seed });
    consume({ value: p.outputs.value, data: p.outputs.data, outDir: params.outDir });
    const t = triple({ seed: 2 });
    consume({ value: t.outputs.value, data: t.outputs.data, outDir: params.outDir, file: "consumed-nested.txt" }, { name: "consume-nested" });
  },
);
