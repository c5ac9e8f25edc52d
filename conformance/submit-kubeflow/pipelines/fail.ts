// A pipeline whose second task fails in the KFP emulator (it fails tasks whose names end in
// "fails"), for the Kubeflow submit checks.
import { pipeline, step } from "@sluice/core";

const prepare = step({ name: "prepare", image: "python:3.12-slim", command: ["python3", "-c", "print('prepared')"] });
const train = step({ name: "train-fails", image: "python:3.12-slim", command: ["python3", "-c", "import sys; sys.exit(3)"] });

export default pipeline({ name: "submit-kubeflow-fails" }, () => {
  const a = prepare({});
  train({}, { after: [a] });
});
