"""Renders the custom resource of every scale-out task with a real Airflow, as a run would.

Usage: check_scale_out.py COUNTS_JSON OUT_JSON FILE.py...
For each DAG file with SparkApplicationOperator or CustomResourceOperator tasks: DagBag loads it;
each such task's templated fields are rendered by the operator's own template rendering for a
sample run (no cluster, no database: the run's context is made here), and the object the
operator would send to the API server is taken from it (Spark: the provider's
CustomObjectLauncher body; others: CustomResourceOperator.resource_body()). Checked here: no
Jinja left, no literal() wrapper left, plain JSON. Then each task's own code runs against a fake
Kubernetes API (FakeCluster: the engine reports a running state, then a final one): it creates the
object, waits for the final state, returns or pushes the outputs, and fails on the failure state. The objects go to OUT_JSON as
{file name: {task id: object}}; scale-out-rendered.test.ts then compares them with the shared
builder's resource for the same sample values and validates them against the engines' CRDs.
"""

import contextlib
import copy
import json
import os
import sys
import types

try:  # Airflow 3
    from airflow.dag_processing.dagbag import DagBag
except ImportError:  # Airflow 2
    from airflow.models.dagbag import DagBag

from airflow.providers.cncf.kubernetes.operators.custom_object_launcher import CustomObjectLauncher

from results import check, save

RUN_ID = "sample-run"
SCALE_OUT_OPERATORS = ("SparkApplicationOperator", "CustomResourceOperator")


def sample_output(task_id, name):
    """What the sample run's upstream task returned for one output: text Jinja or a shell would
    change if it were rendered again or left unquoted (a quote, braces, spaces)."""
    return f"<xcom {task_id}.{name}: it's {{{{ not jinja }}}}>"


class SampleOutputs(dict):
    """An upstream task's XCom return value: every output it is asked for."""

    def __init__(self, task_id):
        super().__init__()
        self.task_id = task_id

    def __missing__(self, name):
        return sample_output(self.task_id, name)


class SampleTaskInstance:
    """The `ti` of the sample run: unmapped, and each upstream's XCom is its SampleOutputs."""

    map_index = -1
    run_id = RUN_ID

    def xcom_pull(self, task_ids=None, key="return_value", map_indexes=None, **_):
        if isinstance(task_ids, (list, tuple)):
            return [SampleOutputs(t) for t in task_ids]
        return SampleOutputs(task_ids)


def jinja_left(value, path="$"):
    """Paths of strings that still hold Jinja syntax, and of values that are not plain JSON."""
    if isinstance(value, str):
        return [path] if any(s in value for s in ("{%", "{#")) or ("{{" in value and "not jinja" not in value) else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in jinja_left(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in jinja_left(v, f"{path}[{i}]")]
    if value is None or isinstance(value, (bool, int, float)):
        return []
    return [f"{path} ({type(value).__name__})"]


def rendered_object(task, dag):
    context = {"params": dag.params.dump() if hasattr(dag.params, "dump") else dict(dag.params), "ti": SampleTaskInstance(), "task_instance": SampleTaskInstance(), "run_id": RUN_ID, "dag": dag, "task": task}
    task.render_template_fields(context)
    if type(task).__name__ == "SparkApplicationOperator":
        # The provider's own processing of the template (SparkJobSpec checks included).
        launcher = CustomObjectLauncher(name=task.task_id, namespace=task.namespace, kube_client=None, custom_obj_api=None, template_body=task.template_body)
        return {"object": launcher.body, "artifact_outputs": task.artifact_outputs}
    return {"object": task.resource_body(), "artifact_outputs": task.artifact_outputs}


# A running state, then the final one, per kind (docs/scale-out.md, "When a resource is done").
STATUSES = {
    "SparkApplication": ({"applicationState": {"state": "RUNNING"}}, {"applicationState": {"state": "COMPLETED"}}, {"applicationState": {"state": "FAILED"}}),
    "TrainJob": ({"conditions": [{"type": "Created", "status": "True"}]}, {"conditions": [{"type": "Complete", "status": "True"}]}, {"conditions": [{"type": "Failed", "status": "True"}]}),
    "RayJob": ({"jobStatus": "RUNNING"}, {"jobStatus": "SUCCEEDED"}, {"jobStatus": "FAILED"}),
}


class FakeCluster:
    """Stands for KubernetesHook: records what is created and deleted, and answers each read with
    the next status (the last one repeats)."""

    def __init__(self, body, statuses):
        self.body = copy.deepcopy(body)
        self.statuses = list(statuses)
        self.created = []
        self.deleted = []
        self.reads = 0

    def __call__(self, **_):  # KubernetesHook(conn_id=...)
        return self

    def get_namespace(self):
        return None

    def create_custom_object(self, group, version, plural, body, namespace=None):
        self.created.append((group, version, plural, namespace, copy.deepcopy(body)))
        self.body = copy.deepcopy(body)
        self.body["metadata"]["name"] = body["metadata"]["generateName"] + "x7k2q"
        self.body["metadata"]["namespace"] = namespace
        return copy.deepcopy(self.body)

    def get_custom_object(self, group, version, plural, name, namespace=None):
        self.reads += 1
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        return {**copy.deepcopy(self.body), "status": status}

    def delete_custom_object(self, group, version, plural, name, namespace=None, **_):
        self.deleted.append(name)


