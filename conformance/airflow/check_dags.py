"""Imports generated DAG files with a real Airflow and checks them against the IR beside them.

Usage: check_dags.py COUNTS_JSON FILE.py...
For each file: ruff (default rules) is clean; DagBag imports it with no import error; and, when
`<pipeline>.ir.yaml` sits beside it, the DAG's task ids, dependencies, trigger rules and params
are the ones the IR describes (see ir_model.py).
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys

import yaml

try:  # Airflow 3
    from airflow.dag_processing.dagbag import DagBag
except ImportError:  # Airflow 2
    from airflow.models.dagbag import DagBag

from ir_model import airflow_id, build_expected
from results import check, save

HERE = os.path.dirname(os.path.abspath(__file__))


def ruff_checks(files):
    out = subprocess.run(
        # The Airflow 2.10 venv has no ruff: run.sh names the Airflow 3 venv's (SLUICE_RUFF).
        [os.environ.get("SLUICE_RUFF") or shutil.which("ruff", path=os.path.dirname(sys.executable)) or shutil.which("ruff") or "ruff", "check", "--output-format", "json", "--no-cache", *files],
        capture_output=True,
        text=True,
    )
    problems = {}
    for item in json.loads(out.stdout or "[]"):
        problems.setdefault(os.path.abspath(item["filename"]), []).append(f"{item['code']} line {item['location']['row']}")
    for f in files:
        check(f"ruff {rel(f)}", not problems.get(os.path.abspath(f)), "; ".join(problems.get(os.path.abspath(f), [])))


def rel(path):
    return os.path.relpath(path, os.path.join(HERE, "..", ".."))


def find_ir(py_file):
    folder = os.path.dirname(py_file)
    for name in sorted(os.listdir(folder)):
        if name.endswith(".ir.yaml"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                ir = yaml.safe_load(f)
            if module_name(airflow_id(ir["metadata"]["name"])) == os.path.basename(py_file)[:-3]:
                return ir
    return None


def module_name(dag_id):
    """The file name the docs give a DAG id: '-' (and any other non-identifier) as '_'."""
    base = "".join(c if c.isascii() and (c.isalnum() or c == "_") else "_" for c in dag_id)
    base = f"dag_{base}" if base[:1].isdigit() else base
    return base if len(base) <= 200 else f"{base[:193]}_{hashlib.sha256(dag_id.encode()).hexdigest()[:6]}"


def check_against_ir(label, dag, ir):
    names = [p["name"] for p in ir["spec"]["params"]]
    check(f"{label}: params are the pipeline's", sorted(dag.params.keys()) == sorted(names), f"{sorted(dag.params.keys())} != {sorted(names)}")
    for p in ir["spec"]["params"]:
        if "default" in p and p["name"] in dag.params:
            got = dag.params.get_param(p["name"]).value
            check(f"{label}: default of param {p['name']}", got == p["default"], f"{got!r} != {p['default']!r}")
    exp = build_expected(ir)
    tasks = {t.task_id: t for t in dag.tasks}
    check(f"{label}: task ids", set(tasks) == exp.task_ids, f"extra {sorted(set(tasks) - exp.task_ids)}, missing {sorted(exp.task_ids - set(tasks))}")
    bad_edges = []
    for tid, ups in sorted(exp.upstream.items()):
        if tid in tasks:
            missing = ups - set(tasks[tid].upstream_task_ids)
            if missing:
                bad_edges.append(f"{tid} lacks upstream {sorted(missing)}")
    check(f"{label}: dependencies", not bad_edges, "; ".join(bad_edges))
    bad_names = [f"{tid}: {tasks[tid].task_display_name!r} != {want!r}" for tid, want in sorted(exp.display_names.items()) if tid in tasks and tasks[tid].task_display_name != want]
    check(f"{label}: task display names", not bad_names, "; ".join(bad_names))
    bad_rules = []
    for tid, task in sorted(tasks.items()):
        want = exp.trigger_rules.get(tid)
        if want is None and tid in exp.branch_path:
            # A task waiting for one a branch may skip (inside a branch it is not in) is a join.
            path = exp.branch_path[tid]
            join = any(path[: len(exp.branch_path.get(u, []))] != exp.branch_path.get(u, []) for u in task.upstream_task_ids)
            want = "none_failed_min_one_success" if join else "all_success"
        if want and str(task.trigger_rule.value if hasattr(task.trigger_rule, "value") else task.trigger_rule) != want:
            bad_rules.append(f"{tid}: {task.trigger_rule} != {want}")
    check(f"{label}: trigger rules", not bad_rules, "; ".join(bad_rules))


def main():
    counts_file, files = sys.argv[1], sys.argv[2:]
    ruff_checks(files)
    for f in files:
        bag = DagBag(dag_folder=f)
        errors = bag.import_errors
        check(f"DagBag imports {rel(f)}", not errors and len(bag.dags) == 1, str(errors)[-600:] or f"{len(bag.dags)} DAGs")
        ir = find_ir(f)
        if ir is None or not bag.dags:
            continue
        dag = next(iter(bag.dags.values()))
        check(f"{rel(f)}: dag id is the pipeline name's Airflow id", dag.dag_id == airflow_id(ir["metadata"]["name"]), dag.dag_id)
        want_display = ir["metadata"].get("displayName") or (ir["metadata"]["name"] if dag.dag_id != ir["metadata"]["name"] else None)
        if want_display:
            check(f"{rel(f)}: dag display name", getattr(dag, "dag_display_name", None) == want_display, repr(getattr(dag, "dag_display_name", None)))
        check_against_ir(rel(f), dag, ir)
    save(counts_file)


if __name__ == "__main__":
    main()
