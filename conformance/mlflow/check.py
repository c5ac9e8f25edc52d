"""Runs examples/local-experiment twice with `sluice run --mlflow URI` and reads both runs back
through MLflow's own client: experiment per pipeline, run per Sluice run, params, metrics, tags
(git commit, IR hash) and artifacts. Prints `N passed, N failed, N skipped`."""
import json
import os
import subprocess
import sys

from mlflow.tracking import MlflowClient

root, uri, work = sys.argv[1], sys.argv[2], sys.argv[3]
store = os.path.join(work, "store")
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"))


def sluice(*args, env=None):
    return subprocess.run(["node", os.path.join(root, "packages/cli/dist/bin.js"), *args], cwd=root, capture_output=True, text=True, env={**os.environ, **(env or {})})


example = "examples/local-experiment/pipeline.ts"
one = sluice("run", example, "--store", store, "--mlflow", uri, "--format", "json")
check("sluice run --mlflow exits 0", one.returncode == 0, one.stdout[-2000:] + one.stderr[-2000:])
# The second run takes the tracking server from the environment, as MLflow's own clients do.
two = sluice("run", example, "--store", store, "--param", "lr=0.05", "--format", "json", env={"MLFLOW_TRACKING_URI": uri})
check("sluice run with MLFLOW_TRACKING_URI exits 0", two.returncode == 0, two.stdout[-2000:] + two.stderr[-2000:])
mlflow_events = [json.loads(l) for l in (one.stdout + two.stdout).splitlines() if l.startswith('{"event":"mlflow"')]
check("each run reports its MLflow run id", len(mlflow_events) == 2, str(mlflow_events))

shown = json.loads(sluice("runs", "show", "1", "--store", store, "--format", "json").stdout)
client = MlflowClient(tracking_uri=uri)
exp = client.get_experiment_by_name("local-experiment")
check("the experiment is named after the pipeline", exp is not None)
if exp is not None:
    runs = {r.data.tags.get("sluice.run_id"): r for r in client.search_runs([exp.experiment_id])}
    check("one MLflow run per Sluice run", sorted(runs) == ["1", "2"], str(sorted(runs)))
    r1, r2 = runs.get("1"), runs.get("2")
    if r1 and r2:
        check("params", r1.data.params.get("lr") == "0.5" and r2.data.params.get("lr") == "0.05" and r1.data.params.get("epochs") == "60", str(r1.data.params))
        want = {k.replace("[", ".").replace("]", ""): v for k, v in shown["metrics"].items()}
        check("metrics equal the store's", all(abs(r1.data.metrics.get(k, float("nan")) - v) < 1e-9 for k, v in want.items()) and "evaluate.accuracy" in r1.data.metrics, f"{r1.data.metrics} vs {want}")
        check("tag: IR hash", r1.data.tags.get("sluice.ir_hash") == shown["run"]["irHash"], str(r1.data.tags))
        commit = (shown["run"].get("git") or {}).get("commit")
        check("tag: git commit", commit is None or r1.data.tags.get("mlflow.source.git.commit") == commit, str(r1.data.tags))
        check("status FINISHED and run name", r1.info.status == "FINISHED" and r1.info.run_name == "local-experiment-1", f"{r1.info.status} {r1.info.run_name}")
        top = sorted(a.path for a in client.list_artifacts(r1.info.run_id))
        model = [a.path for a in client.list_artifacts(r1.info.run_id, "train")]
        check("artifacts uploaded per task", "train" in top and "evaluate" in top and "train/model" in model, f"{top} {model}")
        local = client.download_artifacts(r1.info.run_id, "evaluate/metrics", os.path.join(work, "dl"))
        with open(local) as f:
            check("an artifact's bytes read back", json.load(f)["accuracy"] == shown["metrics"]["evaluate.accuracy"])

passed = sum(results)
failed = len(results) - passed
print(f"{passed} passed, {failed} failed, 0 skipped")
sys.exit(0 if failed == 0 else 1)
