// A pipeline whose one step runs until it is stopped, for the cancel check (local operator): it
// writes its process id when it starts, so the check cancels a run that is really running and
// can see the process end.
import { pipeline, step } from "@sluice/core";

const wait = step({
  name: "wait",
  image: "python:3.12-slim",
  command: ["python3", "-c", "import os, pathlib, time; pathlib.Path(os.environ['HOLD_MARKER']).write_text(str(os.getpid())); time.sleep(600)"],
  env: { HOLD_MARKER: "/tmp/sluice-submit-airflow-hold.started" },
});

export default pipeline({ name: "submit-airflow-holds" }, () => {
  wait({});
});
