"""Renders the custom resource of every scale-out task with a real Airflow, as a run would.

Usage: check_scale_out.py COUNTS_JSON OUT_JSON FILE.py...
For each DAG file with SparkApplicationOperator or CustomResourceOperator tasks: DagBag loads it;
each such task's templated fields are rendered by the operator's own template rendering for a
sample run (no cluster, no database: the run's context is made here), and the object the
operator would send to the API server is taken from it (Spark: the provider's
CustomObjectLauncher body; others: CustomResourceOperator.resource_body()). Checked here: no
Jinja left, no literal() wrapper left, plain JSON. The objects go to OUT_JSON as
{file name: {task id: object}}; scale-out-rendered.test.ts then compares them with the shared
builder's resource for the same sample values and validates them against the engines' CRDs.
"""

import json
import os
import sys

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
    with open(out_file, "w", encoding="utf-8") as fh:
        json.dump(out, fh, indent=1, sort_keys=True)
    save(counts_file)


if __name__ == "__main__":
    main()