class FakeLauncher:
    """The provider's CustomObjectLauncher as the Spark subclass uses it after the driver pod ran."""

    def __init__(self, body):
        self.api_group, self.api_version = body["apiVersion"].split("/")
        self.deleted = []

    def delete_spark_job(self, spark_job_name=None):
        self.deleted.append(spark_job_name)


class PushingTaskInstance(SampleTaskInstance):
    def __init__(self):
        self.pushed = {}

    def xcom_push(self, key, value):
        self.pushed[key] = value


def quiet_execute(task, context):
    # Airflow warns (on stdout) that execute runs outside its task runner, which is the point here.
    with contextlib.redirect_stdout(sys.stderr):
        return task.execute(context)


def run_against_fake_cluster(task, rendered, final):
    """Runs the task's own execute against FakeCluster; returns (outputs, cluster) or raises."""
    body = rendered["object"]
    cluster = FakeCluster(body, [STATUSES[body["kind"]][0], final])
    task.poll_interval = 0
    if type(task).__name__ == "CustomResourceOperator":
        # The DAG file's own module (Airflow wraps execute, so its __globals__ are Airflow's).
        module = sys.modules[type(task).__module__]
        saved = module.KubernetesHook
        module.KubernetesHook = cluster
        try:
            return quiet_execute(task, {"ti": PushingTaskInstance()}), cluster
        finally:
            module.KubernetesHook = saved
    # Spark: the provider's part (create the application, follow the driver pod) is replaced by
    # its end: the driver pod is done and the provider deletes the application.
    spark_base = type(task).__mro__[1]
    body = {**body, "metadata": {**body["metadata"], "name": "features-x7k2q"}}
    cluster.body = body
    task.__dict__["hook"] = cluster
    task.__dict__["launcher"] = FakeLauncher(body)
    driver = types.SimpleNamespace(metadata=types.SimpleNamespace(name="features-x7k2q-driver"))
    saved = spark_base.execute
    spark_base.execute = lambda self, context: self.process_pod_deletion(driver)
    ti = PushingTaskInstance()
    try:
        quiet_execute(task, {"ti": ti})
    finally:
        spark_base.execute = saved
    cluster.deleted = task.__dict__["launcher"].deleted
    return ti.pushed.get("return_value"), cluster


def check_runs(label, task, rendered):
    kind = rendered["object"]["kind"]
    outputs, cluster = run_against_fake_cluster(task, rendered, STATUSES[kind][1])
    status_outputs = {name: "COMPLETED" if kind == "SparkApplication" else "SUCCEEDED" for name in (task.status_outputs or {})}
    want = {**(rendered["artifact_outputs"] or {}), **status_outputs} or None
    check(f"{label}: waits for the final state and returns its outputs", outputs == want and cluster.reads == 2, f"outputs {outputs!r}, want {want!r}, {cluster.reads} reads")
    if kind != "SparkApplication":
        created = cluster.created[0][4]["metadata"] if cluster.created else {}
        check(f"{label}: creates the resource under generateName", "name" not in created and created.get("generateName") == rendered["object"]["metadata"]["generateName"], repr(created))
    else:
        check(f"{label}: the provider deletes the application after it is read", cluster.deleted == ["features-x7k2q"], repr(cluster.deleted))
    try:
        run_against_fake_cluster(task, rendered, STATUSES[kind][2])
        failed = None
    except Exception as e:  # noqa: BLE001 - any exception fails the task in Airflow
        failed = e
    check(f"{label}: fails when the engine reports failure", failed is not None and "failed" in str(failed), repr(failed))


def main():
    counts_file, out_file, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    out = {}
    for f in files:
        bag = DagBag(dag_folder=f)
        for dag in bag.dags.values():
            for task in dag.tasks:
                if type(task).__name__ not in SCALE_OUT_OPERATORS:
                    continue
                label = f"{os.path.basename(f)}: {task.task_id} renders its {type(task).__name__} resource"
                try:
                    rendered = rendered_object(task, dag)
                    json.dumps(rendered)
                except Exception as e:  # noqa: BLE001 - the check reports any failure to render
                    check(label, False, f"{type(e).__name__}: {e}")
                    continue
                left = jinja_left(rendered)
                if check(label, not left, ", ".join(left)):
                    out.setdefault(os.path.basename(f), {})[task.task_id] = rendered
                    check_runs(f"{os.path.basename(f)}: {task.task_id}", task, rendered)
    with open(out_file, "w", encoding="utf-8") as fh:
        json.dump(out, fh, indent=1, sort_keys=True)
    save(counts_file)


if __name__ == "__main__":
    main()
