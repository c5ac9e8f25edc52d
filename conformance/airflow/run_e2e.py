"""Runs the local-operator fixtures end to end in a real Airflow and checks what the steps wrote.

Usage: run_e2e.py COUNTS_JSON FIXTURES_DIR
Needs AIRFLOW_HOME with a migrated SQLite database and AIRFLOW__CORE__DAGS_FOLDER pointing at a
folder holding the DAG files. Each DAG runs with `airflow dags test` and an outDir of its own.
"""

import ast
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

import yaml

from results import check, save


def run_dag(dag_id, conf):
    out = subprocess.run(["airflow", "dags", "test", dag_id, "--conf", json.dumps(conf)], capture_output=True, text=True)
    db = sqlite3.connect(os.path.join(os.environ["AIRFLOW_HOME"], "airflow.db"))
    state = db.execute("select state from dag_run where dag_id = ? order by id desc limit 1", (dag_id,)).fetchone()
    tis = db.execute(
        "select task_id, map_index, state from task_instance where dag_id = ? and run_id = (select run_id from dag_run where dag_id = ? order by id desc limit 1)",
        (dag_id, dag_id),
    ).fetchall()
    db.close()
    states = {}
    for task_id, map_index, ti_state in tis:
        states.setdefault(task_id, {})[map_index] = ti_state
    return (state[0] if state else None), states, out


