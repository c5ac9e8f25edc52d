"""Proves the artifact move of Airflow pods (docs/targets/airflow.md, "What a step receives").

Usage: check_transfer.py COUNTS_JSON DAG_FILE S3_ENDPOINT [VOLUME_DAG_FILE]
1. Pod shape, from the real provider: each KubernetesPodOperator of the DAG builds its pod with
   `build_pod_request_obj`; the pod must hold the step's container ("base") and the transfer
   sidecar, both mounting the shared emptyDir at /tmp/sluice.
2. The move, for real: the arguments are rendered by Airflow's own templating (a run id, and the
   XCom the producer's pod wrote), then each pod's two scripts (the step's wrapper and the
   sidecar's transfer script, as rendered) run as local processes side by side against the
   S3-compatible server at S3_ENDPOINT, with the AWS CLI the default transfer image holds. The
   pod's mount points are emulated by one folder per pod (every `/tmp/sluice` and
   `/airflow/xcom` in the scripts points there), and Kubernetes' $(VAR) expansion is applied.
   What the consumer wrote, read from the object store, must be what the producer wrote.
3. Volume mode (VOLUME_DAG_FILE, the same fixture compiled with --airflow-artifact-transfer
   volume): each pod mounts the claim at /sluice/artifacts and has no sidecar; its wrapper runs
   locally with that mount emulated by one folder both pods share.
"""

import json
import os
import subprocess
import sys
import tempfile

try:  # Airflow 3
    from airflow.dag_processing.dagbag import DagBag
except ImportError:  # Airflow 2
    from airflow.models.dagbag import DagBag

from results import check, save
from run_e2e import k8s_expand

RUN_ID = "manual__2025-01-01T00:00:00+00:00"


def build_pod(task):
    try:
        return task.build_pod_request_obj(None, dry_run=True)
    except TypeError:  # providers before dry_run
        return task.build_pod_request_obj(None)


def check_shape(task):
    pod = build_pod(task)
    names = [c.name for c in pod.spec.containers]
    check(f"pod {task.task_id}: the step's container and the transfer sidecar", names[:2] == ["base", "sluice-transfer"], str(names))
    volumes = {v.name: v for v in pod.spec.volumes or []}
    check(f"pod {task.task_id}: a shared emptyDir", "sluice-transfer" in volumes and volumes["sluice-transfer"].empty_dir is not None, str(list(volumes)))
    for c in pod.spec.containers[:2]:
        mounts = {m.name: m.mount_path for m in c.volume_mounts or []}
        check(f"pod {task.task_id}: {c.name} mounts it at /tmp/sluice", mounts.get("sluice-transfer") == "/tmp/sluice", str(mounts))
    base, sidecar = pod.spec.containers[0], pod.spec.containers[1]
    check(f"pod {task.task_id}: the step runs its own image", base.image == task.image, f"{base.image!r}")
    check(f"pod {task.task_id}: the sidecar runs the default transfer image", sidecar.image.startswith("amazon/aws-cli:"), sidecar.image)
    return pod


class FakeTI:
    """What the templates read of a task instance: its ids and the XCom of upstream tasks."""

    def __init__(self, task, xcoms):
        self.task_id, self.dag_id, self.run_id, self.map_index, self.try_number = task.task_id, task.dag_id, RUN_ID, -1, 1
        self.xcoms = xcoms

    def xcom_pull(self, task_ids=None, key="return_value", **_):
        return self.xcoms.get(task_ids)


def render(task, dag, xcoms):
    context = {"dag": dag, "run_id": RUN_ID, "ti": FakeTI(task, xcoms), "task": task, "params": dag.params, "ds": "2025-01-01"}
    env = dag.get_template_env()
    return task.render_template(task.cmds, context, env), task.render_template(task.arguments, context, env)


def localize(text, root, volume=None):
    """Points the pod's mount points at local folders (roots must not start with /tmp/sluice)."""
    text = text.replace("/tmp/sluice", os.path.join(root, "sluice")).replace("/airflow/xcom", os.path.join(root, "xcom"))
    return text.replace("/sluice/artifacts", volume) if volume else text


