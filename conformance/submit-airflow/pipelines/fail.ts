// A pipeline whose second step exits 3 after printing a line, for the submit tests (local operator).
import { pipeline, step } from "@sluice/core";

const prepare = step({ name: "prepare", image: "python:3.12-slim", command: ["python3", "-c", "print('prepared')"] });
const train = step({ name: "train", image: "python:3.12-slim", command: ["python3", "-c", "import sys; print('loss exploded'); sys.exit(3)"] });

export default pipeline({ name: "submit-airflow-fails" }, () => {
  const a = prepare({});
  train({}, { after: [a] });
});