def read(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def out_dir():
    return tempfile.mkdtemp(prefix="sluice-e2e-")


def explain(out):
    return (out.stdout + out.stderr)[-1500:]


def e2e_params():
    d = out_dir()
    state, _, out = run_dag("airflow-local-params", {"outDir": d, "seed": 5})
    check("e2e params: run succeeded", state == "success", f"state {state}\n{explain(out)}")
    got = read(d, "consumed.txt")
    check("e2e params: a param output and an artifact reached the next step", got == "15 rows:5", repr(got))
    nested = read(d, "consumed-nested.txt")
    check("e2e params: outputs of a nested pipeline (TaskGroup) reached the caller's step", nested == "6 rows:2", repr(nested))


def e2e_condition():
    d = out_dir()
    state, states, out = run_dag("airflow-local-condition", {"outDir": d, "score": 0.6})
    check("e2e condition: run succeeded", state == "success", f"state {state}\n{explain(out)}")
    written = sorted(n for n in os.listdir(d) if n.startswith("branch-"))
    check("e2e condition: the branch the data chose ran, and only it", written == ["branch-mid.txt"], str(written))
    skipped = [t for t in ("high", "low") if states.get(t, {}).get(-1) == "skipped"]
    check("e2e condition: the other branches were skipped", skipped == ["high", "low"], str(states))


def e2e_loop():
    d = out_dir()
    state, states, out = run_dag("airflow-local-loop", {"outDir": d, "words": ["epsilon", "zeta"]})
    check("e2e loop: run succeeded", state == "success", f"state {state}\n{explain(out)}")
    check("e2e loop: one mapped task per item", sorted(states.get("for-each-x.square", {})) == [0, 1, 2], str(states.get("for-each-x.square")))
    squares = [read(d, f"square-{x}.txt") for x in (1, 2, 3)]
    check("e2e loop: each item ran", squares == ["1", "4", "9"], str(squares))
    check("e2e loop: the fan-in saw every result", read(d, "total.txt") == "14", repr(read(d, "total.txt")))
    words = [read(d, f"word-{w}.txt") for w in ("alpha", "beta")]
    check("e2e loop: a loop over a literal list ran per item", words == ["alpha", "beta"], str(words))
    lengths = [read(d, f"len-{w}.txt") for w in ("alpha", "beta")]
    check("e2e loop: a step read the output of another step of the same iteration", lengths == ["5", "4"], str(lengths))
    from_param = [read(d, f"word-{w}.txt") for w in ("epsilon", "zeta")]
    check("e2e loop: a loop over a list param ran per item of the run's value", from_param == ["epsilon", "zeta"], str(from_param))
    check("e2e loop: one mapped task per param item", sorted(states.get("for-each-word-2.greet-param", {})) == [0, 1], str(states.get("for-each-word-2.greet-param")))


def e2e_loop_bodies():
    d = out_dir()
    conf = {"outDir": d, "languages": ["fr", "deu", "en"], "sizes": ["small", "large"]}
    state, states, out = run_dag("airflow-local-loop-bodies", conf)
    check("e2e loop bodies: run succeeded", state == "success", f"state {state}\n{explain(out)}")
    # The list step writes [7, 2, 9, 4]; score is x * 10; the branch is high when the score is >= 50.
    branches = sorted(n for n in os.listdir(d) if n.startswith("branch-"))
    want = ["branch-high-7.txt", "branch-high-9.txt", "branch-low-2.txt", "branch-low-4.txt"]
    check("e2e loop bodies: each iteration took the branch its own score chose, and only it", branches == want, str(branches))
    high = states.get("for-each-x.mark-high", {})
    low = states.get("for-each-x.mark-low", {})
    skipped = ([i for i in sorted(high) if high[i] == "skipped"], [i for i in sorted(low) if low[i] == "skipped"])
    check("e2e loop bodies: the branch not taken was skipped in that iteration only", skipped == ([1, 3], [0, 2]), f"{high} {low}")
    scores = read(d, "scores.json")
    check("e2e loop bodies: the fan-in after the loop saw every iteration, in item order", scores is not None and json.loads(scores) == [70, 20, 90, 40], repr(scores))
    reports = read(d, "reports.json")
    want_reports = ["fr:200", "deu:300", "en:200"]
    check("e2e loop bodies: an imported nested pipeline ran once per item, its outputs collected in item order", reports is not None and json.loads(reports) == want_reports, repr(reports))
    evals = sorted(n for n in os.listdir(d) if n.startswith("eval-"))
    check("e2e loop bodies: the nested pipeline's steps ran per item", evals == ["eval-deu.txt", "eval-en.txt", "eval-fr.txt"], str(evals))
    pairs = sorted(n for n in os.listdir(d) if n.startswith("pair-"))
    want_pairs = sorted(f"pair-{a}-{b}.txt" for a in ("news", "reviews", "web", "books") for b in ("small", "large"))
    check("e2e loop bodies: an inner loop ran once per pair of items", pairs == want_pairs, str(pairs))


def e2e_fan_in_nested():
    d = out_dir()
    state, states, out = run_dag("airflow-local-fan-in-nested", {"outDir": d, "sizes": ["small", "large"]})
    check("e2e nested fan-in: run succeeded", state == "success", f"state {state}\n{explain(out)}")
    big = states.get("for-each-x.big", {})
    check("e2e nested fan-in: the branch ran only where x > limit", big == {0: "skipped", 1: "success", 2: "success"}, str(big))
    got = read(d, "branch.json")
    check("e2e nested fan-in: a fan-in from a branch holds only the iterations that took it, in item order", got is not None and json.loads(got) == [50, 90], repr(got))
    pairs = read(d, "pairs.json")
    want = ["news-small", "news-large", "books-small", "books-large"]
    check("e2e nested fan-in: a fan-in from an inner loop is one flat list, outer item first", pairs is not None and json.loads(pairs) == want, repr(pairs))


def e2e_loop_exit_handler():
    d = out_dir()
    state, states, out = run_dag("airflow-local-loop-exit-handler", {"outDir": d, "shards": ["ok", "bad", "fine"]})
    index = states.get("for-each-shard.index", {})
    check("e2e loop exit handler: the step failed in its own iteration only", index == {0: "success", 1: "failed", 2: "success"}, str(index))
    cleaned = [read(d, f"cleanup-{s}.txt") for s in ("ok", "bad", "fine")]
    check("e2e loop exit handler: every iteration's exit handler ran, the failed one's too", cleaned == ["done"] * 3, str(cleaned))
    indexed = [read(d, f"index-{s}.txt") for s in ("ok", "bad", "fine")]
    check("e2e loop exit handler: the other iterations' steps ran", indexed == ["2", None, "4"], str(indexed))
    check("e2e loop exit handler: the run is marked failed", state == "failed", f"state {state}\n{explain(out)}")


def e2e_exit_handler():
    d = out_dir()
    state, states, out = run_dag("airflow-local-exit-handler", {"outDir": d})
    check("e2e exit handler: the failing step failed", states.get("fail", {}).get(-1) == "failed", str(states))
    check("e2e exit handler: it ran after the failure", read(d, "cleanup.txt") == "cleaned", repr(read(d, "cleanup.txt")))
    check("e2e exit handler: the run is marked failed", state == "failed", f"state {state}")


def resolve_arg(arg, inputs, params, conf):
    """The text the IR says a step receives, for literal and param bindings (all this fixture uses)."""
    if isinstance(arg, str):
        return arg
    if "concat" in arg:
        return "".join(resolve_arg(p, inputs, params, conf) for p in arg["concat"])
    b = inputs[arg["inputValue"]]
    if "literal" in b:
        return b["literal"]
    name = b["param"]
    return conf.get(name, params[name])


def e2e_hostile(fixtures):
    with open(os.path.join(fixtures, "airflow-hostile-strings", "expected", "airflow-hostile-strings.ir.yaml"), encoding="utf-8") as f:
        ir = yaml.safe_load(f)
    d = out_dir()
    conf = {"outDir": d}
    state, _, out = run_dag("airflow-hostile-strings", conf)
    check("e2e hostile strings: run succeeded", state == "success", f"state {state}\n{explain(out)}")
    comp = ir["spec"]["components"][0]
    task = ir["spec"]["root"][0]
    params = {p["name"]: p.get("default") for p in ir["spec"]["params"]}
    expected = [resolve_arg(a, task["inputs"], params, conf) for a in comp["implementation"]["container"]["args"][1:]]
    got = json.loads(read(d, "argv.json") or "{}")
    argv = got.get("argv", [])
    for i, (want, have) in enumerate(zip(expected, argv + [None] * len(expected))):
        check(f"e2e hostile strings: argument {i + 1} {want!r} arrived unchanged", want == have, f"got {have!r}")
    check("e2e hostile strings: no extra arguments", len(argv) == len(expected), f"{len(argv)} != {len(expected)}")
    env = next(e["value"] for e in comp["env"] if e["name"] == "HOSTILE")
    check("e2e hostile strings: env value arrived unchanged", got.get("env") == env, repr(got.get("env")))


def k8s_expand(text, env):
    """Kubernetes' $(VAR) expansion of container command, args and env values ($$ is its escape)."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "$" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt == "$":
                out.append("$")
                i += 2
                continue
            if nxt == "(":
                end = text.find(")", i + 2)
                if end != -1:
                    name = text[i + 2 : end]
                    out.append(env.get(name, text[i : end + 1]))
                    i = end + 1
                    continue
            out.append("$" + nxt)
            i += 2
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def e2e_pod_rendering(fixtures):
    """A pod cannot start without a cluster, but Airflow renders its fields first and records them."""
    with open(os.path.join(fixtures, "airflow-hostile-strings-pod", "expected", "airflow-hostile-strings-pod.ir.yaml"), encoding="utf-8") as f:
        ir = yaml.safe_load(f)
    conf = {"outDir": "/data/out $(HOME) {{ ds }}"}
    run_dag("airflow-hostile-strings-pod", conf)
    db = sqlite3.connect(os.path.join(os.environ["AIRFLOW_HOME"], "airflow.db"))
    row = db.execute(
        "select rendered_fields from rendered_task_instance_fields where dag_id = ? and task_id = 'echo-args'"
        " and run_id = (select run_id from dag_run where dag_id = ? order by id desc limit 1)",
        ("airflow-hostile-strings-pod", "airflow-hostile-strings-pod"),
    ).fetchone()
    db.close()
    if not check("pod rendering: Airflow rendered and recorded the pod's fields", row is not None, "no rendered fields"):
        return
    fields = json.loads(row[0])
    comp = ir["spec"]["components"][0]
    task = ir["spec"]["root"][0]
    params = {p["name"]: p.get("default") for p in ir["spec"]["params"]}
    container = comp["implementation"]["container"]
    env_value = next(e["value"] for e in comp["env"] if e["name"] == "HOSTILE")
    env_vars = fields.get("env_vars", [])
    if isinstance(env_vars, str):  # Airflow 2 records Kubernetes objects as their Python repr
        env_vars = ast.literal_eval(env_vars)
    rendered_env = {e["name"]: e["value"] for e in env_vars}
    # Kubernetes expands env values first (in order), then command and args against them.
    env = {"HOSTILE": k8s_expand(rendered_env.get("HOSTILE", ""), {})}
    check("pod rendering: env value reaches the container unchanged", env["HOSTILE"] == env_value, repr(env["HOSTILE"]))
    want_cmd = [resolve_arg(a, task["inputs"], params, conf) for a in container["command"]]
    got_cmd = [k8s_expand(a, env) for a in fields.get("cmds", [])]
    check("pod rendering: command reaches the container unchanged", got_cmd == want_cmd, f"{got_cmd!r}")
    want = [resolve_arg(a, task["inputs"], params, conf) for a in container["args"]]
    got = [k8s_expand(a, env) for a in fields.get("arguments", [])]
    for i, w in enumerate(want):
        have = got[i] if i < len(got) else None
        check(f"pod rendering: argument {i} {w!r} reaches the container unchanged", have == w, f"got {have!r}")
    check("pod rendering: no extra arguments", len(got) == len(want), f"{len(got)} != {len(want)}")


def main():
    counts_file, fixtures = sys.argv[1], sys.argv[2]
    e2e_params()
    e2e_condition()
    e2e_loop()
    e2e_exit_handler()
    e2e_loop_bodies()
    e2e_loop_exit_handler()
    e2e_fan_in_nested()
    e2e_hostile(fixtures)
    e2e_pod_rendering(fixtures)
    save(counts_file)


if __name__ == "__main__":
    main()