def run_pod(task, pod, dag, xcoms, env):
    """Runs the step's wrapper and the sidecar script of one pod as local processes."""
    root = tempfile.mkdtemp(prefix=f"pod-{task.task_id}-")
    cmds, args = render(task, dag, xcoms)
    sidecar = pod.spec.containers[1].command
    step_argv = [localize(k8s_expand(a, {}), root) for a in list(cmds) + list(args)]
    side_argv = [localize(k8s_expand(a, {}), root) for a in sidecar]
    side = subprocess.Popen(side_argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    step = subprocess.run(step_argv, env=env, capture_output=True, text=True, timeout=300)
    side_out, _ = side.communicate(timeout=300)
    ok = check(f"move {task.task_id}: the step and the sidecar exit 0", step.returncode == 0 and side.returncode == 0, f"step {step.returncode}: {step.stderr[-600:]} sidecar {side.returncode}: {side_out[-600:]}")
    xcom_file = os.path.join(root, "xcom", "return.json")
    return json.load(open(xcom_file, encoding="utf-8")) if ok and os.path.exists(xcom_file) else None


def check_volume(counts_file, dag_file):
    bag = DagBag(dag_folder=dag_file)
    if not check("volume fixture imports", not bag.import_errors and len(bag.dags) == 1, str(bag.import_errors)[-600:]):
        return
    dag = next(iter(bag.dags.values()))
    shared = tempfile.mkdtemp(prefix="volume-")
    xcoms = {}
    for task_id in ("produce", "consume"):
        task = dag.get_task(task_id)
        pod = build_pod(task)
        names = [c.name for c in pod.spec.containers]
        check(f"volume pod {task_id}: no transfer sidecar", names[0] == "base" and "sluice-transfer" not in names, str(names))
        claims = {v.name: v.persistent_volume_claim.claim_name for v in pod.spec.volumes or [] if v.persistent_volume_claim}
        mounts = {m.name: m.mount_path for m in pod.spec.containers[0].volume_mounts or []}
        check(f"volume pod {task_id}: the claim is mounted at /sluice/artifacts", claims.get("sluice-artifacts") == "sluice-artifacts" and mounts.get("sluice-artifacts") == "/sluice/artifacts", f"{claims} {mounts}")
        root = tempfile.mkdtemp(prefix=f"pod-{task_id}-")
        cmds, args = render(task, dag, xcoms)
        argv = [localize(k8s_expand(a, {}), root, shared) for a in list(cmds) + list(args)]
        run = subprocess.run(argv, capture_output=True, text=True, timeout=120)
        check(f"volume move {task_id}: the step exits 0", run.returncode == 0, run.stderr[-600:])
        with open(os.path.join(root, "xcom", "return.json"), encoding="utf-8") as f:
            # XCom holds paths on the volume as the pod sees them.
            xcoms[task_id] = json.load(f)
    summary = xcoms["consume"]["summary"].replace("/sluice/artifacts", shared)
    want = f"{dag.params['text']}\nw1\ncfg\nrows=2\n"
    got = open(summary, encoding="utf-8").read() if os.path.exists(summary) else None
    check("volume move consume: it read both inputs from the volume and wrote its output there", got == want, repr(got))


def s3(env, *args):
    return subprocess.run(["aws", "s3", *args], env=env, capture_output=True, text=True, timeout=120)


def main():
    counts_file, dag_file, endpoint = sys.argv[1], sys.argv[2], sys.argv[3]
    bag = DagBag(dag_folder=dag_file)
    check("transfer fixture imports", not bag.import_errors and len(bag.dags) == 1, str(bag.import_errors)[-600:])
    if not bag.dags:
        return save(counts_file)
    dag = next(iter(bag.dags.values()))
    produce, consume = dag.get_task("produce"), dag.get_task("consume")
    pods = {t.task_id: check_shape(t) for t in (produce, consume)}
    env = dict(os.environ, AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION="us-east-1")
    made = s3(env, "mb", "s3://sluice-artifacts")
    if not check("move: the test bucket exists on the S3 server", made.returncode == 0, made.stderr[-400:]):
        return save(counts_file)
    xcoms = {}
    xcoms["produce"] = run_pod(produce, pods["produce"], dag, xcoms, env)
    check("move produce: XCom holds the artifacts' URIs and the param", bool(xcoms["produce"]) and str(xcoms["produce"].get("report", "")).startswith("s3://sluice-artifacts/") and xcoms["produce"].get("rows") == 2, str(xcoms["produce"]))
    listing = s3(env, "ls", "--recursive", "s3://sluice-artifacts/")
    check("move produce: a file artifact and a folder artifact are in the store", "produce/report" in listing.stdout and "produce/model/weights.bin" in listing.stdout, listing.stdout)
    if not xcoms["produce"]:
        return save(counts_file)
    result = run_pod(consume, pods["consume"], dag, xcoms, env)
    summary_uri = (result or {}).get("summary", "")
    got = s3(env, "cp", summary_uri, "-") if summary_uri else None
    want = f"{dag.params['text']}\nw1\ncfg\nrows=2\n"
    check("move consume: it read both inputs from local paths and its output reached the store", got is not None and got.stdout == want, repr(got.stdout if got else None))
    if len(sys.argv) > 4:
        check_volume(counts_file, sys.argv[4])
    save(counts_file)


if __name__ == "__main__":
    main()
